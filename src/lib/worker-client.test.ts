import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerClient, deadlineFor, WorkerJobError, type WorkerLike } from '@/lib/worker-client';

type Req = { id: number; op: 'echo' | 'hang' | 'count' | 'steps'; value: number };
type Rep = { id: number; value: number; step?: true };

/**
 * A worker in the test's hands: 'echo' answers on the next tick, 'hang' never answers, 'count'
 * answers with how many messages this worker has seen (so a restart is visible).
 */
class FakeWorker implements WorkerLike {
  static all: FakeWorker[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  terminated = false;
  seen: unknown[] = [];
  transfers: Transferable[][] = [];
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: unknown, transfer: Transferable[] = []) {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.seen.push(message);
    this.transfers.push(transfer);
    const m = message as Req;
    if (m.op === 'hang') return;
    if (m.op === 'steps') {
      for (let k = 1; k <= m.value; k++) setTimeout(() => this.reply({ id: m.id, value: k, step: true }), k);
      setTimeout(() => this.reply({ id: m.id, value: -1 }), m.value + 1);
      return;
    }
    const value = m.op === 'count' ? this.seen.length : m.value;
    setTimeout(() => this.reply({ id: m.id, value }), 0);
  }
  reply(data: unknown) {
    if (!this.terminated) this.onmessage?.({ data } as MessageEvent);
  }
  crash() {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

function client(extra: Partial<Parameters<typeof createWorkerClient<Req, Rep>>[0]> = {}) {
  return createWorkerClient<Req, Rep>({ create: () => new FakeWorker(), deadline: { baseMs: 1000, msPerMB: 500 }, ...extra });
}

async function settled<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: WorkerJobError }> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: WorkerJobError) => ({ ok: false as const, error }),
  );
}

beforeEach(() => {
  FakeWorker.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { __awWorkerDeadlineScale?: number }).__awWorkerDeadlineScale;
});

describe('worker client', () => {
  it('matches replies to requests by id and passes transferables', async () => {
    const c = client();
    const buf = new ArrayBuffer(8);
    const a = c.request({ op: 'echo', value: 7 }, { what: 'Reading "a.ply"', transfer: [buf] });
    const b = c.request({ op: 'echo', value: 9 }, { what: 'Reading "b.ply"' });
    await vi.runAllTimersAsync();
    expect(await a).toMatchObject({ value: 7 });
    expect(await b).toMatchObject({ value: 9 });
    expect(FakeWorker.all).toHaveLength(1);
    expect(FakeWorker.all[0].transfers[0]).toEqual([buf]);
  });

  it('stops a job that overruns its deadline with a sentence, and the next request works in a fresh worker', async () => {
    const c = client();
    const hung = settled(c.request({ op: 'hang', value: 0 }, { what: 'Reading "inf.ply"', inputBytes: 183 }));
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeWorker.all[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    const r = await hung;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe('Reading "inf.ply" took too long and was stopped.');
      expect(r.error.fault).toBe('timeout');
    }
    expect(FakeWorker.all[0].terminated).toBe(true);
    expect(c.generation()).toBe(1);

    const next = c.request({ op: 'count', value: 0 }, { what: 'Reading "good.ply"' });
    await vi.runAllTimersAsync();
    // A new worker, which has seen only this one message.
    expect(await next).toMatchObject({ value: 1 });
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('gives larger inputs proportionally longer deadlines', async () => {
    expect(deadlineFor(0, { baseMs: 1000, msPerMB: 500 })).toBe(1000);
    expect(deadlineFor(10e6, { baseMs: 1000, msPerMB: 500 })).toBe(6000);
    const c = client();
    const big = settled(c.request({ op: 'hang', value: 0 }, { what: 'Reading "big.ply"', inputBytes: 10e6 }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(FakeWorker.all[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1001);
    expect((await big).ok).toBe(false);
  });

  it('starts a queued job\'s clock only when the jobs before it are done', async () => {
    const c = client();
    const first = settled(c.request({ op: 'hang', value: 0 }, { what: 'Reading "slow.ply"', deadlineMs: 800 }));
    const second = settled(c.request({ op: 'hang', value: 0 }, { what: 'Reading "queued.ply"', deadlineMs: 500 }));
    await vi.advanceTimersByTimeAsync(600);
    // The second job's 500 ms have not started: it is waiting behind the first.
    expect(FakeWorker.all[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    const [a, b] = await Promise.all([first, second]);
    expect(!a.ok && a.error.message).toBe('Reading "slow.ply" took too long and was stopped.');
    expect(!b.ok && b.error.fault).toBe('interrupted');
    expect(!b.ok && b.error.message).toBe('Reading "queued.ply" was interrupted because the worker had to be restarted; try again.');
  });

  it('rejects every waiting job with a sentence when the worker crashes, then restarts', async () => {
    const c = client();
    const a = settled(c.request({ op: 'hang', value: 0 }, { what: 'Rendering "a.ply"' }));
    const b = settled(c.request({ op: 'hang', value: 0 }, { what: 'Rendering "b.ply"' }));
    FakeWorker.all[0].crash();
    for (const r of await Promise.all([a, b])) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.fault).toBe('crashed');
        expect(r.error.message).toMatch(/^Rendering "[ab]\.ply" stopped because the worker crashed/);
        expect(r.error.message).not.toMatch(/TypeError|undefined/);
      }
    }
    expect(FakeWorker.all[0].terminated).toBe(true);
    const next = c.request({ op: 'echo', value: 3 }, { what: 'Rendering "c.ply"' });
    await vi.runAllTimersAsync();
    expect(await next).toMatchObject({ value: 3 });
  });

  it('rejects every waiting job when an answer cannot be read (messageerror)', async () => {
    const c = client();
    const a = settled(c.request({ op: 'hang', value: 0 }, { what: 'Decoding "clip.webm"' }));
    FakeWorker.all[0].onmessageerror?.({} as MessageEvent);
    const r = await a;
    expect(!r.ok && r.error.fault).toBe('unreadable');
    expect(!r.ok && r.error.message).toBe('Decoding "clip.webm" failed: the worker\'s answer could not be read. Try again.');
    expect(c.pendingCount()).toBe(0);
  });

  it('cancels a job at once; its late answer goes to onOrphan, and a hung cancelled job still gets stopped', async () => {
    const orphans: Rep[] = [];
    const c = client({ onOrphan: (r) => orphans.push(r) });
    const ac = new AbortController();
    const a = settled(c.request({ op: 'echo', value: 5 }, { what: 'Decoding "a.webm"', signal: ac.signal }));
    ac.abort();
    const r = await a;
    expect(!r.ok && r.error.fault).toBe('cancelled');
    expect(c.pendingCount()).toBe(0);
    await vi.runAllTimersAsync();
    expect(orphans).toEqual([{ id: 1, value: 5 }]);

    const ac2 = new AbortController();
    const hung = settled(c.request({ op: 'hang', value: 0 }, { what: 'Decoding "b.webm"', signal: ac2.signal, deadlineMs: 100 }));
    ac2.abort();
    expect((await hung).ok).toBe(false);
    await vi.advanceTimersByTimeAsync(150);
    expect(FakeWorker.all[0].terminated).toBe(true);
  });

  it('hands progress replies to the running job without settling it; with nobody listening they are orphans', async () => {
    const orphans: Rep[] = [];
    const c = client({ isProgress: (r) => r.step === true, onOrphan: (r) => orphans.push(r) });
    const seen: number[] = [];
    const a = c.request({ op: 'steps', value: 3 }, { what: 'Decoding "a.webm"', onProgress: (r) => seen.push(r.value) });
    await vi.advanceTimersByTimeAsync(2);
    expect(seen).toEqual([1, 2]);
    expect(c.pendingCount()).toBe(1);
    await vi.runAllTimersAsync();
    expect(await a).toEqual({ id: 1, value: -1 });
    expect(seen).toEqual([1, 2, 3]);
    expect(orphans).toEqual([]);

    // No listener, or a cancelled job: each progress reply is freed through onOrphan.
    const b = c.request({ op: 'steps', value: 2 }, { what: 'Decoding "b.webm"' });
    await vi.runAllTimersAsync();
    expect(await b).toEqual({ id: 2, value: -1 });
    const ac = new AbortController();
    const d = settled(c.request({ op: 'steps', value: 2 }, { what: 'Decoding "c.webm"', signal: ac.signal, onProgress: (r) => seen.push(r.value) }));
    ac.abort();
    await vi.runAllTimersAsync();
    expect((await d).ok).toBe(false);
    expect(orphans.map((r) => [r.id, r.value])).toEqual([[2, 1], [2, 2], [3, 1], [3, 2], [3, -1]]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('refuses an already aborted request without starting a worker', async () => {
    const c = client();
    const ac = new AbortController();
    ac.abort();
    const r = await settled(c.request({ op: 'echo', value: 1 }, { what: 'Reading "x.ply"', signal: ac.signal }));
    expect(!r.ok && r.error.fault).toBe('cancelled');
    expect(FakeWorker.all).toHaveLength(0);
  });

  it('sends state to each new worker before its first request, and uses the caller\'s error class', async () => {
    class MyError extends Error {
      constructor(
        m: string,
        readonly kind: string,
      ) {
        super(m);
      }
    }
    const c = client({ onStart: (post) => post({ op: 'known', ids: ['a'] }), makeError: (m, f) => new MyError(m, f) });
    const a = settled(c.request({ op: 'hang', value: 0 }, { what: 'Reading "a.png"', deadlineMs: 10 }));
    await vi.advanceTimersByTimeAsync(11);
    const r = await a;
    expect(!r.ok && r.error).toBeInstanceOf(MyError);
    expect(!r.ok && (r.error as unknown as MyError).kind).toBe('timeout');
    void c.request({ op: 'echo', value: 1 }, { what: 'Reading "b.png"' });
    expect(FakeWorker.all[1].seen[0]).toEqual({ op: 'known', ids: ['a'] });
  });

  it('scales every deadline by the test hook', () => {
    (globalThis as { __awWorkerDeadlineScale?: number }).__awWorkerDeadlineScale = 0.001;
    expect(deadlineFor(0, { baseMs: 10_000, msPerMB: 0 })).toBe(10);
  });

  it('dispose stops the worker and rejects waiting jobs', async () => {
    const c = client();
    const a = settled(c.request({ op: 'hang', value: 0 }, { what: 'Reading "a.ply"' }));
    c.dispose();
    const r = await a;
    expect(!r.ok && r.error.fault).toBe('stopped');
    expect(FakeWorker.all[0].terminated).toBe(true);
    expect(c.post({ op: 'forget' })).toBe(false);
  });
});
