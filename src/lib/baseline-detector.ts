/**
 * The offline baseline as a detector: takes a case, finds its class's reference images, asks the
 * baseline worker to compare, and returns a `Result` like any model would (score source
 * 'baseline', heatmap in `artefacts.heatmap`). Needs no key and no network.
 */
import type { Case, RenderImage, Result, Run } from '@/core/model';
import { projectDb, type ProjectDb } from '@/lib/db';
import { caseImages } from '@/lib/case-images';
import type { BaselineRequest, BaselineResponse } from '@/lib/baseline-protocol';

/** Scores at or above this are called anomalous (0.5 = the largest difference normal references show among themselves). */
export const BASELINE_THRESHOLD = 0.5;
export const BASELINE_VERSION = 'patch-nn-1';
export const BASELINE_RUN_NAME = 'Offline baseline';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (r: BaselineResponse) => void>();

function baselineWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('../workers/baseline.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<BaselineResponse>) => {
      pending.get(e.data.id)?.(e.data);
      pending.delete(e.data.id);
    };
  }
  return worker;
}

function compare(req: Omit<BaselineRequest, 'id'>): Promise<BaselineResponse> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    baselineWorker().postMessage({ ...req, id } satisfies BaselineRequest);
  });
}

/**
 * The normal images a case is compared with: the class's reference candidates, or, when the class
 * has none, its cases labelled normal. Never the case itself, nor another copy of its file.
 */
export async function baselineReferences(c: Case, db: ProjectDb = projectDb()): Promise<Case[]> {
  const same = (await db.cases.where('className').equals(c.className).toArray()).filter((x) => x.kind === c.kind && x.assetId !== c.assetId && !x.parentId);
  const refs = same.filter((x) => x.role === 'reference');
  const chosen = refs.length ? refs : same.filter((x) => x.truth.status === 'normal');
  return chosen.sort((a, b) => a.name.localeCompare(b.name)).slice(0, 8);
}

async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
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
  const base = { id: `${ctx.runId}:${c.id}:${rep}`, runId: ctx.runId, caseId: c.id, rep, createdAt: Date.now() };
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
  for (let i = 0; i < query.length; i++) {
    const references = refs.filter((r) => r[i]).map((r, k) => ({ key: `${refCases[k].assetId}:${i}`, blob: r[i].blob }));
    if (!references.length) continue;
    const res = await compare({ query: { key: `${c.assetId}:${i}`, blob: query[i].blob }, references, threshold });
    if (!res.ok) return errorResult(base, `The baseline could not read the images of "${c.name}" (${res.message}); check that the file is a valid image.`);
    if (!best || res.score > best.score) best = res;
  }
  if (!best) return errorResult(base, `No reference image matches the images of "${c.name}".`);
  const anomalous = best.score >= threshold;
  return {
    ...base,
    status: 'ok',
    verdict: anomalous ? 'anomalous' : 'normal',
    score: best.score,
    scoreSource: 'baseline',
    reasoning: best.explanation,
    requestHash: await sha256Hex(JSON.stringify([BASELINE_VERSION, threshold, c.assetId, refCases.map((r) => r.assetId)])),
    imageHashes: [c.assetId],
    latencyMs: Math.round(performance.now() - t0),
    costUsd: 0,
    artefacts: { heatmap: best.heatmap },
  };
}

/** The baseline as an executor for a batch queue: same signature for every case of a run. */
export function createBaselineExecutor(opts: Omit<BaselineContext, 'runId' | 'rep'> = {}) {
  return (c: Case, run: { runId: string; rep?: number }) => baselineResult(c, { ...opts, runId: run.runId, rep: run.rep });
}

/**
 * Writes a baseline Run over the given cases (default: every test case), saving each result as it
 * arrives. Returns the run id.
 */
export async function runBaselineOnCases(opts: { caseIds?: string[]; onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {}): Promise<string> {
  const db = projectDb();
  const cases = opts.caseIds
    ? (await db.cases.bulkGet(opts.caseIds)).filter((c): c is Case => !!c)
    : (await db.cases.where('role').equals('test').toArray()).filter((c) => !c.parentId);
  cases.sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name));
  const run: Run = {
    id: crypto.randomUUID(),
    name: BASELINE_RUN_NAME,
    detector: 'baseline',
    params: { version: BASELINE_VERSION, threshold: BASELINE_THRESHOLD },
    caseIds: cases.map((c) => c.id),
    repeat: 1,
    variant: { kind: 'plain' },
    status: 'running',
    createdAt: Date.now(),
  };
  await db.runs.add(run);
  const exec = createBaselineExecutor();
  let done = 0;
  opts.onProgress?.(0, cases.length);
  for (const c of cases) {
    if (opts.signal?.aborted) {
      await db.runs.update(run.id, { status: 'cancelled', finishedAt: Date.now() });
      return run.id;
    }
    await db.results.put(await exec(c, { runId: run.id }));
    opts.onProgress?.(++done, cases.length);
  }
  await db.runs.update(run.id, { status: 'done', finishedAt: Date.now() });
  return run.id;
}
