/**
 * The offline baseline as a detector: takes a case, finds its class's reference images, asks the
 * baseline worker to compare, and returns a `Result` like any model would (score source
 * 'baseline', heatmap in `artefacts.heatmap`). Needs no key and no network.
 */
import type { Case, RenderImage, Result, Run } from '@/core/model';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { caseImages } from '@/lib/images/case-images';
import type { BaselineRequest, BaselineResponse } from '@/lib/baseline/protocol';
import { createWorkerClient, WorkerJobError } from '@/lib/worker-client';
import { startBatch, type CaseExecutor } from '@/lib/runs/batch-runner';
import { caseImageKey, newRunId, requestHash, resultId } from '@/core/identity';
import { runParams } from '@/core/runs/run-params';
import type { Progress } from '@/core/runs/scheduler';
import { defaultOptions } from '@/core/options';
import { chooseReferences } from '@/core/knowledge/reference-choice';

/** Scores at or above this are called anomalous (0.5 = the largest difference normal references show among themselves). */
export const BASELINE_THRESHOLD = 0.5;
export const BASELINE_VERSION = 'patch-nn-1';
export const BASELINE_RUN_NAME = 'Offline baseline';

const DEADLINE = defaultOptions.deadlines.baseline;

const client = createWorkerClient<BaselineRequest, BaselineResponse>({
  create: () => new Worker(new URL('../../workers/baseline.worker.ts', import.meta.url), { type: 'module' }),
  deadline: DEADLINE,
});

function compare(req: Omit<BaselineRequest, 'id'>, what: string): Promise<BaselineResponse> {
  const inputBytes = req.query.blob.size + req.references.reduce((n, r) => n + r.blob.size, 0);
  return client.request(req, { what, inputBytes });
}

/**
 * The normal images a case is compared with: the class's reference candidates, or, when the class
 * has none, its cases labelled normal. Never the case itself, nor another copy of its file.
 */
export async function baselineReferences(c: Case, db: ProjectDb = projectDb()): Promise<Case[]> {
  const same = await db.cases.where('className').equals(c.className).toArray();
  return chooseReferences(c, [], same, { limit: 8, byName: true, eligible: (x) => x.kind === c.kind && !x.parentId }).cases;
}

/** Cache key of an image's features: changes when a new render spec makes other views or frames. */

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

function peakBox(p: { x: number; y: number }, half = 0.08): [number, number, number, number] {
  return [clamp01(p.x - half), clamp01(p.y - half), clamp01(p.x + half), clamp01(p.y + half)];
}

function errorResult(base: Pick<Result, 'id' | 'runId' | 'caseId' | 'rep' | 'createdAt'>, message: string): Result {
  return { ...base, status: 'error', scoreSource: 'baseline', error: { kind: 'baseline', message } };
}

export interface BaselineContext {
  runId: string;
  rep?: number;
  threshold?: number;
  db?: ProjectDb;
  images?: (c: Case) => Promise<RenderImage[]>;
}

/** Runs the baseline on one case; failures come back as an error result with a sentence, never a throw. */
export async function baselineResult(c: Case, ctx: BaselineContext): Promise<Result> {
  const t0 = performance.now();
  const rep = ctx.rep ?? 0;
  const threshold = ctx.threshold ?? BASELINE_THRESHOLD;
  const images = ctx.images ?? caseImages;
  const base = { id: resultId(ctx.runId, c.id, rep), runId: ctx.runId, caseId: c.id, rep, createdAt: Date.now() };
  const refCases = await baselineReferences(c, ctx.db);
  if (!refCases.length) {
    return errorResult(base, `Class "${c.className}" has no reference images or normal-labelled cases to compare "${c.name}" with; mark some normal parts as references.`);
  }
  let query: RenderImage[];
  let refs: RenderImage[][];
  try {
    [query, ...refs] = await Promise.all([images(c), ...refCases.map((r) => images(r))]);
  } catch (err) {
    return errorResult(base, err instanceof Error ? err.message : `The images of "${c.name}" could not be read.`);
  }
  let best: Extract<BaselineResponse, { ok: true }> | undefined;
  let bestImage = 0;
  for (let i = 0; i < query.length; i++) {
    const references = refs.flatMap((r, k) => (r[i] ? [{ key: caseImageKey(refCases[k].assetId, i, r[i]), blob: r[i].blob }] : []));
    if (!references.length) continue;
    let res: BaselineResponse;
    try {
      res = await compare({ query: { key: caseImageKey(c.assetId, i, query[i]), blob: query[i].blob }, references, threshold }, `Comparing "${c.name}" with its references`);
    } catch (err) {
      return errorResult(base, err instanceof WorkerJobError ? err.message : `The baseline could not compare "${c.name}" with its references; try again.`);
    }
    if (!res.ok) return errorResult(base, `The baseline could not read the images of "${c.name}" (${res.message}); check that the file is a valid image.`);
    if (!best || res.score > best.score) {
      best = res;
      bestImage = i;
    }
  }
  if (!best) return errorResult(base, `No reference image matches the images of "${c.name}".`);
  const anomalous = best.score >= threshold;
  return {
    ...base,
    status: 'ok',
    verdict: anomalous ? 'anomalous' : 'normal',
    score: best.score,
    scoreSource: 'baseline',
    reasoning: query.length > 1 ? `${best.explanation} (Strongest in image ${bestImage + 1} of ${query.length}: ${query[bestImage].caption}.)` : best.explanation,
    // Where the largest difference is, on the image the heatmap belongs to.
    locations: [{ image: bestImage, box: peakBox(best.peak) }],
    requestHash: await requestHash({ detector: 'baseline', version: BASELINE_VERSION, threshold, assetId: c.assetId, referenceAssetIds: refCases.map((r) => r.assetId) }),
    imageHashes: [c.assetId],
    latencyMs: Math.round(performance.now() - t0),
    costUsd: 0,
    artefacts: { heatmap: best.heatmap, ...(best.heatmapGrid ? { heatmapGrid: best.heatmapGrid } : {}) },
  };
}

/**
 * The baseline as the batch runner's executor: same queue, stored results and metrics as a
 * model, with score source 'baseline'. Never throws.
 */
export function createBaselineExecutor(opts: Omit<BaselineContext, 'runId' | 'rep'> = {}): CaseExecutor {
  return async (call) => {
    const db = opts.db ?? projectDb();
    const c = await db.cases.get(call.caseId);
    if (!c) return errorResult({ id: resultId(call.runId, call.caseId, call.rep), runId: call.runId, caseId: call.caseId, rep: call.rep, createdAt: Date.now() }, 'This case was deleted before the baseline reached it.');
    return baselineResult(c, { ...opts, runId: call.runId, rep: call.rep });
  };
}

/** Saves a baseline Run (detector 'baseline', no prompt, no provider) that `startBatch` can run and resume. */
export async function createBaselineRun(caseIds: string[], db: ProjectDb = projectDb(), now = Date.now()): Promise<Run> {
  const run: Run = {
    id: newRunId(),
    name: BASELINE_RUN_NAME,
    detector: 'baseline',
    params: runParams.baseline(BASELINE_VERSION, BASELINE_THRESHOLD),
    caseIds: [...new Set(caseIds)],
    repeat: 1,
    variant: { kind: 'plain' },
    status: 'queued',
    createdAt: now,
  };
  await db.runs.put(run);
  return run;
}

/**
 * Runs the baseline over the given cases (default: every test case) through the batch runner,
 * results stored as they arrive. Resolves with the run id when the run has finished.
 */
export async function runBaselineOnCases(opts: { caseIds?: string[]; onProgress?: (p: Progress) => void } = {}): Promise<string> {
  const db = projectDb();
  const cases = opts.caseIds
    ? (await db.cases.bulkGet(opts.caseIds)).filter((c): c is Case => !!c)
    : (await db.cases.where('role').equals('test').toArray()).filter((c) => !c.parentId);
  cases.sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name));
  const run = await createBaselineRun(cases.map((c) => c.id), db);
  // One worker does the pixel work; two in flight keep it busy while the next images load.
  const handle = await startBatch(run.id, { execute: createBaselineExecutor(), ...defaultOptions.baseline, onProgress: opts.onProgress, db });
  await handle.finished;
  return run.id;
}

/** Resumes a baseline run cut off by a reload: only cases without a stored result are run. */
export async function resumeBaselineRun(runId: string, onProgress?: (p: Progress) => void): Promise<void> {
  const handle = await startBatch(runId, { execute: createBaselineExecutor(), ...defaultOptions.baseline, onProgress });
  await handle.finished;
}
