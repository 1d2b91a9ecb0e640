import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb, type ProjectDb } from '@/lib/storage/db';
import type { Case } from '@/core/model';
import { templateBody } from '@/core/prompt/prompt-body';
import { startFakeVlm } from '../../../e2e/fake-vlm/server';
import { partPng } from '../../../e2e/fake-vlm/fixtures';

// Node has no OffscreenCanvas: the encoder sends the PNG as it is; storage is fake-indexeddb.
const state = vi.hoisted(() => ({ db: undefined as unknown as ProjectDb, images: new Map<string, Buffer>() }));
vi.mock('@/lib/storage/db', async (orig) => ({ ...(await orig<typeof import('@/lib/storage/db')>()), projectDb: () => state.db }));
vi.mock('@/lib/images/case-images', () => ({
  caseImages: async (c: Case) => [{ blob: new Blob([]), width: 64, height: 64, caption: c.name, meta: { assetId: c.assetId } }],
}));
vi.mock('@/lib/images/encoder', () => ({
  encodeImage: async (_b: Blob, _s: unknown, o: { knownHash?: string; caption?: string }) => {
    const png = state.images.get(o.knownHash!)!;
    return { sourceHash: o.knownHash!, dataUrl: `data:image/png;base64,${png.toString('base64')}`, mime: 'image/png', bytes: png.length, width: 64, height: 64, caption: o.caption };
  },
}));

const { submitBatchApiRun, checkBatchApiRun, cancelBatchApiRun, unansweredCases, resubmitUnanswered } = await import('@/lib/runs/batch-api-run');
const { createPrompt } = await import('@/lib/prompt/prompt-store');

let fake: Awaited<ReturnType<typeof startFakeVlm>>;
beforeAll(async () => {
  fake = await startFakeVlm(0);
});
afterAll(() => fake.close());

const control = async (body: unknown) => (await fetch(`${fake.url}/_batches`, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<{ files: { purpose: string; lines: number }[]; batches: { id: string; status: string }[] }>;

const mk = (id: string, role: Case['role'], png: Buffer): Case => {
  state.images.set(`asset-${id}`, png);
  return { id, assetId: `asset-${id}`, kind: 'image', name: `${id}.png`, className: 'bottle', role, truth: { status: 'unlabelled' }, maskAssetIds: [], addedAt: 1 };
};

let versionId = '';
const tests = ['good1', 'bad1', 'good2', 'bad2', 'good3'];
beforeEach(async () => {
  await control({ reset: true });
  fake.state.queue.length = 0;
  state.db = openProjectDb(`b-${Math.random()}`, { indexedDB, IDBKeyRange });
  await state.db.cases.bulkAdd([mk('ref', 'reference', partPng(64)), ...tests.map((id) => mk(id, 'test', id.startsWith('bad') ? partPng(64, { blob: { cx: 0.5, cy: 0.5, r: 0.15 } }) : partPng(64)))]);
  versionId = (await createPrompt('p', { ...templateBody('workbench'), references: { bottle: ['ref'] } }, state.db)).version.id;
});

const provider = (presetId = 'custom') => ({ presetId, baseURL: `${fake.url}/v1`, model: 'fake-vision', timeoutS: 10 });
const conn = () => ({ config: provider(), apiKey: 'sk-test-batch' });
const prices = [{ model: 'fake-vision', inputPerMTokUsd: 2, outputPerMTokUsd: 8 }];

async function untilSettled(runId: string) {
  for (let i = 0; i < 10; i++) if (!(await checkBatchApiRun(runId, conn(), prices)).pending) return;
  throw new Error('the batch never settled');
}

describe('Batch API runs against the fake Files/Batches server', () => {
  it('splits, uploads, follows the status and imports output and error files into the run, at half price', async () => {
    const steps: string[] = [];
    const { run, parts, maxCostUsd } = await submitBatchApiRun({ promptVersionId: versionId, provider: provider(), apiKey: 'sk-test-batch', caseIds: tests, name: 'b', maxRequestsPerBatch: 3, onStep: (s) => steps.push(s), prices });
    expect(parts).toBe(2);
    expect(maxCostUsd!.live).toBeGreaterThan(0);
    expect(maxCostUsd!.batch).toBeCloseTo(maxCostUsd!.live / 2, 12);
    expect(steps.some((s) => s.includes('part 2 of 2'))).toBe(true);
    const stored = (await state.db.runs.get(run.id))!;
    expect(stored.batchJobs!.map((j) => j.requests)).toEqual([3, 2]);
    expect(stored.status).toBe('running');
    const server = await control({});
    expect(server.files.filter((f) => f.purpose === 'batch').map((f) => f.lines)).toEqual([3, 2]);

    // First look: validated, now running; nothing imported yet.
    fake.state.queue.push('fail-500');
    await checkBatchApiRun(run.id, conn(), prices);
    expect((await state.db.runs.get(run.id))!.batchJobs!.map((j) => j.status)).toEqual(['in_progress', 'in_progress']);
    expect(await state.db.results.count()).toBe(0);
    await untilSettled(run.id);

    const after = (await state.db.runs.get(run.id))!;
    expect(after.batchJobs!.every((j) => j.status === 'completed')).toBe(true);
    expect(after.status).toBe('done');
    const rs = await state.db.results.where('runId').equals(run.id).toArray();
    expect(rs).toHaveLength(5);
    expect(rs.reduce((a, r) => a + (r.costUsd ?? 0), 0)).toBeLessThanOrEqual(maxCostUsd!.batch);
    // The queued 500 hit the first line answered: it came back through the error file.
    const failed = rs.filter((r) => r.status === 'error');
    expect(failed).toHaveLength(1);
    expect(failed[0].error?.message).toContain('HTTP 500');
    const ok = rs.filter((r) => r.status === 'ok');
    expect(Object.fromEntries(ok.map((r) => [r.caseId, r.verdict]))).toEqual(Object.fromEntries(tests.filter((t) => t !== failed[0].caseId).map((t) => [t, t.startsWith('bad') ? 'anomalous' : 'normal'])));
    const r0 = ok[0];
    expect(r0.costUsd).toBeCloseTo(((r0.usage!.promptTokens * 2 + r0.usage!.completionTokens * 8) / 1e6) * 0.5, 12);
    // Another look changes nothing: files are read once.
    expect((await checkBatchApiRun(run.id, conn(), prices)).pending).toBe(false);
    expect(await state.db.results.where('runId').equals(run.id).count()).toBe(5);
  });

  it('keeps every batch when looks run while the parts are still being sent, and is not done before the last', async () => {
    const looks: Promise<unknown>[] = [];
    let runId = '';
    const { run } = await submitBatchApiRun({
      promptVersionId: versionId, provider: provider(), apiKey: 'k', caseIds: tests, name: 'b', maxRequestsPerBatch: 2,
      onStep: (step) => {
        if (!runId && step.startsWith('Uploading')) void state.db.runs.toCollection().last().then((r) => (runId = r!.id));
        if (runId) looks.push(checkBatchApiRun(runId, conn(), prices));
      },
    });
    await Promise.all(looks);
    expect(looks.length).toBeGreaterThan(2);
    const stored = (await state.db.runs.get(run.id))!;
    expect(stored.batchJobs!.map((j) => j.requests)).toEqual([2, 2, 1]);
    expect(stored.batchParts).toBe(3);
    await untilSettled(run.id);
    expect((await state.db.runs.get(run.id))!.status).toBe('done');
    expect(await state.db.results.where('runId').equals(run.id).count()).toBe(5);
  });

  it('reads a damaged output file once, says which line is wrong, and stops asking for it', async () => {
    const { uploadBatchFile } = await import('@/lib/vlm/batch-api-client');
    const out = await uploadBatchFile(conn(), '{"custom_id":"good1","response":{"status_code":200,"body":{}}}\nnot json\n', 'out.jsonl');
    await state.db.runs.add({ id: 'run-y', name: 'y', detector: 'vlm', provider: provider(), params: { batchApi: true }, caseIds: ['good1'], repeat: 1, status: 'running', createdAt: 1, batchJobs: [{ id: 'batch_gone', inputFileId: 'f', requests: 1, bytes: 1, status: 'completed', outputFileId: out, createdAt: 1 }] });
    const look = await checkBatchApiRun('run-y', conn(), prices);
    expect(look.pending).toBe(false);
    const job = (await state.db.runs.get('run-y'))!.batchJobs![0];
    expect(job.error).toBe('The output file of batch batch_gone, line 2, is not JSON; use the output file the Batch API returned, unchanged.');
    expect(job.imported).toEqual([out]);
    expect(await state.db.results.count()).toBe(0);
  });

  it('keeps the lines the provider rejected as a sentence on the batch', async () => {
    const { uploadBatchFile, createBatch } = await import('@/lib/vlm/batch-api-client');
    // A hand-edited file: the second line repeats a custom_id, the third names another endpoint.
    const line = (id: string, url = '/v1/chat/completions') => JSON.stringify({ custom_id: id, method: 'POST', url, body: { model: 'fake-vision', messages: [] } });
    const fileId = await uploadBatchFile(conn(), [line('a'), line('a'), line('b', '/v1/embeddings')].join('\n') + '\n', 'edited.jsonl');
    const api = await createBatch(conn(), fileId, '/v1/chat/completions', 'run-x');
    const run = { id: 'run-x', name: 'edited', detector: 'vlm' as const, provider: provider(), params: { batchApi: true }, caseIds: ['a', 'b'], repeat: 1, status: 'running' as const, createdAt: 1, batchJobs: [{ id: api.id, inputFileId: fileId, requests: 3, bytes: 1, status: 'validating' as const, createdAt: 1 }] };
    await state.db.runs.add(run);
    await untilSettled(run.id);
    const job = (await state.db.runs.get(run.id))!.batchJobs![0];
    expect(job.status).toBe('failed');
    expect(job.error).toBe('The provider rejected the input file — line 2: The custom_id for this request is a duplicate of another request: a; line 3: The url /v1/embeddings does not match the batch endpoint /v1/chat/completions.');
    expect(await state.db.results.count()).toBe(0);
  });

  it('says at the run when the key is refused, the batch is gone, or it expired; cancel stops the rest', async () => {
    await control({ fail: [401] });
    await expect(submitBatchApiRun({ promptVersionId: versionId, provider: provider(), apiKey: 'sk-wrong-key-123', caseIds: tests, name: 'b' })).rejects.toThrow(/^Nothing was sent: Uploading .* failed: .*refused the API key \(HTTP 401\)/);
    // A rate limit or a server error while looking is kept on the batch and retried at the next look.
    const live = await submitBatchApiRun({ promptVersionId: versionId, provider: provider(), apiKey: 'k', caseIds: tests, name: 'b' });
    await control({ fail: [429] });
    const limited = await checkBatchApiRun(live.run.id, conn(), prices);
    expect(limited.pending).toBe(true);
    expect(limited.retryAfterS).toBe(1);
    expect((await state.db.runs.get(live.run.id))!.batchJobs![0].error).toMatch(/rate-limiting .*HTTP 429/);
    await control({ fail: [500] });
    await checkBatchApiRun(live.run.id, conn(), prices);
    expect((await state.db.runs.get(live.run.id))!.batchJobs![0].error).toMatch(/server error \(HTTP 500\)/);
    await untilSettled(live.run.id);
    expect((await state.db.runs.get(live.run.id))!.batchJobs![0]).toMatchObject({ status: 'completed', error: undefined });

    const bad = { ...provider('openai'), baseURL: `${fake.url}/nothing-here` };
    await expect(submitBatchApiRun({ promptVersionId: versionId, provider: bad, apiKey: 'k', caseIds: tests, name: 'b' })).rejects.toThrow(/Nothing was sent: Uploading .* failed: .*HTTP 404/);
    const lost = (await state.db.runs.toArray()).find((r) => r.provider?.baseURL === bad.baseURL)!;
    expect(await state.db.results.where('runId').equals(lost.id).count()).toBe(0);
    expect(lost.status).toBe('cancelled');
    expect(lost.batchNote).toMatch(/^Nothing was sent/);

    const { run } = await submitBatchApiRun({ promptVersionId: versionId, provider: provider(), apiKey: 'k', caseIds: tests, name: 'b' });
    await control({ expireNext: true });
    await untilSettled(run.id);
    const expired = (await state.db.runs.get(run.id))!;
    expect(expired.batchJobs![0].status).toBe('expired');
    expect(expired.batchJobs![0].error).toMatch(/expired/);
    // The cases the expired batch left are sent again as a new run, and answered.
    expect(await unansweredCases(run.id)).toEqual(tests);
    const again = await resubmitUnanswered(run.id, { provider: provider(), apiKey: 'k' });
    expect(again.run.caseIds).toEqual(tests);
    expect(again.run.name).toBe('b · again');
    await untilSettled(again.run.id);
    expect(await unansweredCases(again.run.id)).toEqual([]);

    const second = await submitBatchApiRun({ promptVersionId: versionId, provider: provider(), apiKey: 'k', caseIds: tests, name: 'c' });
    await checkBatchApiRun(second.run.id, conn(), prices);
    await cancelBatchApiRun(second.run.id, conn());
    await untilSettled(second.run.id);
    const cancelled = (await state.db.runs.get(second.run.id))!;
    expect(cancelled.batchJobs![0].status).toBe('cancelled');
    expect(cancelled.status).toBe('cancelled');

    const gone = await checkBatchApiRun(second.run.id, { ...conn() }, prices);
    expect(gone.pending).toBe(false);
    await state.db.runs.update(second.run.id, { batchJobs: [{ ...cancelled.batchJobs![0], id: 'batch_missing', status: 'in_progress' }] });
    await checkBatchApiRun(second.run.id, conn(), prices);
    expect((await state.db.runs.get(second.run.id))!.batchJobs![0].error).toMatch(/Checking batch batch_missing failed: .*HTTP 404/);
  });
});

describe('Batch API on Azure OpenAI', () => {
  it('names the endpoint without /v1 when creating the batch and with it on each line', async () => {
    const { run } = await submitBatchApiRun({ promptVersionId: versionId, provider: provider('azure'), apiKey: 'azure-key', caseIds: tests.slice(0, 2), name: 'az' });
    const s = (await control({})) as unknown as { batches: { endpoint: string; input_file_id: string }[] };
    expect(s.batches[0].endpoint).toBe('/chat/completions');
    const text = await (await fetch(`${fake.url}/v1/files/${s.batches[0].input_file_id}/content`)).text();
    expect(text.trim().split('\n').map((l) => (JSON.parse(l) as { url: string }).url)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    for (let i = 0; i < 6 && (await checkBatchApiRun(run.id, { config: provider('azure'), apiKey: 'azure-key' }, prices)).pending; i++);
    expect(await state.db.results.where('runId').equals(run.id).count()).toBe(2);
  });

  it('says why a provider without a Batch API cannot take one, and sends nothing', async () => {
    await expect(submitBatchApiRun({ promptVersionId: versionId, provider: provider('ollama'), apiKey: '', caseIds: tests, name: 'x' })).rejects.toThrow(/^Ollama runs on your own machine and has no Batch API/);
    expect(await state.db.runs.count()).toBe(0);
    expect((await control({})).files).toHaveLength(0);
  });
});
