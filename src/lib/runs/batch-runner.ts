/**
 * Batch runs over many cases: creates the Run, queues one job per case and repeat, calls the
 * injected executor (the app passes `runCase` with `maxRetries: 0` — the scheduler is the one
 * retry layer), and writes results to `db.results` as they arrive (those arriving during a write
 * go together in the next one).
 *
 * - Resume: a job whose result is already stored is not queued again, and a result id is
 *   `resultId(runId, caseId, rep)`, so a reload mid-run loses nothing and duplicates nothing.
 * - Reuse: unless forced, each call first looks for an earlier answer to the very same request
 *   (`requestHash` and repeat, see `@/lib/run-case`), whatever run asked it. Before that, as a
 *   fast path without preparing images, answers of earlier runs with the same prompt version, provider,
 *   model, parameters and variant for the same case and repeat are copied (marked `reusedFrom`)
 *   instead of bought again. The images sent are a pure function of the case's content hash
 *   and the (immutable) prompt version, so these runs had the same `requestHash`.
 */
import type { AblationCell, Result, Run, RunControl, RunParams } from '@/core/model';
import { jobKey, newRunId, requestKey, resultId } from '@/core/identity';
import { runRequest } from '@/core/runs/run-params';
import { groupedWrites } from '@/core/runs/grouped-writes';
import { Scheduler, realClock, type Attempt, type Clock, type Job, type Progress } from '@/core/runs/scheduler';
import { projectDb, storageErrorText, type ProjectDb } from '@/lib/storage/db';
import { reportStorageProblem } from '@/lib/storage/notices';
import { acquireRunLock, RunElsewhereError, runsRunningElsewhere } from '@/lib/runs/run-lock';

export interface BatchCall {
  runId: string;
  caseId: string;
  rep: number;
  signal: AbortSignal;
  /** `reuseIdentical`: copy an earlier answer to the very same request instead of buying it again. */
  options: { blankQuery?: boolean; referenceOverride?: string[]; reuseIdentical?: boolean };
}

/** Runs one case once and never throws (see `@/lib/run-case`). */
export type CaseExecutor = (call: BatchCall) => Promise<Result>;

export interface BatchJob extends Job {
  caseId: string;
  rep: number;
  /** The case's class; read only for runs that swap references per class, empty otherwise. */
  className: string;
}

export interface NewRun {
  name: string;
  promptVersionId: string;
  provider: NonNullable<Run['provider']>;
  params: RunParams;
  caseIds: string[];
  repeat?: number;
  variant?: Run['variant'];
  control?: RunControl;
  ablation?: AblationCell;
}

/** Saves a new Run (status 'queued') that `startBatch` can run and resume. */
export async function createRun(spec: NewRun, db: ProjectDb = projectDb(), now = Date.now()): Promise<Run> {
  const run: Run = {
    id: newRunId(),
    ...(spec.ablation ? { ablation: spec.ablation } : {}),
    name: spec.name,
    detector: 'vlm',
    promptVersionId: spec.promptVersionId,
    provider: spec.provider,
    params: spec.control ? { ...spec.params, control: spec.control } : spec.params,
    caseIds: [...new Set(spec.caseIds)],
    repeat: Math.max(1, Math.floor(spec.repeat ?? 1)),
    variant: spec.variant ?? { kind: 'plain' },
    status: 'queued',
    createdAt: now,
  };
  await db.runs.put(run);
  return run;
}

/** Copies reusable answers of earlier identical runs into this run. Returns how many were copied. */
export async function reuseEarlierResults(run: Run, db: ProjectDb = projectDb(), now = Date.now()): Promise<number> {
  const key = requestKey(runRequest(run));
  const twins = (await db.runs.where('promptVersionId').equals(run.promptVersionId ?? '').toArray()).filter((r) => r.id !== run.id && requestKey(runRequest(r)) === key);
  if (!twins.length) return 0;
  const have = new Set((await db.results.where('runId').equals(run.id).primaryKeys()) as string[]);
  const wanted = new Set(run.caseIds);
  const copies = new Map<string, Result>();
  for (const twin of twins) {
    for (const r of await db.results.where('runId').equals(twin.id).toArray()) {
      if (r.status === 'error' || !wanted.has(r.caseId) || r.rep >= run.repeat) continue;
      const id = resultId(run.id, r.caseId, r.rep);
      if (have.has(id) || copies.has(id)) continue;
      copies.set(id, { ...r, id, runId: run.id, reusedFrom: r.reusedFrom ?? r.id, costUsd: 0, createdAt: now });
    }
  }
  await db.results.bulkPut([...copies.values()]);
  return copies.size;
}

/** The jobs of a run that have no stored result yet. */
export async function pendingJobs(run: Run, db: ProjectDb = projectDb()): Promise<BatchJob[]> {
  const have = new Set((await db.results.where('runId').equals(run.id).primaryKeys()) as string[]);
  // A job needs its case's class only to swap references per class (a control run).
  const cases = run.params.control?.referenceOverride ? await db.cases.bulkGet(run.caseIds) : [];
  const jobs: BatchJob[] = [];
  for (let i = 0; i < run.caseIds.length; i++) {
    const caseId = run.caseIds[i];
    for (let rep = 0; rep < run.repeat; rep++) {
      if (!have.has(resultId(run.id, caseId, rep))) jobs.push({ key: jobKey(caseId, rep), caseId, rep, className: cases[i]?.className ?? '' });
    }
  }
  return jobs;
}

export interface BatchHandle {
  runId: string;
  scheduler: Scheduler<BatchJob, Result>;
  /** Answers copied from earlier identical runs instead of calling the model. */
  reused: number;
  /** Jobs that had a stored result already (a resumed run). */
  alreadyDone: number;
  finished: Promise<void>;
}

export interface StartOptions {
  execute: CaseExecutor;
  concurrency?: number;
  rpm?: number;
  /** Call the model even when an identical earlier answer exists. */
  force?: boolean;
  onProgress?: (p: Progress) => void;
  db?: ProjectDb;
  clock?: Clock;
  maxAttempts?: number;
  baseBackoffMs?: number;
}

export function classify(r: Result, signal: AbortSignal): Attempt<Result> {
  if (r.error?.kind === 'cancelled' || signal.aborted) return { result: r, failed: true, cancelled: true };
  const failed = r.status === 'error';
  return {
    result: r,
    failed,
    retryable: failed && !!r.error?.retryable,
    retryAfterS: r.error?.retryAfterS,
    rateLimited: r.error?.httpStatus === 429,
    costUsd: r.costUsd,
  };
}

/**
 * Starts (or resumes) a stored run. Only one tab runs a given run: when another tab holds it,
 * this throws `RunElsewhereError` and nothing is called.
 */
export async function startBatch(runId: string, o: StartOptions): Promise<BatchHandle> {
  const lock = await acquireRunLock(runId);
  if (!lock) throw new RunElsewhereError();
  try {
    const handle = await startLockedBatch(runId, o);
    void handle.finished.finally(lock.release);
    return handle;
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function startLockedBatch(runId: string, o: StartOptions): Promise<BatchHandle> {
  const db = o.db ?? projectDb();
  const clock = o.clock ?? realClock;
  const run = await db.runs.get(runId);
  if (!run) throw new Error(`The run ${runId} is no longer in this project; start a new run.`);
  const reused = o.force ? 0 : await reuseEarlierResults(run, db, clock.now());
  const jobs = await pendingJobs(run, db);
  const total = run.caseIds.length * run.repeat;
  const control = run.params.control ?? {};
  // Answers that arrive while one write runs are stored together in the next one.
  const saveResult = groupedWrites<Result>(async (results) => {
    try {
      await db.results.bulkPut(results);
    } catch (err) {
      // The scheduler counts these jobs as failed and shows this sentence on the run.
      const text = storageErrorText(err);
      if (!text) throw err;
      reportStorageProblem(`Answers of run "${run.name}" could not be saved. ${text}`);
      throw new Error(text);
    }
  });
  const scheduler = new Scheduler<BatchJob, Result>({
    clock,
    concurrency: o.concurrency,
    rpm: o.rpm,
    maxAttempts: o.maxAttempts,
    baseBackoffMs: o.baseBackoffMs,
    onProgress: o.onProgress,
    execute: async (job, signal) => {
      const r = await o.execute({
        runId,
        caseId: job.caseId,
        rep: job.rep,
        signal,
        options: { blankQuery: control.blankQuery, referenceOverride: control.referenceOverride?.[job.className], reuseIdentical: !o.force },
      });
      // The id is ours, whatever the executor made of it: one result per case and repeat.
      return classify({ ...r, id: resultId(runId, job.caseId, job.rep), runId, caseId: job.caseId, rep: job.rep }, signal);
    },
    onResult: (_job, result) => saveResult(result),
  });
  await db.runs.update(runId, { status: 'running' });
  scheduler.add(jobs);
  const finished = scheduler.whenIdle().then(async () => {
    const p = scheduler.progress();
    if (p.state === 'cancelled') await db.runs.update(runId, { status: 'cancelled', finishedAt: clock.now() });
    else if (p.state === 'done') await db.runs.update(runId, { status: 'done', finishedAt: clock.now() });
  });
  return { runId, scheduler, reused, alreadyDone: total - jobs.length - reused, finished };
}

/** Runs whose work stopped without finishing (tab closed or reloaded mid-run); runs another tab is running are not. */
export async function interruptedRuns(activeIds: ReadonlySet<string>, db: ProjectDb = projectDb()): Promise<Run[]> {
  const all = await db.runs.toArray();
  const elsewhere = await runsRunningElsewhere();
  return all.filter((r) => (r.status === 'running' || r.status === 'paused' || r.status === 'queued') && !activeIds.has(r.id) && !elsewhere.has(r.id));
}
