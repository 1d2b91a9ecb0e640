/**
 * A run sent through the provider's Batch API: build the request file (the very bodies a live run
 * sends), split it to the provider's limits, upload and create one batch per part, and later look
 * at each batch, read its output and error files into the run, or cancel it. Every batch id is
 * stored on the Run row as soon as it exists, so a reload picks up where it was.
 */
import type { BatchJob, Run } from '@/core/model';
import { BATCH_DISCOUNT, BATCH_TARGETS, BATCH_UNSUPPORTED, filesToImport, isTerminal, jobFromApi, needsAttention, splitBatchLines, type BatchPart, type BatchTarget } from '@/core/runs/batch-api';
import { toBatchJsonl } from '@/core/export/openai-batch';
import { costUsd, priceFor, providerPreset, type PriceRow, type ProviderConfig } from '@/core/vlm/providers';
import { batchFileText, cancelBatch, createBatch, retrieveBatch, uploadBatchFile, type BatchConnection } from '@/lib/vlm/batch-api-client';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { importBatchOutput, prepareBatchApiRequests } from '@/lib/export/results-io';
import { VlmError } from '@/lib/vlm/openai-client';

/** The provider's batch target, or a sentence saying why this provider cannot take batches. */
export function batchTargetFor(presetId: string): { target: BatchTarget } | { reason: string } {
  const target = BATCH_TARGETS[presetId];
  return target ? { target } : { reason: BATCH_UNSUPPORTED(presetId, providerPreset(presetId).title) };
}

export interface SubmitInput {
  promptVersionId: string;
  provider: ProviderConfig;
  apiKey: string;
  caseIds: string[];
  name: string;
  /** A smaller cap than the provider's, requests per batch (to get first answers sooner). */
  maxRequestsPerBatch?: number;
  onStep?: (sentence: string) => void;
  /** The price list, for the cost estimate. */
  prices?: readonly PriceRow[];
  fetch?: typeof fetch;
}

export interface SubmitOutput {
  run: Run;
  parts: number;
  /** Cases whose request could not be built (sentences). */
  skipped: string[];
  /** Most the run can cost if every answer uses its whole output budget, USD: live and batch price. */
  maxCostUsd?: { live: number; batch: number };
}

/**
 * Writes jobs into the stored run by batch id (new ids appended), so a look and a submission in
 * flight at the same time never drop each other's batches. Returns the merged list.
 */
/**
 * One JSONL line per request, written by the shared line builder; each body is let go once its
 * line exists, so the images are not held twice over the whole set.
 */
function* requestLines(requests: { caseId: string; body: unknown }[], url: string): Generator<string> {
  const seen = new Set<string>();
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i];
    if (seen.has(r.caseId)) continue;
    seen.add(r.caseId);
    yield toBatchJsonl([r], url);
    requests[i] = { caseId: r.caseId, body: null };
  }
}

async function saveJobs(db: ProjectDb, runId: string, jobs: readonly BatchJob[], extra: (merged: BatchJob[], run: Run) => Partial<Run> = () => ({})): Promise<BatchJob[]> {
  return db.transaction('rw', db.runs, async () => {
    const run = await db.runs.get(runId);
    if (!run) return [];
    const byId = new Map(jobs.map((j) => [j.id, j]));
    const merged = (run.batchJobs ?? []).map((j) => ({ ...(byId.get(j.id) ?? j) }));
    for (const j of jobs) if (!merged.some((m) => m.id === j.id)) merged.push({ ...j });
    await db.runs.update(runId, { batchJobs: merged, ...extra(merged, run) });
    return merged;
  });
}

/**
 * Makes the run and submits its batches. A failure before the first batch exists leaves the run
 * with a note and no batches; a failure after it keeps the batches already created running.
 */
export async function submitBatchApiRun(input: SubmitInput, db: ProjectDb = projectDb()): Promise<SubmitOutput> {
  const found = batchTargetFor(input.provider.presetId);
  if ('reason' in found) throw new Error(found.reason);
  const { target } = found;
  const limits = { maxRequests: Math.max(1, Math.min(target.maxRequests, input.maxRequestsPerBatch ?? Infinity)), maxBytes: target.maxBytes };
  input.onStep?.('Building the requests…');
  const { run, requests, skipped, tokens } = await prepareBatchApiRequests({ promptVersionId: input.promptVersionId, provider: input.provider, caseIds: input.caseIds, name: input.name }, db);
  if (!run.caseIds.length) {
    await db.runs.update(run.id, { status: 'cancelled', batchNote: 'No case could be prepared, so nothing was sent.' });
    throw new Error(`No case could be prepared, so nothing was sent.${skipped.length ? ` ${skipped.join(' ')}` : ''}`);
  }
  let parts: BatchPart[];
  try {
    parts = splitBatchLines(requestLines(requests, target.lineUrl), limits);
  } catch (e) {
    const msg = e instanceof Error ? e.message : 'The request file could not be split into batches.';
    await db.runs.update(run.id, { status: 'cancelled', batchNote: msg });
    throw new Error(msg);
  }
  const conn: BatchConnection = { config: input.provider, apiKey: input.apiKey, fetch: input.fetch };
  const jobs: BatchJob[] = [];
  await db.runs.update(run.id, { status: 'running', batchJobs: [], batchParts: parts.length });
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const of = parts.length > 1 ? ` (part ${i + 1} of ${parts.length})` : '';
    try {
      input.onStep?.(`Uploading ${part.requests} request${part.requests === 1 ? '' : 's'}${of}…`);
      const fileId = await uploadBatchFile(conn, part.lines, `anomaly-workbench-${run.id.slice(4, 12)}-${i + 1}.jsonl`);
      input.onStep?.(`Creating the batch${of}…`);
      const api = await createBatch(conn, fileId, target.endpoint, run.id);
      const job = jobFromApi({ id: api.id, inputFileId: fileId, requests: part.requests, bytes: part.bytes, status: 'validating', createdAt: Date.now() }, api, Date.now());
      jobs.push(job);
      // Only the new batch: a look running meanwhile may already have moved the earlier ones on.
      await saveJobs(db, run.id, [job]);
    } catch (e) {
      const why = e instanceof Error ? e.message : 'the provider refused it';
      const note = jobs.length
        ? `Part ${i + 1} of ${parts.length} and after were not sent: ${why} The ${jobs.length} part${jobs.length === 1 ? '' : 's'} already sent keep${jobs.length === 1 ? 's' : ''} running; run the remaining cases again later.`
        : `Nothing was sent: ${why}`;
      await saveJobs(db, run.id, [], () => ({ batchNote: note, batchParts: jobs.length, ...(jobs.length ? {} : { status: 'cancelled' as const }) }));
      throw new Error(note);
    }
  }
  const live = costUsd(priceFor(input.prices ?? [], input.provider.model), tokens.input, tokens.maxOutput);
  return { run: (await db.runs.get(run.id)) ?? run, parts: parts.length, skipped, maxCostUsd: live === undefined ? undefined : { live, batch: live * (1 - BATCH_DISCOUNT) } };
}

export interface CheckResult {
  /** Whether any batch of the run still needs looking at. */
  pending: boolean;
  /** Sentences of imports done in this look. */
  imported: string[];
  /** A Retry-After the provider asked for, s. */
  retryAfterS?: number;
}

/** Where the run's results should come from: the live price list and the batch discount. */
function pricingFor(run: Run, prices: readonly PriceRow[]) {
  return { price: priceFor(prices, run.provider?.model ?? ''), discount: BATCH_DISCOUNT };
}

/**
 * One look at every unfinished batch of the run: status and counts stored, finished output and
 * error files read into the run. A failure to reach the provider is stored as a sentence on the
 * batch it concerns and tried again at the next look; a Retry-After it sent is returned so the
 * caller waits at least that long.
 */
export async function checkBatchApiRun(runId: string, conn: BatchConnection, prices: readonly PriceRow[] = [], db: ProjectDb = projectDb()): Promise<CheckResult> {
  const run = await db.runs.get(runId);
  if (!run?.batchJobs) return { pending: false, imported: [] };
  const jobs = run.batchJobs.map((j) => ({ ...j }));
  const touched: BatchJob[] = [];
  const imported: string[] = [];
  let retryAfterS: number | undefined;
  for (let i = 0; i < jobs.length; i++) {
    if (!needsAttention(jobs[i])) continue;
    try {
      if (!isTerminal(jobs[i].status)) jobs[i] = jobFromApi(jobs[i], await retrieveBatch(conn, jobs[i].id), Date.now());
      for (const fileId of filesToImport(jobs[i])) {
        const text = await batchFileText(conn, fileId);
        const kind = fileId === jobs[i].errorFileId ? 'error file' : 'output file';
        try {
          imported.push(await importBatchOutput(runId, text, `The ${kind} of batch ${jobs[i].id}`, db, pricingFor(run, prices)));
        } catch (e) {
          // A file that cannot be read now will not read better later: say so once and move on.
          jobs[i].error = e instanceof Error ? e.message : `The ${kind} of batch ${jobs[i].id} could not be read.`;
        }
        jobs[i].imported = [...(jobs[i].imported ?? []), fileId];
      }
    } catch (e) {
      const err = e instanceof VlmError ? e : undefined;
      jobs[i] = { ...jobs[i], error: e instanceof Error ? e.message : `Batch ${jobs[i].id} could not be checked.`, checkedAt: Date.now() };
      if (err?.retryable) retryAfterS = Math.max(retryAfterS ?? 0, err.retryAfterS ?? 0);
    }
    touched.push(jobs[i]);
  }
  // Still sending parts: not finished even if every batch sent so far is.
  let pending = false;
  await saveJobs(db, runId, touched, (all, fresh): Partial<Run> => {
    pending = all.some(needsAttention) || all.length < (fresh.batchParts ?? 0);
    return pending ? {} : { status: all.some((j) => j.status === 'cancelled') ? 'cancelled' : 'done', finishedAt: fresh.finishedAt ?? Date.now() };
  });
  return { pending, imported, retryAfterS };
}

/** Asks the provider to cancel every unfinished batch of the run; answers already made are still imported. */
export async function cancelBatchApiRun(runId: string, conn: BatchConnection, db: ProjectDb = projectDb()): Promise<void> {
  const run = await db.runs.get(runId);
  if (!run?.batchJobs) return;
  const jobs = run.batchJobs.map((j) => ({ ...j }));
  const failures: string[] = [];
  const touched: BatchJob[] = [];
  for (let i = 0; i < jobs.length; i++) {
    if (isTerminal(jobs[i].status) || jobs[i].status === 'cancelling') continue;
    try {
      touched.push(jobFromApi(jobs[i], await cancelBatch(conn, jobs[i].id), Date.now()));
    } catch (e) {
      failures.push(e instanceof Error ? e.message : `Batch ${jobs[i].id} could not be cancelled.`);
    }
  }
  await saveJobs(db, runId, touched);
  if (failures.length) throw new Error(failures.join(' '));
}

/** Cases of the run with no answer, or only a failed one (e.g. from an expired, failed or cancelled batch). */
export async function unansweredCases(runId: string, db: ProjectDb = projectDb()): Promise<string[]> {
  const run = await db.runs.get(runId);
  if (!run) return [];
  const answered = new Set((await db.results.where('runId').equals(runId).toArray()).filter((r) => r.status !== 'error').map((r) => r.caseId));
  return run.caseIds.filter((id) => !answered.has(id));
}

/** Sends the run's unanswered cases again as a new Batch API run with the same prompt version. */
export async function resubmitUnanswered(runId: string, input: Omit<SubmitInput, 'promptVersionId' | 'caseIds' | 'name'>, db: ProjectDb = projectDb()): Promise<SubmitOutput> {
  const run = await db.runs.get(runId);
  if (!run?.promptVersionId) throw new Error('This run has no prompt version to send again.');
  const caseIds = await unansweredCases(runId, db);
  if (!caseIds.length) throw new Error('Every case of this run has an answer; nothing to send again.');
  return submitBatchApiRun({ ...input, promptVersionId: run.promptVersionId, caseIds, name: `${run.name.replace(/ · again$/, '')} · again` }, db);
}
