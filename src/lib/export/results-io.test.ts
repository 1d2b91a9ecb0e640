import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import type { Case } from '@/core/model';
import { createRun } from '@/lib/runs/batch-runner';
import { exportText, importBatchOutput, importLabelsText } from '@/lib/export/results-io';

const mk = (id: string, truth: Case['truth']): Case => ({ id, assetId: id, kind: 'image', name: `bottle/test/${id}.png`, className: 'bottle', role: 'test', truth, maskAssetIds: [], addedAt: 1 });
const line = (o: unknown) => JSON.stringify(o);

describe('results import and export', () => {
  it('turns a Batch API output file into results: answers parsed fail-closed, failures kept', async () => {
    const db = openProjectDb(`io-${Math.random()}`, { indexedDB, IDBKeyRange });
    await db.cases.bulkAdd([mk('c1', { status: 'anomalous' }), mk('c2', { status: 'normal' }), mk('c3', { status: 'normal' }), mk('c4', { status: 'normal' })]);
    const run = await createRun({ name: 'batch', promptVersionId: 'pv', provider: { presetId: 'openai', baseURL: 'x', model: 'gpt-4o' }, params: { batchApi: true }, caseIds: ['c1', 'c2', 'c3', 'c4'] }, db);
    const text = [
      line({ custom_id: 'c1', response: { status_code: 200, body: { choices: [{ message: { content: '{"reasoning":"A crack on the rim.","verdict":"anomalous","confidence":0.9}' } }] } } }),
      line({ custom_id: 'c2', response: { status_code: 200, body: { choices: [{ message: { content: 'I think it might be fine, maybe.' } }] } } }),
      line({ custom_id: 'c3', response: { status_code: 500, body: { error: { message: 'Server error' } } } }),
      line({ custom_id: 'zz', response: { status_code: 200, body: { choices: [{ message: { content: '{}' } }] } } }),
    ].join('\n');
    const msg = await importBatchOutput(run.id, text, 'out.jsonl', db);
    expect(msg).toBe('Imported 3 answers from out.jsonl; 1 line named cases not in this run; 1 case has no answer yet.');
    const rs = await db.results.where('runId').equals(run.id).sortBy('caseId');
    expect(rs.map((r) => [r.caseId, r.status, r.verdict])).toEqual([
      ['c1', 'ok', 'anomalous'],
      ['c2', 'unparsed', undefined],
      ['c3', 'error', undefined],
    ]);
    expect(rs[0].score).toBeGreaterThan(0.5);
    expect(rs[2].error?.message).toContain('HTTP 500');
  });

  it('keeps logprobs (so an imported batch has the same AUROC score as a live run), refusals, thinking and reasoning tokens', async () => {
    const db = openProjectDb(`io-${Math.random()}`, { indexedDB, IDBKeyRange });
    await db.cases.bulkAdd([mk('c1', { status: 'anomalous' }), mk('c2', { status: 'normal' }), mk('c3', { status: 'normal' })]);
    const run = await createRun({ name: 'batch', promptVersionId: 'pv', provider: { presetId: 'openai', baseURL: 'x', model: 'gpt-5.1' }, params: { batchApi: true }, caseIds: ['c1', 'c2', 'c3'] }, db);
    const answer = '{"reasoning":"A crack.","verdict":"anomalous","confidence":0.9}';
    const cut = answer.indexOf('anomalous');
    const logprobs = [
      { token: answer.slice(0, cut), logprob: 0, top_logprobs: [] },
      { token: 'anom', logprob: Math.log(0.7), top_logprobs: [{ token: 'anom', logprob: Math.log(0.7) }, { token: 'normal', logprob: Math.log(0.3) }] },
      { token: answer.slice(cut + 4), logprob: 0, top_logprobs: [] },
    ];
    const text = [
      line({ custom_id: 'c1', response: { status_code: 200, body: { choices: [{ message: { content: answer, reasoning_content: 'Rim first, then the label.' }, logprobs: { content: logprobs }, finish_reason: 'stop' }], usage: { prompt_tokens: 900, completion_tokens: 60, completion_tokens_details: { reasoning_tokens: 0 } } } } }),
      line({ custom_id: 'c2', response: { status_code: 200, body: { choices: [{ message: { content: null, refusal: "I'm sorry, I cannot assist with that." }, finish_reason: 'stop' }] } } }),
      line({ custom_id: 'c3', response: { status_code: 200, body: { choices: [{ message: { content: '' }, finish_reason: 'length' }], usage: { prompt_tokens: 900, completion_tokens: 800, completion_tokens_details: { reasoning_tokens: 800 } } } } }),
    ].join('\n');
    await importBatchOutput(run.id, text, 'out.jsonl', db);
    const rs = await db.results.where('runId').equals(run.id).sortBy('caseId');
    expect(rs[0]).toMatchObject({ status: 'ok', verdict: 'anomalous', scoreSource: 'logprobs', thinking: 'Rim first, then the label.', usage: { promptTokens: 900, completionTokens: 60, reasoningTokens: 0 } });
    expect(rs[0].score).toBeCloseTo(0.7, 5);
    expect(rs[1]).toMatchObject({ status: 'refused', reasoning: "I'm sorry, I cannot assist with that." });
    expect(rs[2]).toMatchObject({ status: 'error', error: { kind: 'budget', message: 'The model spent its whole budget thinking (800 reasoning tokens) and wrote no answer; raise the output budget or lower the reasoning effort.' } });
  });

  it('exports CSV and imports its labels back, naming unknown ids', async () => {
    const db = openProjectDb(`io-${Math.random()}`, { indexedDB, IDBKeyRange });
    const truth = { status: 'anomalous' as const, defectType: 'crack', note: 'a, "b"', source: 'hand' as const, at: 123 };
    await db.cases.bulkAdd([mk('c1', truth)]);
    const out = await exportText('csv', [], db);
    expect(out.note).toContain('leading apostrophe');
    await db.cases.update('c1', { truth: { status: 'unlabelled' } });
    expect(await importLabelsText(out.text + 'zz,,,normal\r\n', 'x.csv', db)).toBe('Imported 1 label from x.csv; 1 case id is not in this project and was skipped.');
    expect((await db.cases.get('c1'))!.truth).toEqual(truth);
  });
});
