/**
 * Export and import of results and labels (CSV, JSON, the authors' answer file), and the OpenAI
 * Batch API round trip. Formatting and parsing are pure (`@/core/export`); this file reads and
 * writes the project database.
 */
import type { Result, Run } from '@/core/model';
import { toAuthorsAnswers } from '@/core/export/authors-format';
import { parseBatchOutput, toBatchJsonl } from '@/core/export/openai-batch';
import { buildExportRows, labelsFromRows, rowsFromText, rowsToCsv, rowsToJson, type ExportRow } from '@/core/export/results-table';
import { blockingNote, type ChatRequestBody } from '@/core/prompt/build-request';
import { readPromptBody, type PromptBody } from '@/core/prompt/prompt-body';
import { parseVerdict } from '@/core/vlm/parse-verdict';
import { scoreAnswer } from '@/core/vlm/score';
import { projectDb, type ProjectDb } from '@/lib/db';
import { importLabels } from '@/lib/label-store';
import { prepareRequest } from '@/lib/prepare-request';
import { createRun } from '@/lib/batch-runner';
import type { ProviderConfig } from '@/core/vlm/providers';

export type ExportFormat = 'csv' | 'json' | 'authors';

/** Rows for all test cases (labels) and the answers of the given runs. */
export async function exportRows(runIds: readonly string[], db: ProjectDb = projectDb()): Promise<ExportRow[]> {
  const cases = (await db.cases.orderBy('addedAt').toArray()).filter((c) => c.role === 'test');
  const runs = (await db.runs.bulkGet([...runIds])).filter((r): r is Run => !!r);
  const results = runIds.length ? await db.results.where('runId').anyOf([...runIds]).toArray() : [];
  const versions = await db.promptVersions.bulkGet(runs.map((r) => r.promptVersionId ?? ''));
  return buildExportRows(cases, runs, results, versions.filter((v) => !!v).map((v) => ({ id: v!.id, version: v!.version })));
}

/** The export as file text plus a name and type; `note` says what the format had to leave out. */
export async function exportText(format: ExportFormat, runIds: readonly string[], db: ProjectDb = projectDb()): Promise<{ text: string; fileName: string; mime: string; note?: string }> {
  const rows = await exportRows(runIds, db);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'csv') return { text: rowsToCsv(rows), fileName: `results-${stamp}.csv`, mime: 'text/csv' };
  if (format === 'json') return { text: rowsToJson(rows, Date.now()), fileName: `results-${stamp}.json`, mime: 'application/json' };
  const refs: Record<string, string> = {};
  for (const c of await db.cases.where('role').equals('reference').toArray()) refs[c.className] ??= c.name;
  const { answers, skipped } = toAuthorsAnswers(rows, refs);
  const left = skipped.failed + skipped.unlabelled;
  return {
    text: JSON.stringify(answers, null, 4),
    fileName: `answer-${stamp}.json`,
    mime: 'application/json',
    note: left ? `Left out ${skipped.failed} failed answer${skipped.failed === 1 ? '' : 's'} and ${skipped.unlabelled} case${skipped.unlabelled === 1 ? '' : 's'} without a normal/anomalous label: the authors' script cannot read them.` : undefined,
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
export async function batchRequestBody(args: { caseId: string; body: PromptBody; provider: ProviderConfig }): Promise<{ body: ChatRequestBody; refused?: undefined } | { body?: undefined; refused: string }> {
  try {
    const p = await prepareRequest({ caseId: args.caseId, body: args.body, provider: args.provider, stream: false });
    const block = blockingNote(p.built);
    if (block) return { refused: `Case "${p.caseRecord.name}" was left out of the batch: ${block.text}` };
    return { body: p.built.body };
  } catch (e) {
    return { refused: e instanceof Error ? e.message : `Case ${args.caseId} could not be prepared.` };
  }
}

/**
 * Makes a Run for the OpenAI Batch API and its input file: one request per case, custom_id = case id,
 * the very body a live run would send (without streaming). Cases with a blocking note are left out.
 */
export async function exportBatchApi(args: { promptVersionId: string; provider: ProviderConfig; caseIds: string[]; name: string }, db: ProjectDb = projectDb()): Promise<{ run: Run; jsonl: string; skipped: string[] }> {
  const version = await db.promptVersions.get(args.promptVersionId);
  if (!version) throw new Error('The chosen prompt version is missing; pick another one.');
  const body = readPromptBody(version.body);
  const requests: { caseId: string; body: unknown }[] = [];
  const skipped: string[] = [];
  for (const caseId of args.caseIds) {
    const r = await batchRequestBody({ caseId, body, provider: args.provider });
    if (r.body) requests.push({ caseId, body: r.body });
    else skipped.push(r.refused);
  }
  const run = await createRun(
    { name: args.name, promptVersionId: version.id, provider: { presetId: args.provider.presetId, baseURL: args.provider.baseURL, model: args.provider.model }, params: { temperature: body.sampling.temperature, maxTokens: body.sampling.maxTokens, reasoningEffort: body.sampling.reasoningEffort, batchApi: true }, caseIds: requests.map((r) => r.caseId) },
    db,
  );
  await db.runs.update(run.id, { status: 'paused' });
  return { run, jsonl: toBatchJsonl(requests), skipped };
}

/** Turns a Batch API output file into results of `runId` (parsed fail-closed, like live answers). */
export async function importBatchOutput(runId: string, text: string, fileName: string, db: ProjectDb = projectDb()): Promise<string> {
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
    const base = { id: `${runId}:${a.caseId}:0`, runId, caseId: a.caseId, rep: 0, createdAt: now, usage: a.usage, thinking: a.thinking };
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

