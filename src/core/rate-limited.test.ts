import { describe, expect, it } from 'vitest';
import { rateLimited, type Clock } from './rate-limited';

/** A clock moved by hand, with its timers. */
function fakeClock() {
  let t = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let seq = 0;
  const clock: Clock = {
    now: () => t,
    setTimeout: (fn, ms) => {
      timers.push({ at: t + ms, fn, id: ++seq });
      return seq;
    },
    clearTimeout: (h) => {
      timers = timers.filter((x) => x.id !== h);
    },
  };
  const advance = async (ms: number) => {
    t += ms;
    for (;;) {
      const due = timers.filter((x) => x.at <= t);
      if (due.length === 0) break;
      timers = timers.filter((x) => x.at > t);
      for (const d of due) d.fn();
      await flush();
    }
    await flush();
  };
  return { clock, advance };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('rateLimited', () => {
  it('runs the first request at once, then folds a burst into one run per interval', async () => {
    const { clock, advance } = fakeClock();
    const runs: number[] = [];
    const r = rateLimited(async () => void runs.push(clock.now()), 500, clock);
    r.request();
    await flush();
    expect(runs).toEqual([0]);
    // A write per 10 ms for a second: two more runs, not a hundred.
    for (let i = 0; i < 100; i++) {
      r.request();
      await advance(10);
    }
    await advance(600);
    expect(runs).toEqual([0, 500, 1000]);
  });

  it('never runs twice at once, and runs once more for a change that came during a run', async () => {
    const { clock, advance } = fakeClock();
    let active = 0;
    let most = 0;
    let release: () => void = () => undefined;
    let runs = 0;
    const r = rateLimited(
      () =>
        new Promise<void>((ok) => {
          runs++;
          active++;
          most = Math.max(most, active);
          release = () => {
            active--;
            ok();
          };
        }),
      100,
      clock,
    );
    r.request();
    await advance(200);
    r.request();
    r.request();
    await advance(200);
    expect(runs).toBe(1);
    release();
    await advance(200);
    expect(runs).toBe(2);
    release();
    await advance(200);
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('a request after a quiet spell runs at once', async () => {
    const { clock, advance } = fakeClock();
    const runs: number[] = [];
    const r = rateLimited(async () => void runs.push(clock.now()), 500, clock);
    r.request();
    await advance(5000);
    r.request();
    await flush();
    expect(runs).toEqual([0, 5000]);
  });

  it('does nothing more once stopped', async () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const r = rateLimited(async () => void runs++, 500, clock);
    r.request();
    await flush();
    r.request();
    r.stop();
    await advance(1000);
    expect(runs).toBe(1);
  });
});
