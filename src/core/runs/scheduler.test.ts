import { describe, expect, it } from 'vitest';
import { FakeClock } from '@/core/runs/fake-clock';
import { Scheduler, type Attempt, type Job } from '@/core/runs/scheduler';

interface J extends Job {
  n: number;
}
const jobs = (count: number): J[] => Array.from({ length: count }, (_, n) => ({ key: `c${n}`, n }));

/** A fake model: each call takes `latencyMs` of fake time; `script` decides failures per call. */
function harness(opts: { latencyMs?: number; script?: (job: J, attempt: number) => Partial<Attempt<string>> | undefined; concurrency?: number; rpm?: number; maxAttempts?: number }) {
  const clock = new FakeClock();
  const attempts = new Map<string, number>();
  const startedAt: number[] = [];
  const results: { key: string; result: string; failed: boolean; at: number }[] = [];
  let live = 0;
  let maxLive = 0;
  const s = new Scheduler<J, string>({
    clock,
    concurrency: opts.concurrency,
    rpm: opts.rpm,
    maxAttempts: opts.maxAttempts,
    random: () => 1,
    execute: async (job, signal) => {
      const k = (attempts.get(job.key) ?? 0) + 1;
      attempts.set(job.key, k);
      startedAt.push(clock.now());
      live++;
      maxLive = Math.max(maxLive, live);
      await clock.sleep(opts.latencyMs ?? 500);
      live--;
      if (signal.aborted) return { result: 'aborted', failed: true, cancelled: true };
      const scripted = opts.script?.(job, k);
      return { result: scripted?.failed ? `fail ${job.key}#${k}` : `ok ${job.key}`, failed: false, costUsd: 0.01, ...scripted };
    },
    onResult: (job, result, failed) => {
      results.push({ key: job.key, result, failed, at: clock.now() });
    },
  });
  return { clock, s, attempts, startedAt, results, maxLive: () => maxLive };
}

describe('batch scheduler', () => {
  it('runs every job once with at most `concurrency` in flight, default 4', async () => {
    const h = harness({});
    h.s.add(jobs(10));
    await h.clock.advance(1500);
    expect(h.results.map((r) => r.key).sort()).toEqual(jobs(10).map((j) => j.key).sort());
    expect(h.maxLive()).toBe(4);
    // 10 jobs, 4 at a time, 500 ms each: three waves.
    expect(h.results.at(-1)!.at).toBe(1500);
    expect(h.s.progress()).toMatchObject({ state: 'done', done: 10, failed: 0, total: 10, etaMs: 0 });
    expect(h.s.progress().costUsd).toBeCloseTo(0.1, 10);
  });

  it('honours Retry-After on a 429 and holds every start until then', async () => {
    const h = harness({ concurrency: 2, script: (j, k) => (j.key === 'c0' && k === 1 ? { failed: true, retryable: true, rateLimited: true, retryAfterS: 3 } : undefined) });
    h.s.add(jobs(4));
    await h.clock.advance(500);
    expect(h.s.progress().holdUntil).toBe(3500);
    await h.clock.advance(2900);
    // Nothing started between the 429 (t = 500) and t = 3500.
    expect(h.startedAt.filter((t) => t > 500 && t < 3500)).toEqual([]);
    await h.clock.advance(5000);
    expect(h.attempts.get('c0')).toBe(2);
    expect(h.results.find((r) => r.key === 'c0')).toMatchObject({ result: 'ok c0', failed: false });
    expect(h.s.progress()).toMatchObject({ done: 4, failed: 0, retries: 1 });
  });

  it('backs off exponentially on 5xx and records the last failure after the final attempt', async () => {
    const h = harness({ concurrency: 1, maxAttempts: 3, script: (j) => (j.key === 'c0' ? { failed: true, retryable: true } : undefined) });
    h.s.add(jobs(2));
    await h.clock.advance(60_000);
    // attempts at 0; 500 + 1000; 2000 + 500 + 2000 (backoff 1 s, 2 s with jitter factor 1)
    expect(h.attempts.get('c0')).toBe(3);
    expect(h.results.filter((r) => r.key === 'c0')).toEqual([{ key: 'c0', result: 'fail c0#3', failed: true, at: expect.any(Number) }]);
    expect(h.s.progress()).toMatchObject({ done: 1, failed: 1, retries: 2, total: 2, state: 'done' });
  });

  it('does not retry a failure that is not retryable (e.g. a wrong key)', async () => {
    const h = harness({ script: () => ({ failed: true, retryable: false }) });
    h.s.add(jobs(3));
    await h.clock.advance(10_000);
    expect([...h.attempts.values()]).toEqual([1, 1, 1]);
    expect(h.s.progress()).toMatchObject({ done: 0, failed: 3, retries: 0 });
  });

  it('keeps to the requests-per-minute limit', async () => {
    const h = harness({ latencyMs: 10, rpm: 5, concurrency: 8 });
    h.s.add(jobs(12));
    await h.clock.advance(200_000);
    expect(h.results).toHaveLength(12);
    for (let i = 0; i < h.startedAt.length; i++) {
      const inWindow = h.startedAt.filter((t) => t > h.startedAt[i] - 60_000 && t <= h.startedAt[i]);
      expect(inWindow.length).toBeLessThanOrEqual(5);
    }
    expect(h.startedAt.slice(5, 6)).toEqual([60_000]);
  });

  it('pauses without losing running work and resumes where it stopped', async () => {
    const h = harness({ concurrency: 2 });
    h.s.add(jobs(6));
    await h.clock.advance(250);
    h.s.pause();
    await h.clock.advance(5000);
    // The two running calls finished; nothing new started.
    expect(h.results).toHaveLength(2);
    expect(h.startedAt).toHaveLength(2);
    expect(h.s.progress()).toMatchObject({ state: 'paused', pending: 4, running: 0 });
    h.s.resume();
    await h.clock.advance(2000);
    expect(h.results).toHaveLength(6);
    expect(new Set(h.results.map((r) => r.key)).size).toBe(6);
  });

  it('cancel aborts running calls, records nothing for them and drops the queue', async () => {
    const h = harness({ concurrency: 2 });
    h.s.add(jobs(6));
    await h.clock.advance(600);
    h.s.cancel();
    const idle = h.s.whenIdle();
    await h.clock.advance(5000);
    await idle;
    expect(h.results.map((r) => r.key)).toEqual(['c0', 'c1']);
    expect(h.s.progress()).toMatchObject({ state: 'cancelled', done: 2, pending: 0, running: 0 });
  });

  it('estimates the time left from the pace so far and changes concurrency live', async () => {
    const h = harness({ concurrency: 1 });
    h.s.add(jobs(5));
    expect(h.s.progress().etaMs).toBeUndefined();
    await h.clock.advance(1000);
    expect(h.s.progress().etaMs).toBe(1500);
    h.s.setConcurrency(3);
    await h.clock.advance(500);
    expect(h.s.progress().done).toBe(5);
  });

  it('ignores a job key that is already queued (no duplicates)', async () => {
    const h = harness({});
    h.s.add(jobs(3));
    h.s.add(jobs(3));
    await h.clock.advance(1000);
    expect(h.results).toHaveLength(3);
    expect(h.s.progress().total).toBe(3);
  });

  it('counts a result that could not be stored as failed and says why', async () => {
    const clock = new FakeClock();
    const s = new Scheduler<J, string>({ clock, execute: async () => ({ result: 'x', failed: false }), onResult: () => { throw new Error('The browser has no room left.'); } });
    s.add(jobs(1));
    await clock.advance(10);
    expect(s.progress()).toMatchObject({ failed: 1, done: 0, error: 'The browser has no room left.' });
  });

  it('starts the next call while an answer is being stored, and is idle only once every answer is kept', async () => {
    const clock = new FakeClock();
    const stores: (() => void)[] = [];
    const started: string[] = [];
    const s = new Scheduler<J, string>({
      clock,
      concurrency: 1,
      execute: async (job) => {
        started.push(job.key);
        return { result: job.key, failed: false };
      },
      onResult: () => new Promise<void>((resolve) => stores.push(resolve)),
    });
    let idle = false;
    s.add(jobs(3));
    void s.whenIdle().then(() => (idle = true));
    await clock.advance(10);
    // All three calls ran although no answer has been kept yet; none counts as done.
    expect(started).toEqual(['c0', 'c1', 'c2']);
    expect(s.progress()).toMatchObject({ done: 0, state: 'running' });
    stores.splice(0, 2).forEach((r) => r());
    await clock.advance(10);
    expect(s.progress()).toMatchObject({ done: 2, state: 'running' });
    expect(idle).toBe(false);
    stores.splice(0).forEach((r) => r());
    await clock.advance(10);
    expect(s.progress()).toMatchObject({ done: 3, state: 'done' });
    expect(idle).toBe(true);
  });
});
