/**
 * Batch runs in this tab: their schedulers and live progress. The executor calls `runCase` with
 * the current provider settings and key and `maxRetries: 0` (the scheduler owns retries).
 */
import { create } from 'zustand';
import type { Run } from '@/core/model';
import type { Progress } from '@/core/runs/scheduler';
import { startBatch, type BatchHandle, type CaseExecutor } from '@/lib/runs/batch-runner';
import { projectDb } from '@/lib/storage/db';
import { runCase } from '@/lib/runs/run-case';
import { createBaselineExecutor } from '@/lib/baseline/detector';
import { useProviderStore } from '@/stores/provider-store';
import { defaultOptions } from '@/core/options';

export interface ActiveBatch {
  handle: BatchHandle;
  progress: Progress;
}

interface BatchState {
  active: Record<string, ActiveBatch>;
  /** Runs waiting for the one before them to finish (an ablation runs its variants one after another). */
  waiting: readonly string[];
  /** Runs the given runs one after another, so the concurrency limit holds for the whole set. */
  startInTurn: (runIds: readonly string[], opts?: { force?: boolean }) => Promise<void>;
  unqueue: (runId: string) => void;
  concurrency: number;
  rpm: number | undefined;
  /** Ask before starting runs estimated above this cost (USD) or, with an unknown price, above this many calls. */
  confirmAbove: { usd: number; calls: number };
  setDefaults: (p: { concurrency?: number; rpm?: number | undefined; confirmAbove?: { usd: number; calls: number } }) => void;
  start: (runId: string, opts?: { force?: boolean; execute?: CaseExecutor }) => Promise<BatchHandle>;
  pause: (runId: string) => void;
  resume: (runId: string) => void;
  cancel: (runId: string) => void;
  setConcurrency: (runId: string, n: number) => void;
  setRpm: (runId: string, rpm: number | undefined) => void;
}

const CONFIRM_KEY = 'anomaly-workbench:confirm-above';

function readConfirmAbove(): { usd: number; calls: number } {
  try {
    const v = JSON.parse(localStorage.getItem(CONFIRM_KEY) ?? 'null') as { usd?: unknown; calls?: unknown } | null;
    if (v && typeof v.usd === 'number' && typeof v.calls === 'number') return { usd: v.usd, calls: v.calls };
  } catch {
    // A damaged preference falls back to the defaults.
  }
  return { ...defaultOptions.runs.confirmAbove };
}

/** Calls the model for one case of `run`, with the provider the run was made for and today's key. */
export function modelExecutor(run: Run): CaseExecutor {
  return (call) => {
    const { config, apiKey, prices } = useProviderStore.getState();
    const provider = run.provider ? { ...config, baseURL: run.provider.baseURL, model: run.provider.model, presetId: run.provider.presetId } : config;
    return runCase({
      caseId: call.caseId,
      promptVersionId: run.promptVersionId ?? '',
      provider,
      apiKey,
      runId: call.runId,
      rep: call.rep,
      signal: call.signal,
      options: { ...call.options, maxRetries: 0, prices, stream: false },
    });
  };
}

export const useBatchStore = create<BatchState>((set, get) => ({
  active: {},
  waiting: [],
  startInTurn: async (runIds, opts = {}) => {
    set((s) => ({ waiting: [...s.waiting, ...runIds.slice(1)] }));
    for (const [i, id] of runIds.entries()) {
      if (i > 0 && !get().waiting.includes(id)) continue;
      set((s) => ({ waiting: s.waiting.filter((w) => w !== id) }));
      const h = await get().start(id, opts);
      await h.finished;
    }
  },
  unqueue: (runId) => {
    set((s) => ({ waiting: s.waiting.filter((w) => w !== runId) }));
    void projectDb().runs.update(runId, { status: 'cancelled', finishedAt: Date.now() });
  },
  concurrency: defaultOptions.runs.concurrency,
  rpm: undefined,
  confirmAbove: readConfirmAbove(),
  setDefaults: (p) => {
    if (p.confirmAbove) localStorage.setItem(CONFIRM_KEY, JSON.stringify(p.confirmAbove));
    set(p);
  },
  start: async (runId, opts = {}) => {
    const existing = get().active[runId];
    if (existing && existing.progress.state !== 'done' && existing.progress.state !== 'cancelled') return existing.handle;
    const run = await projectDb().runs.get(runId);
    if (!run) throw new Error('This run is no longer in the project.');
    // A baseline run resumes with the baseline, never with a model.
    const execute = opts.execute ?? (run.detector === 'baseline' ? createBaselineExecutor() : modelExecutor(run));
    let handle: BatchHandle | undefined;
    const onProgress = (progress: Progress) => {
      if (!handle) return;
      const h = handle;
      set((s) => ({ active: { ...s.active, [runId]: { handle: h, progress } } }));
    };
    handle = await startBatch(runId, { execute, force: opts.force, concurrency: get().concurrency, rpm: get().rpm, onProgress });
    set((s) => ({ active: { ...s.active, [runId]: { handle: handle!, progress: handle!.scheduler.progress() } } }));
    return handle;
  },
  pause: (runId) => {
    get().active[runId]?.handle.scheduler.pause();
    void projectDb().runs.update(runId, { status: 'paused' });
  },
  resume: (runId) => {
    get().active[runId]?.handle.scheduler.resume();
    void projectDb().runs.update(runId, { status: 'running' });
  },
  cancel: (runId) => get().active[runId]?.handle.scheduler.cancel(),
  setConcurrency: (runId, n) => get().active[runId]?.handle.scheduler.setConcurrency(n),
  setRpm: (runId, rpm) => get().active[runId]?.handle.scheduler.setRpm(rpm),
}));
