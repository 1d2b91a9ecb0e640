// Batch throughput against the fake VLM server with 500 ms latency: the scheduler at concurrency 8
// versus a one-at-a-time loop like the authors' scripts (baseline), both through the VLM client seam.
// Then the bookkeeping share: a whole batch run (run row, resume check, scheduler, results
// written as they arrive, grouped, in fake-indexeddb) against a fast fake server with no latency, versus the
// same run with answers made instantly (no network): bookkeeping ÷ wall time, target ≤ 5 %.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import { createRun, startBatch, type BatchCall } from '@/lib/runs/batch-runner';
import type { Result } from '@/core/model';
import { startFakeVlm } from '../e2e/fake-vlm/server';
import { Scheduler, type Attempt, type Job } from '@/core/runs/scheduler';
import { callChat, VlmError } from '@/lib/vlm/openai-client';
import type { ProviderConfig } from '@/core/vlm/providers';

const LATENCY_MS = 500;
const CONCURRENCY = 8;
const N = 96;
const N_SEQ = 12;

const server = await startFakeVlm(0);
await fetch(`${server.url}/_control`, { method: 'POST', body: JSON.stringify({ latencyMs: LATENCY_MS }) });
const config: ProviderConfig = { presetId: 'custom', baseURL: `${server.url}/v1`, model: 'fake-vision', timeoutS: 30 };
const body = { model: 'fake-vision', messages: [{ role: 'user' as const, content: 'Is the part normal or anomalous? Answer as JSON.' }], max_tokens: 200 };

async function one(signal?: AbortSignal): Promise<Attempt<number>> {
  try {
    await callChat({ config, apiKey: 'sk-bench', body: body as never, signal, maxRetries: 0 });
    return { result: 1, failed: false };
  } catch (e) {
    const v = e instanceof VlmError ? e : undefined;
    return { result: 0, failed: true, retryable: v?.retryable, retryAfterS: v?.retryAfterS, rateLimited: v?.httpStatus === 429 };
  }
}

// Warm up the connection and the JIT.
await one();

let t0 = performance.now();
for (let i = 0; i < N_SEQ; i++) await one();
const seqMs = performance.now() - t0;
const seqPerS = N_SEQ / (seqMs / 1000);

let ok = 0;
const s = new Scheduler<Job, number>({ concurrency: CONCURRENCY, execute: (_j, signal) => one(signal), onResult: (_j, r) => void (ok += r) });
t0 = performance.now();
s.add(Array.from({ length: N }, (_, i) => ({ key: `c${i}` })));
await s.whenIdle();
const batchMs = performance.now() - t0;
const batchPerS = N / (batchMs / 1000);
const idealPerS = CONCURRENCY / (LATENCY_MS / 1000);

console.log(`one-at-a-time loop (baseline): ${N_SEQ} calls in ${seqMs.toFixed(0)} ms = ${seqPerS.toFixed(2)} calls/s`);
console.log(`scheduler, concurrency ${CONCURRENCY}: ${N} calls (${ok} ok) in ${batchMs.toFixed(0)} ms = ${batchPerS.toFixed(2)} calls/s`);
console.log(`ratio to baseline: ${(batchPerS / seqPerS).toFixed(2)}× (aim ≥ 7×)`);
console.log(`ideal from the nominal latency (${CONCURRENCY} / ${LATENCY_MS} ms) = ${idealPerS.toFixed(1)} calls/s → ${((100 * batchPerS) / idealPerS).toFixed(1)}% of ideal (aim ≥ 90%)`);
console.log(`ideal from the measured single-call time (${CONCURRENCY} × baseline) = ${(CONCURRENCY * seqPerS).toFixed(1)} calls/s → ${((100 * batchPerS) / (CONCURRENCY * seqPerS)).toFixed(1)}%`);

// Bookkeeping share.
const BK_N = 2000;
async function batchRun(answer: (call: BatchCall) => Promise<Result>): Promise<number> {
  const db = openProjectDb(`bench-${Math.random()}`, { indexedDB, IDBKeyRange });
  const caseIds = Array.from({ length: BK_N }, (_, i) => `c${i}`);
  await db.cases.bulkAdd(caseIds.map((id, i) => ({ id, assetId: 'a'.repeat(64), kind: 'image' as const, name: `${id}.png`, className: `k${i % 15}`, role: 'test' as const, truth: { status: 'normal' as const }, maskAssetIds: [], addedAt: i })));
  const run = await createRun({ name: 'bench', promptVersionId: 'pv', provider: { presetId: 'custom', baseURL: config.baseURL, model: 'fake-vision' }, params: {}, caseIds }, db);
  const t = performance.now();
  const h = await startBatch(run.id, { execute: answer, db, concurrency: CONCURRENCY });
  await h.finished;
  const wall = performance.now() - t;
  if ((await db.results.count()) !== BK_N) throw new Error('The bookkeeping run lost answers.');
  db.close();
  return wall;
}
const made = (c: BatchCall, ok: boolean): Result => ({ id: '', runId: c.runId, caseId: c.caseId, rep: c.rep, status: ok ? 'ok' : 'error', verdict: 'normal', score: 0.2, createdAt: Date.now() });
await fetch(`${server.url}/_control`, { method: 'POST', body: JSON.stringify({ latencyMs: 0 }) });
const instant = async (c: BatchCall) => made(c, true);
const overServer = async (c: BatchCall) => made(c, !(await one(c.signal)).failed);
await batchRun(instant); // warm-up
const bookMs = Math.min(await batchRun(instant), await batchRun(instant));
const wallMs = await batchRun(overServer);
console.log(`bookkeeping of a ${BK_N}-case run (scheduler + run row + result writes, no network): ${bookMs.toFixed(0)} ms = ${((1000 * bookMs) / BK_N).toFixed(0)} µs per case`);
console.log(`the same run against the fake server with no latency: ${wallMs.toFixed(0)} ms → bookkeeping ${((100 * bookMs) / wallMs).toFixed(1)}% of wall time (target ≤ 5%)`);
await server.close();
