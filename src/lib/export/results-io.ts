/**
 * Export and import of results and labels (CSV, JSON, the authors' answer file), and the OpenAI
 * Batch API round trip. Formatting and parsing are pure (`@/core/export`); this file reads and
 * writes the project database.
 */
import type { Result, Run } from '@/core/model';
import { resultId } from '@/core/identity';
import { runParams } from '@/core/runs/run-params';
import { toAuthorsAnswers } from '@/core/export/authors-format';
import { CSV_FORMULA_NOTE } from '@/core/export/csv';
import { parseBatchOutput, toBatchJsonl } from '@/core/export/openai-batch';
import { buildExportRows, labelsFromRows, localisationByRun, rowsFromText, rowsToCsv, rowsToJson, type ExportRow } from '@/core/export/results-table';
import { localisationMetrics, type LocalisationReport } from '@/core/metrics/localisation';
import { caseMasks, type MaskDecoder } from '@/lib/images/case-masks';
import type { BinaryMask } from '@/core/metrics/masks';
import { pixelScoreCounts } from '@/lib/baseline/heatmap-localisation';
import { blockingNote, type ChatRequestBody, type TokenEstimate } from '@/core/prompt/build-request';
import { readPromptBody, type PromptBody } from '@/core/prompt/prompt-body';
import { parseVerdict } from '@/core/vlm/parse-verdict';
import { scoreAnswer } from '@/core/vlm/score';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { importLabels } from '@/lib/labeling/label-store';
import { prepareRequest } from '@/lib/prompt/prepare-request';
import { createRun } from '@/lib/runs/batch-runner';
import { costUsd, type PriceRow, type ProviderConfig } from '@/core/vlm/providers';

export type ExportFormat = 'csv' | 'json' | 'authors';

/** Rows for all test cases (labels) and the answers of the given runs, with boxes scored against masks. */
export async function exportRows(runIds: readonly string[], db: ProjectDb = projectDb(), decodeMask?: MaskDecoder): Promise<ExportRow[]> {
  const cases = (await db.cases.orderBy('addedAt').toArray()).filter((c) => c.role === 'test');
  const runs = (await db.runs.bulkGet([...runIds])).filter((r): r is Run => !!r);
  const results = runIds.length ? await db.results.where('runId').anyOf([...runIds]).toArray() : [];
  const versions = await db.promptVersions.bulkGet(runs.map((r) => r.promptVersionId ?? ''));
  const canDecode = runIds.length > 0 && (!!decodeMask || typeof createImageBitmap === 'function');
  const masks = canDecode ? await caseMasks(cases, db, decodeMask) : new Map();
  const pixelCounts = new Map<string, Awaited<ReturnType<typeof pixelScoreCounts>>>();
  if (canDecode) for (const run of runs) pixelCounts.set(run.id, await pixelScoreCounts(run.id, db, decodeMask));
  // A modality ablation variant sends scans' photos or renders first whatever their spec says: its boxes are scored on that image's mask.
  const runMasks = new Map<string, Map<string, BinaryMask>>();
  const scans = cases.filter((c) => c.kind === 'pointcloud' && c.maskAssetIds.length);
  if (canDecode && scans.length) {
    for (const run of runs) {
      const body = versions.find((v) => v?.id === run.promptVersionId)?.body;
      const modalities = body ? readPromptBody(body).modalities : undefined;
      if (modalities) runMasks.set(run.id, new Map([...masks, ...(await caseMasks(scans, db, decodeMask, modalities))]));
    }
  }
  return buildExportRows(cases, runs, results, versions.filter((v) => !!v).map((v) => ({ id: v!.id, version: v!.version })), masks, pixelCounts, runMasks);
}

/** Box localisation of one run against the masks — the same rows and numbers `npm run metrics` gives for its export. */
export async function runLocalisation(runId: string, db: ProjectDb = projectDb(), decodeMask?: MaskDecoder): Promise<LocalisationReport> {
  return localisationMetrics(localisationByRun(await exportRows([runId], db, decodeMask)).get(runId) ?? []);
}

/** The export as file text plus a name and type; `note` says what the format had to leave out. */
export async function exportText(format: ExportFormat, runIds: readonly string[], db: ProjectDb = projectDb()): Promise<{ text: string; fileName: string; mime: string; note?: string }> {
  const rows = await exportRows(runIds, db);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'csv') return { text: rowsToCsv(rows), fileName: `results-${stamp}.csv`, mime: 'text/csv', note: `Saved results-${stamp}.csv. ${CSV_FORMULA_NOTE}` };
  if (format === 'json') return { text: rowsToJson(rows, Date.now()), fileName: `results-${stamp}.json`, mime: 'application/json' };
  const refs: Record<string, string> = {};
  for (const c of await db.cases.where('role').equals('reference').toArray()) refs[c.className] ??= c.name;
  const { answers, skipped } = toAuthorsAnswers(rows, refs);
  const left = skipped.failed + skipped.unlabelled;
  const notes = [
    left ? `Left out ${skipped.failed} case${skipped.failed === 1 ? '' : 's'} with only failed answers and ${skipped.unlabelled} case${skipped.unlabelled === 1 ? '' : 's'} without a normal/anomalous label: the authors' script cannot read them.` : '',
    skipped.folded ? `Repeats are not pooled: each of the ${skipped.folded} repeated case${skipped.folded === 1 ? ' is' : 's is'} written once, with its majority answer (a tie counts as anomalous), as the workbench's metrics count it.` : '',
  ].filter(Boolean);
  return {
    text: JSON.stringify(answers, null, 4),
    fileName: `answer-${stamp}.json`,
    mime: 'application/json',
    note: notes.length ? notes.join(' ') : undefined,
  };
}

/** Reads labels from an exported CSV or JSON file into the cases; returns a sentence for the screen. */
export async function importLabelsText(text: string, fileName: string, db: ProjectDb = projectDb()): Promise<string> {
  const rows = rowsFromText(text, fileName);
  const labels = labelsFromRows(rows, Date.now());
  const r = await importLabels(labels, db);
  return `Imported ${r.matched} label${r.matched === 1 ? '' : 's'} from ${fileName}${r.unknown ? `; ${r.unknown} case id${r.unknown === 1 ? ' is not in this project and was' : 's are not in this project and were'} skipped` : ''}.`;
}

/**
 * The body of one Batch API line for a case: the very body a live run would send (without
 * streaming), or a sentence saying why the case cannot go into the file (a blocking note, or
 * inputs that cannot be prepared). Used by the file export and by direct Batch API submission.
 */
export async function batchRequestBody(args: { caseId: string; body: PromptBody; provider: ProviderConfig }): Promise<{ body: ChatRequestBody; estimate: TokenEstimate; refused?: undefined } | { body?: undefined; estimate?: undefined; refused: string }> {
  try {
    const p = await prepareRequest({ caseId: args.caseId, body: args.body, provider: args.provider, stream: false });
    const block = blockingNote(p.built);
    if (block) return { refused: `Case "${p.caseRecord.name}" was left out of the batch: ${block.text}` };
    return { body: p.built.body, estimate: p.built.estimate };
  } catch (e) {
    return { refused: e instanceof Error ? e.message : `Case ${args.caseId} could not be prepared.` };
  }
}

/**
 * Makes a Run for the OpenAI Batch API and its input file: one request per case, custom_id = case id,
 * the very body a live run would send (without streaming). Cases with a blocking note are left out.
 */
export async function exportBatchApi(args: { promptVersionId: string; provider: ProviderConfig; caseIds: string[]; name: string; /** Line `url` (Azure OpenAI omits `/v1`). */ url?: string }, db: ProjectDb = projectDb()): Promise<{ run: Run; jsonl: string; skipped: string[]; /** Summed over the requests: input tokens (estimated) and the output budget. */ tokens: { input: number; maxOutput: number } }> {
  const { requests, ...rest } = await prepareBatchApiRequests(args, db);
  return { ...rest, jsonl: toBatchJsonl(requests, args.url) };
}

/**
 * The Run and its requests, before they become one file: a large set is more than one string can
 * hold (about 512 MB in Chromium and Node), so the Batch API submission writes them line by line.
 */
export async function prepareBatchApiRequests(args: { promptVersionId: string; provider: ProviderConfig; caseIds: string[]; name: string }, db: ProjectDb = projectDb()): Promise<{ run: Run; requests: { caseId: string; body: unknown }[]; skipped: string[]; tokens: { input: number; maxOutput: number } }> {
  const version = await db.promptVersions.get(args.promptVersionId);
  if (!version) throw new Error('The chosen prompt version is missing; pick another one.');
  const body = readPromptBody(version.body);
  const requests: { caseId: string; body: unknown }[] = [];
  const skipped: string[] = [];
  const tokens = { input: 0, maxOutput: 0 };
  for (const caseId of args.caseIds) {
    const r = await batchRequestBody({ caseId, body, provider: args.provider });
    if (!r.body) {
      skipped.push(r.refused);
      continue;
    }
    requests.push({ caseId, body: r.body });
    tokens.input += r.estimate.textTokens + r.estimate.imageTokens;
    tokens.maxOutput += r.estimate.maxOutputTokens;
  }
  const run = await createRun(
    { name: args.name, promptVersionId: version.id, provider: { presetId: args.provider.presetId, baseURL: args.provider.baseURL, model: args.provider.model }, params: runParams.batchFile(body), caseIds: requests.map((r) => r.caseId) },
    db,
  );
  await db.runs.update(run.id, { status: 'paused' });
  return { run, requests, skipped, tokens };
}

/** Turns a Batch API output file into results of `runId` (parsed fail-closed, like live answers). */
export async function importBatchOutput(runId: string, text: string, fileName: string, db: ProjectDb = projectDb(), pricing?: { price?: PriceRow; discount: number }): Promise<string> {
  const run = await db.runs.get(runId);
  if (!run) throw new Error('The run this batch belongs to is no longer in the project.');
  const answers = parseBatchOutput(text, fileName);
  const wanted = new Set(run.caseIds);
  const now = Date.now();
  const results: Result[] = [];
  let unknown = 0;
  for (const a of answers) {
    if (!wanted.has(a.caseId)) {
      unknown++;
      continue;
    }
    const listCost = a.usage && pricing ? costUsd(pricing.price, a.usage.promptTokens, a.usage.completionTokens) : undefined;
    const base = { id: resultId(runId, a.caseId, 0), runId, caseId: a.caseId, rep: 0, createdAt: now, usage: a.usage, thinking: a.thinking, costUsd: listCost === undefined ? undefined : listCost * (1 - pricing!.discount) };
    if (a.error !== undefined) {
      results.push({ ...base, status: 'error', error: { kind: 'batch', message: a.error, httpStatus: a.httpStatus, retryable: false } });
      continue;
    }
    // Same reading as a live answer: the refusal field, an answer lost to thinking, then the text.
    if (a.refusal && !a.content) {
      results.push({ ...base, status: 'refused', raw: a.refusal, reasoning: a.refusal });
      continue;
    }
    if (!a.content && a.finishReason === 'length') {
      const spent = a.usage?.reasoningTokens;
      results.push({ ...base, status: 'error', error: { kind: 'budget', message: `The model spent its whole budget thinking${spent !== undefined ? ` (${spent} reasoning tokens)` : ''} and wrote no answer; raise the output budget or lower the reasoning effort.`, retryable: false } });
      continue;
    }
    const parsed = parseVerdict(a.content ?? '');
    if (parsed.status === 'refused') results.push({ ...base, status: 'refused', raw: a.content, reasoning: parsed.reason });
    else if (parsed.status === 'unparsed') results.push({ ...base, status: 'unparsed', raw: a.content, reasoning: parsed.reasoning, error: { kind: 'unparsed', message: parsed.why, retryable: false } });
    else {
      const score = scoreAnswer(parsed.verdict, parsed.confidence, a.logprobs);
      results.push({ ...base, status: 'ok', raw: a.content, verdict: parsed.verdict, confidence: parsed.confidence, score: score.score, scoreSource: score.source, reasoning: parsed.reasoning, violatedRules: parsed.violatedRules, defectType: parsed.defectType, locations: parsed.locations });
    }
  }
  await db.results.bulkPut(results);
  const have = await db.results.where('runId').equals(runId).count();
  if (have >= run.caseIds.length) await db.runs.update(runId, { status: 'done', finishedAt: now });
  const missing = run.caseIds.length - have;
  return `Imported ${results.length} answer${results.length === 1 ? '' : 's'} from ${fileName}${unknown ? `; ${unknown} line${unknown === 1 ? '' : 's'} named cases not in this run` : ''}${missing > 0 ? `; ${missing} case${missing === 1 ? ' has' : 's have'} no answer yet` : ''}.`;
}

