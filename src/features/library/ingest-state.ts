/**
 * Screen state of ingest: progress while files go in, then the report. Runs are queued, so a
 * second drop during an ingest waits for the first to finish.
 */
import { create } from 'zustand';
import { runIngest, type IngestProgress, type IngestReport } from '@/lib/ingest/run';
import { createIngestWorkerPool } from '@/lib/ingest/worker-pool';
import { readKnownAssetIds } from '@/lib/dataset/library-queries';
import type { CollectedSources } from '@/lib/ingest/sources';
import { requestPersistenceOnce } from '@/lib/storage/quota';
import { useStorageStore } from '@/stores/storage-store';
import { useIngestActivity } from '@/stores/ingest-activity-store';
import { defaultOptions } from '@/core/options';

export type IngestPhase = 'idle' | 'collecting' | 'running' | 'done';

interface IngestState {
  phase: IngestPhase;
  progress: IngestProgress;
  report: IngestReport | undefined;
  /** Drops waiting behind the current run. */
  queued: number;
  /** Seconds the last run took. */
  lastSeconds: number | undefined;
  add: (input: CollectedSources | Promise<CollectedSources>) => Promise<void>;
  cancel: () => void;
  dismiss: () => void;
}

let controller: AbortController | undefined;
let chain: Promise<void> = Promise.resolve();
// Progress arrives per file; the panel needs a few frames a second, not a render per file.
const PROGRESS_EVERY_MS = 250;

export const useIngestState = create<IngestState>((set, get) => ({
  phase: 'idle',
  progress: { done: 0, total: 0 },
  report: undefined,
  queued: 0,
  lastSeconds: undefined,
  add: (input) => {
    set((s) => ({ queued: s.queued + 1, ...(s.phase === 'idle' || s.phase === 'done' ? { phase: 'collecting' as const, report: undefined, progress: { done: 0, total: 0 } } : {}) }));
    chain = chain.then(() => runOne(input)).catch(() => undefined);
    return chain;
  },
  cancel: () => controller?.abort(),
  dismiss: () => {
    if (get().phase === 'done') set({ phase: 'idle', report: undefined });
  },
}));

async function runOne(input: CollectedSources | Promise<CollectedSources>) {
  const set = useIngestState.setState;
  set((s) => ({ queued: s.queued - 1, phase: 'collecting', report: undefined, progress: { done: 0, total: 0 } }));
  const t0 = performance.now();
  controller = new AbortController();
  const { signal } = controller;
  let pool: ReturnType<typeof createIngestWorkerPool> | undefined;
  let last = 0;
  useIngestActivity.getState().setRunning(true);
  try {
    const { sources, issues } = await input;
    void requestPersistenceOnce().catch(() => false);
    pool = createIngestWorkerPool(await readKnownAssetIds());
    set({ phase: 'running' });
    const report = await runIngest(sources, issues, {
      process: pool.process,
      signal,
      concurrency: defaultOptions.ingest.concurrency,
      onProgress: (p) => {
        const now = performance.now();
        if (p.done === p.total || now - last >= PROGRESS_EVERY_MS) {
          last = now;
          set({ progress: p });
        }
      },
    });
    set({ phase: 'done', report, lastSeconds: (performance.now() - t0) / 1000 });
  } catch {
    set({
      phase: 'done',
      report: { added: [], masksAttached: 0, companionsAttached: 0, layouts: [], skipped: [], notes: ['Adding files stopped because of an unexpected problem; files added before it stay in the project. Try again.'], cancelled: false, notProcessed: 0 },
    });
  } finally {
    useIngestActivity.getState().setRunning(false);
    pool?.dispose();
    controller = undefined;
    void useStorageStore.getState().refresh();
  }
}

// The hidden file inputs live in the app-wide overlay; buttons anywhere open them through here.
type PickerKind = 'files' | 'folder';
const pickers: Partial<Record<PickerKind, HTMLInputElement | null>> = {};

export function registerPicker(kind: PickerKind, input: HTMLInputElement | null) {
  pickers[kind] = input;
}

export function openPicker(kind: PickerKind) {
  pickers[kind]?.click();
}
