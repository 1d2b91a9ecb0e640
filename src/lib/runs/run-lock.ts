/**
 * One runner per batch across the browser's tabs, through Web Locks: the tab that runs a batch
 * holds `aw-run:<run id>` until the batch ends, and the browser frees it when that tab closes or
 * reloads. Other tabs see the held lock and show the run as running elsewhere instead of offering
 * a Resume that would buy the same model calls again.
 */

const PREFIX = 'aw-run:';
const lockName = (runId: string) => `${PREFIX}${runId}`;

/** Runs whose lock this tab holds. */
const heldHere = new Set<string>();

/** The tab that would run the batch holds its lock; `null` when another tab has it. */
export interface RunLock {
  release: () => void;
}

/** Refused because another tab runs this batch. */
export class RunElsewhereError extends Error {
  constructor() {
    super('This run is running in another tab of this browser; its answers appear here as they arrive. Close that tab to take it over here.');
    this.name = 'RunElsewhereError';
  }
}

function locks(): LockManager | undefined {
  return typeof navigator !== 'undefined' ? navigator.locks : undefined;
}

/** Takes the run's lock when no other tab holds it. Without Web Locks (old browsers, node) every tab may run. */
export function acquireRunLock(runId: string): Promise<RunLock | null> {
  const lm = locks();
  if (!lm) return Promise.resolve({ release: () => undefined });
  return new Promise<RunLock | null>((resolve, reject) => {
    lm.request(lockName(runId), { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(null);
        return undefined;
      }
      heldHere.add(runId);
      // The lock is held as long as this promise is pending.
      return new Promise<void>((done) => {
        resolve({
          release: () => {
            heldHere.delete(runId);
            done();
          },
        });
      });
    }).catch(reject);
  });
}

/** Ids of runs whose lock another tab holds right now. */
export async function runsRunningElsewhere(): Promise<Set<string>> {
  const lm = locks();
  if (!lm?.query) return new Set();
  const snapshot = await lm.query();
  const out = new Set<string>();
  for (const l of snapshot.held ?? []) {
    if (!l.name?.startsWith(PREFIX)) continue;
    const id = l.name.slice(PREFIX.length);
    if (!heldHere.has(id)) out.add(id);
  }
  return out;
}
