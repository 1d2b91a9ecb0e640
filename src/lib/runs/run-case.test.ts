import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb, type ProjectDb } from '@/lib/storage/db';
import type { Case } from '@/core/model';
import { templateBody } from '@/core/prompt/prompt-body';
import { startFakeVlm } from '../../../e2e/fake-vlm/server';
import { partPng } from '../../../e2e/fake-vlm/fixtures';

// Node has no OffscreenCanvas: the encoder is replaced by "send the PNG as it is"; storage by fake-indexeddb.
const state = vi.hoisted(() => ({ db: undefined as unknown as ProjectDb, images: new Map<string, Buffer>(), throwFor: new Set<string>() }));
vi.mock('@/lib/storage/db', async (orig) => ({ ...(await orig<typeof import('@/lib/storage/db')>()), projectDb: () => state.db }));
vi.mock('@/lib/images/case-images', () => ({
  caseImages: async (c: Case) => {
    if (state.throwFor.has(c.id)) throw new Error(`Point cloud "${c.name}" cannot be rendered to images yet.`);
    return [{ blob: new Blob([]), width: 64, height: 64, caption: c.name, meta: { assetId: c.assetId } }];
  },
}));
vi.mock('@/lib/images/encoder', () => ({
  encodeImage: async (_b: Blob, _s: unknown, o: { knownHash?: string; caption?: string }) => {
    const png = state.images.get(o.knownHash!)!;
    return { sourceHash: o.knownHash!, dataUrl: `data:image/png;base64,${png.toString('base64')}`, mime: 'image/png', bytes: png.length, width: 64, height: 64, caption: o.caption };
  },
}));

const { runCase } = await import('@/lib/runs/run-case');
const { createPrompt } = await import('@/lib/prompt/prompt-store');

let fake: Awaited<ReturnType<typeof startFakeVlm>>;
beforeAll(async () => {
  fake = await startFakeVlm(0);
});
afterAll(() => fake.close());

const mk = (id: string, role: Case['role'], png: Buffer, kind: Case['kind'] = 'image'): Case => {
  state.images.set(`asset-${id}`, png);
  return { id, assetId: `asset-${id}`, kind, name: `${id}.png`, className: 'bottle', role, truth: { status: 'unlabelled' }, maskAssetIds: [], addedAt: 1 };
};

let versionId = '';
beforeEach(async () => {
  fake.state.log.length = 0;
  fake.state.queue.length = 0;
  state.db = openProjectDb(`t-${Math.random()}`, { indexedDB, IDBKeyRange });
  await state.db.cases.bulkAdd([mk('ref', 'reference', partPng(64)), mk('bad', 'test', partPng(64, { blob: { cx: 0.5, cy: 0.5, r: 0.15 } })), mk('pc', 'test', partPng(8), 'pointcloud')]);
  state.throwFor = new Set(['pc']);
  const body = { ...templateBody('workbench'), references: { bottle: ['ref'] }, rules: [{ id: 'R1', text: 'No red', enabled: true, scope: 'global', kind: 'rule' as const }] };
  versionId = (await createPrompt('p', body, state.db)).version.id;
});

const provider = () => ({ presetId: 'openai', baseURL: `${fake.url}/v1`, model: 'fake-vision', timeoutS: 10 });

describe('runCase', () => {
  it('returns an unsaved result with verdict, score and what makes it reproducible', async () => {
    const deltas: string[] = [];
    const r = await runCase({ caseId: 'bad', promptVersionId: versionId, provider: provider(), apiKey: 'k', runId: 'run1', onReasoningDelta: (t) => deltas.push(t), options: { prices: [{ model: 'fake-vision', inputPerMTokUsd: 1, outputPerMTokUsd: 1 }] } });
    expect(r).toMatchObject({ id: 'run1:bad:0', status: 'ok', verdict: 'anomalous', scoreSource: 'logprobs', violatedRules: ['R1'] });
    expect(r.imageHashes).toEqual(['asset-ref', 'asset-bad']);
    expect(r.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.costUsd).toBeGreaterThan(0);
    expect(deltas.at(-1)).toContain('red blob');
    expect(deltas.some((d) => d.startsWith('{'))).toBe(false); // reasoning text, not raw JSON
    expect(await state.db.results.count()).toBe(0);
  });

  it('with maxRetries 0, a 429 comes back at once with retryAfterS for the batch runner', async () => {
    fake.state.queue.push('fail-429');
    const r = await runCase({ caseId: 'bad', promptVersionId: versionId, provider: provider(), apiKey: 'k', runId: 'b', options: { maxRetries: 0 } });
    expect(r.status).toBe('error');
    expect(r.error).toMatchObject({ kind: 'rate-limit', retryable: true, retryAfterS: 1, httpStatus: 429 });
    expect(fake.state.log.filter((l) => l.path.includes('chat'))).toHaveLength(1);
  });

  it('a case whose images cannot be made is an input error with the loader sentence, and nothing is sent', async () => {
    const r = await runCase({ caseId: 'pc', promptVersionId: versionId, provider: provider(), apiKey: 'k', runId: 'b' });
    expect(r.error).toMatchObject({ kind: 'input', retryable: false, message: 'Point cloud "pc.png" cannot be rendered to images yet.' });
    expect(fake.state.log).toHaveLength(0);
  });

  it("a reference override replaces the prompt's picks", async () => {
    await state.db.cases.add(mk('ref2', 'reference', partPng(64, { grey: 90 })));
    const r = await runCase({ caseId: 'bad', promptVersionId: versionId, provider: provider(), apiKey: 'k', runId: 'c', options: { referenceOverride: ['ref2'] } });
    expect(r.imageHashes).toEqual(['asset-ref2', 'asset-bad']);
  });

  it('a cancelled call comes back as kind "cancelled"', async () => {
    const ctl = new AbortController();
    const r = await runCase({ caseId: 'bad', promptVersionId: versionId, provider: { ...provider(), model: 'slow' }, apiKey: 'k', runId: 'd', signal: ctl.signal, onReasoningDelta: () => ctl.abort() });
    expect(r.error?.kind).toBe('cancelled');
  });

  it('an identical request asked by another run is copied, not bought again; a forced one is bought', async () => {
    const first = await runCase({ caseId: 'bad', promptVersionId: versionId, provider: provider(), apiKey: 'k', runId: 'first' });
    await state.db.results.put(first);
    const calls = () => fake.state.log.filter((l) => l.path.includes('chat')).length;
    const before = calls();
    const again = await runCase({ caseId: 'bad', promptVersionId: versionId, provider: provider(), apiKey: 'k', runId: 'ablation-all', options: { reuseIdentical: true } });
    expect(calls()).toBe(before);
    expect(again).toMatchObject({ id: 'ablation-all:bad:0', runId: 'ablation-all', verdict: first.verdict, reusedFrom: first.id, costUsd: 0 });
    await runCase({ caseId: 'bad', promptVersionId: versionId, provider: provider(), apiKey: 'k', runId: 'forced' });
    expect(calls()).toBe(before + 1);
    // Another repeat of the same request is a new vote, not a copy.
    await runCase({ caseId: 'bad', promptVersionId: versionId, provider: provider(), apiKey: 'k', runId: 'votes', rep: 1, options: { reuseIdentical: true } });
    expect(calls()).toBe(before + 2);
  });

  it('a missing prompt version is an input error, not a throw', async () => {
    const r = await runCase({ caseId: 'bad', promptVersionId: 'nope', provider: provider(), apiKey: 'k', runId: 'e' });
    expect(r.error?.kind).toBe('input');
  });
});
