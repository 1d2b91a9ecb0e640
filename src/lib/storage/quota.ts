/** Browser storage facts: how much the project uses, how much is left, and whether it is kept. */

export interface StorageFacts {
  usageBytes: number;
  quotaBytes: number;
  persisted: boolean;
}

const ASKED_KEY = 'aw.persist-asked';

export async function readStorageFacts(): Promise<StorageFacts | undefined> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.estimate) return undefined;
  const [est, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)]);
  return { usageBytes: est.usage ?? 0, quotaBytes: est.quota ?? 0, persisted };
}

/**
 * Asks once per browser profile for persistent storage, so the browser does not evict the project
 * under disk pressure. Asked when the user first adds files (a moment that explains why).
 */
export async function requestPersistenceOnce(): Promise<boolean> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return false;
  if (await storage.persisted?.()) return true;
  try {
    if (localStorage.getItem(ASKED_KEY)) return false;
    localStorage.setItem(ASKED_KEY, String(Date.now()));
  } catch {
    /* private mode: ask anyway */
  }
  return storage.persist();
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u += 1;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}
