/**
 * Runs an async job when asked, but never two at once and at most once per `minIntervalMs`: the
 * first request after a quiet spell runs at once; requests that come while the job runs or too
 * soon after it are folded into one more run as soon as the interval allows. For work that must
 * follow a stream of changes (re-reading a list while an ingest adds a row per file) without
 * redoing itself for every one of them.
 */
export interface RateLimited {
  request(): void;
  /** No more runs after this (a run under way finishes). */
  stop(): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function rateLimited(job: () => Promise<void>, minIntervalMs: number, clock: Clock = realClock): RateLimited {
  let lastStart = -Infinity;
  let running = false;
  let pending = false;
  let timer: unknown;
  let stopped = false;

  const start = () => {
    timer = undefined;
    if (stopped) return;
    pending = false;
    running = true;
    lastStart = clock.now();
    void job()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (pending) schedule();
      });
  };

  const schedule = () => {
    if (stopped || timer !== undefined) return;
    if (running) {
      pending = true;
      return;
    }
    const wait = lastStart + minIntervalMs - clock.now();
    if (wait <= 0) start();
    else {
      pending = true;
      timer = clock.setTimeout(start, wait);
    }
  };

  return {
    request: schedule,
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
