import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb, type ProjectDb } from '@/lib/storage/db';
import type { Case, Result } from '@/core/model';
import { FakeClock } from '@/core/runs/fake-clock';
import { createRun, interruptedRuns, startBatch, type BatchCall } from '@/lib/runs/batch-runner';

const mk = (id: string, className = 'bottle'): Case => ({ id, assetId: id, kind: 'image', name: `${id}.png`, className, role: 'test', truth: { status: 'normal' }, maskAssetIds: [], addedAt: 1 });
// IndexedDB (fake-indexeddb) completes on real macrotasks: let them run between fake timers.
const settle = async () => {
  for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
};
const provider = { presetId: 'custom', baseURL: 'http://fake', model: 'fake-vision' };

async function setup(n = 6) {
  const db = openProjectDb(`b-${Math.random()}`, { indexedDB, IDBKeyRange });
  await db.cases.bulkAdd(Array.from({ length: n }, (_, i) => mk(`c${i}`, i % 2 ? 'cable' : 'bottle')));
  return db;
}

/** A fake model on the fake clock; `fail` scripts errors per (caseId, attempt). */
function fakeModel(clock: FakeClock, fail: (caseId: string, attempt: number) => Partial<Result> | undefined = () => undefined) {
  const calls: BatchCall[] = [];
  const attempts = new Map<string, number>();
  const execute = async (call: BatchCall): Promise<Result> => {
    calls.push(call);
    const k = `${call.caseId}:${call.rep}`;
    const a = (attempts.get(k) ?? 0) + 1;
    attempts.set(k, a);
    await clock.sleep(100);
    if (call.signal.aborted) return { id: 'x', runId: call.runId, caseId: call.caseId, rep: call.rep, status: 'error', error: { kind: 'cancelled', message: 'Cancelled.' }, createdAt: 0 };
    const f = fail(call.caseId, a);
    return { id: 'ignored', runId: call.runId, caseId: call.caseId, rep: call.rep, status: 'ok', verdict: 'normal', score: 0.2, scoreSource: 'confidence', costUsd: 0.001, createdAt: clock.now(), ...f };
  };
  return { execute, calls, attempts };
}

async function results(db: ProjectDb, runId: string) {
  return db.results.where('runId').equals(runId).toArray();
}

describe('batch runner', () => {
  it('finishes with every case accounted for through 429s and 500s, each result stored once', async () => {
    const db = await setup(6);
    const clock = new FakeClock(settle);
    const m = fakeModel(clock, (id, a) => {
      if (id === 'c1' && a === 1) return { status: 'error', error: { kind: 'rate-limit', message: 'Wait.', httpStatus: 429, retryable: true, retryAfterS: 2 } };
      if (id === 'c2' && a <= 2) return { status: 'error', error: { kind: 'server', message: 'Server error.', httpStatus: 500, retryable: true } };
      if (id === 'c3') return { status: 'error', error: { kind: 'server', message: 'Server error.', httpStatus: 500, retryable: true } };
      return undefined;
    });
    const run = await createRun({ name: 'r', promptVersionId: 'pv1', provider, params: { temperature: 0 }, caseIds: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'] }, db, 0);
    const h = await startBatch(run.id, { execute: m.execute, db, clock, baseBackoffMs: 100 });
    await clock.advance(60_000);
    await h.finished;
    const rs = await results(db, run.id);
    expect(rs.map((r) => r.caseId).sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    expect(rs.find((r) => r.caseId === 'c3')).toMatchObject({ status: 'error', id: `${run.id}:c3:0` });
    expect(rs.find((r) => r.caseId === 'c2')!.status).toBe('ok');
    expect(h.scheduler.progress()).toMatchObject({ done: 5, failed: 1, state: 'done' });
    expect((await db.runs.get(run.id))!.status).toBe('done');
  });

  it('resumes after an interruption without duplicates or losses', async () => {
    const db = await setup(8);
    const clock = new FakeClock(settle);
    const m1 = fakeModel(clock);
    const run = await createRun({ name: 'r', promptVersionId: 'pv1', provider, params: {}, caseIds: Array.from({ length: 8 }, (_, i) => `c${i}`), repeat: 2 }, db, 0);
    const h1 = await startBatch(run.id, { execute: m1.execute, db, clock, concurrency: 4 });
    await clock.advance(150);
    // The tab goes away: in-flight calls never come back.
    h1.scheduler.pause();
    const saved = (await results(db, run.id)).length;
    expect(saved).toBe(4);
    expect((await interruptedRuns(new Set(), db)).map((r) => r.id)).toEqual([run.id]);

    const m2 = fakeModel(clock);
    const h2 = await startBatch(run.id, { execute: m2.execute, db, clock, concurrency: 4 });
    expect(h2.alreadyDone).toBe(4);
    await clock.advance(10_000);
    await h2.finished;
    const rs = await results(db, run.id);
    expect(rs).toHaveLength(16);
    expect(new Set(rs.map((r) => r.id)).size).toBe(16);
    expect(m2.calls).toHaveLength(12);
  });

  it('reuses answers of an identical earlier run instead of paying again, unless forced', async () => {
    const db = await setup(4);
    const clock = new FakeClock(settle);
    const ids = ['c0', 'c1', 'c2', 'c3'];
    const first = await createRun({ name: 'a', promptVersionId: 'pv1', provider, params: { temperature: 0 }, caseIds: ids.slice(0, 3) }, db, 0);
    const h1 = await startBatch(first.id, { execute: fakeModel(clock).execute, db, clock });
    await clock.advance(1000);
    await h1.finished;

    const m = fakeModel(clock);
    const second = await createRun({ name: 'b', promptVersionId: 'pv1', provider, params: { temperature: 0 }, caseIds: ids }, db, 1);
    const h2 = await startBatch(second.id, { execute: m.execute, db, clock });
    expect(h2.reused).toBe(3);
    await clock.advance(1000);
    await h2.finished;
    expect(m.calls.map((c) => c.caseId)).toEqual(['c3']);
    const rs = await results(db, second.id);
    expect(rs.filter((r) => r.reusedFrom).map((r) => r.reusedFrom).sort()).toEqual([`${first.id}:c0:0`, `${first.id}:c1:0`, `${first.id}:c2:0`]);

    // A different parameter or model is a different question: nothing reused.
    const other = await createRun({ name: 'c', promptVersionId: 'pv1', provider, params: { temperature: 0.7 }, caseIds: ids }, db, 2);
    const h3 = await startBatch(other.id, { execute: fakeModel(clock).execute, db, clock });
    expect(h3.reused).toBe(0);
    h3.scheduler.cancel();
    await clock.advance(1000);

    const forced = await createRun({ name: 'd', promptVersionId: 'pv1', provider, params: { temperature: 0 }, caseIds: ids }, db, 3);
    const m4 = fakeModel(clock);
    const h4 = await startBatch(forced.id, { execute: m4.execute, db, clock, force: true });
    await clock.advance(1000);
    await h4.finished;
    expect(h4.reused).toBe(0);
    expect(m4.calls).toHaveLength(4);
  });

  it('passes control options: blank query, and per-class swapped references', async () => {
    const db = await setup(2);
    const clock = new FakeClock(settle);
    const m = fakeModel(clock);
    const run = await createRun({ name: 'ctl', promptVersionId: 'pv1', provider, params: {}, caseIds: ['c0', 'c1'], variant: { kind: 'swapped-references', of: 'r0' }, control: { referenceOverride: { bottle: ['ref-cable-1'], cable: ['ref-bottle-1'] } } }, db, 0);
    const h = await startBatch(run.id, { execute: m.execute, db, clock });
    await clock.advance(1000);
    await h.finished;
    expect(m.calls.map((c) => [c.caseId, c.options.referenceOverride])).toEqual([
      ['c0', ['ref-cable-1']],
      ['c1', ['ref-bottle-1']],
    ]);
  });

  it('cancel stops the run, keeps finished results and stores nothing for aborted calls', async () => {
    const db = await setup(6);
    const clock = new FakeClock(settle);
    const run = await createRun({ name: 'r', promptVersionId: 'pv1', provider, params: {}, caseIds: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'] }, db, 0);
    const h = await startBatch(run.id, { execute: fakeModel(clock).execute, db, clock, concurrency: 2 });
    await clock.advance(150);
    h.scheduler.cancel();
    await clock.advance(1000);
    await h.finished;
    expect((await results(db, run.id)).map((r) => r.status)).toEqual(['ok', 'ok']);
    expect((await db.runs.get(run.id))!.status).toBe('cancelled');
  });
});
