/** A manual clock for tests and benchmarks: time moves only when `advance` is called. */
import type { Clock } from '@/core/runs/scheduler';

export class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();

  /** `settle` lets other pending work run between timers (e.g. real IndexedDB callbacks in tests). */
  constructor(private readonly settle: () => Promise<void> = flush) {}

  now() {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(h: unknown) {
    this.timers.delete(h as number);
  }

  /** A promise that resolves after `ms` of fake time. */
  sleep(ms: number): Promise<void> {
    return new Promise((r) => this.setTimeout(r, ms));
  }

  /** Runs due timers in time order up to now + ms, letting promise callbacks settle between them. */
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      await this.settle();
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at || (e[1].at === next[1].at && e[0] < next[0]))) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
    await this.settle();
  }

  pendingTimers() {
    return this.timers.size;
  }
}

async function flush() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
