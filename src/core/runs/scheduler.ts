/**
 * A batch queue: bounded concurrency, optional requests-per-minute limit, retries with
 * `Retry-After` and exponential backoff, pause / resume / cancel, ETA and cost so far.
 * Pure: the clock and the executor are injected, so tests drive it with a fake clock.
 *
 * The scheduler is the only retry layer of a batch: executors must not retry themselves.
 */
import { retryDelay } from '@/core/identity';
import { defaultOptions } from '@/core/options';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Job {
  /** Unique per job, e.g. `${caseId}:${rep}`. */
  key: string;
}

/** What one attempt produced, classified for the scheduler. */
export interface Attempt<R> {
  result: R;
  /** The answer is a failure (counted as failed if it is the last attempt). */
  failed: boolean;
  /** Worth another attempt (429, 5xx, network, timeout). */
  retryable?: boolean;
  /** The server asked to wait this long (Retry-After), seconds. */
  retryAfterS?: number;
  /** A 429: hold every start, not just this job's. */
  rateLimited?: boolean;
  costUsd?: number;
  /** The attempt was aborted by cancel: not recorded. */
  cancelled?: boolean;
}

export type SchedulerState = 'idle' | 'running' | 'paused' | 'cancelled' | 'done';

export interface Progress {
  state: SchedulerState;
  total: number;
  done: number;
  failed: number;
  running: number;
  pending: number;
  retries: number;
  costUsd: number;
  /** Estimated ms to finish, once something finished; undefined before. */
  etaMs?: number;
  /** Starts are held until this time (after a 429 or by the RPM limit). */
  holdUntil?: number;
  concurrency: number;
  rpm?: number;
  /** The last problem keeping a result, as a sentence. */
  error?: string;
}

export interface SchedulerOptions<J extends Job, R> {
  execute: (job: J, signal: AbortSignal) => Promise<Attempt<R>>;
  /** Called once per job with its final result (success or last failure), in finishing order. */
  onResult?: (job: J, result: R, failed: boolean) => void | Promise<void>;
  onProgress?: (p: Progress) => void;
  clock?: Clock;
  concurrency?: number;
  /** Requests per minute; undefined = no limit. */
  rpm?: number;
  /** Attempts per job including the first (default 4). */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** 0–1 source for jitter (default Math.random). */
  random?: () => number;
}

interface Entry<J> {
  job: J;
  attempts: number;
  notBefore: number;
}

export class Scheduler<J extends Job, R> {
  private readonly o: Required<Omit<SchedulerOptions<J, R>, 'rpm' | 'onResult' | 'onProgress'>> & Pick<SchedulerOptions<J, R>, 'rpm' | 'onResult' | 'onProgress'>;
  private pending: Entry<J>[] = [];
  private readonly running = new Map<string, AbortController>();
  /** Answers handed to `onResult` and not yet kept. */
  private storing = 0;
  private starts: number[] = [];
  private holdUntil = 0;
  private timer: unknown;
  private timerAt = Infinity;
  private state: SchedulerState = 'idle';
  private total = 0;
  private done = 0;
  private failed = 0;
  private retries = 0;
  private cost = 0;
  /** Time spent running (not paused), for the ETA. */
  private activeMs = 0;
  private activeSince?: number;
  private idleWaiters: (() => void)[] = [];
  private lastError?: string;

  constructor(options: SchedulerOptions<J, R>) {
    this.o = {
      clock: realClock,
      concurrency: defaultOptions.runs.concurrency,
      maxAttempts: defaultOptions.runs.maxAttempts,
      baseBackoffMs: defaultOptions.runs.backoffMs.first,
      maxBackoffMs: defaultOptions.runs.backoffMs.max,
      random: Math.random,
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SchedulerOptions<J, R>),
    };
  }

  /** Adds jobs and starts (or continues) working. Keys already queued or running are ignored. */
  add(jobs: readonly J[]): void {
    const known = new Set([...this.pending.map((e) => e.job.key), ...this.running.keys()]);
    for (const job of jobs) {
      if (known.has(job.key)) continue;
      known.add(job.key);
      this.pending.push({ job, attempts: 0, notBefore: 0 });
      this.total++;
    }
    if (this.state === 'idle' || this.state === 'done') this.setState('running');
    this.pump();
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.setState('paused');
    this.clearTimer();
    this.emit();
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.setState('running');
    this.pump();
  }

  /** Stops starting jobs and aborts running ones; their attempts are not recorded. */
  cancel(): void {
    if (this.state === 'cancelled' || this.state === 'done') return;
    this.setState('cancelled');
    this.clearTimer();
    this.pending = [];
    for (const c of this.running.values()) c.abort();
    this.emit();
    this.checkIdle();
  }

  setConcurrency(n: number): void {
    this.o.concurrency = Math.max(1, Math.floor(n));
    this.pump();
  }

  setRpm(rpm: number | undefined): void {
    this.o.rpm = rpm && rpm > 0 ? rpm : undefined;
    this.pump();
  }

  /** Resolves when every job finished, or after cancel once running attempts have stopped. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  progress(): Progress {
    const now = this.o.clock.now();
    const finished = this.done + this.failed;
    const remaining = this.total - finished;
    const active = this.activeMs + (this.activeSince !== undefined ? now - this.activeSince : 0);
    const etaMs = finished > 0 && remaining > 0 ? (active / finished) * remaining : remaining === 0 ? 0 : undefined;
    const hold = Math.max(this.holdUntil, this.rpmFreeAt(now));
    return {
      state: this.state,
      total: this.total,
      done: this.done,
      failed: this.failed,
      running: this.running.size,
      pending: this.pending.length,
      retries: this.retries,
      costUsd: this.cost,
      etaMs,
      holdUntil: hold > now ? hold : undefined,
      concurrency: this.o.concurrency,
      rpm: this.o.rpm,
      error: this.lastError,
    };
  }

  private isIdle() {
    return this.running.size === 0 && this.storing === 0 && (this.pending.length === 0 || this.state === 'cancelled');
  }

  private setState(s: SchedulerState) {
    const now = this.o.clock.now();
    if (this.activeSince !== undefined && s !== 'running') {
      this.activeMs += now - this.activeSince;
      this.activeSince = undefined;
    }
    if (s === 'running' && this.activeSince === undefined) this.activeSince = now;
    this.state = s;
  }

  private emit() {
    this.o.onProgress?.(this.progress());
  }

  private clearTimer() {
    if (this.timer !== undefined) this.o.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private wakeAt(t: number) {
    if (t >= this.timerAt) return;
    this.clearTimer();
    this.timerAt = t;
    this.timer = this.o.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, t - this.o.clock.now()));
  }

  /** When the next start is allowed by the RPM limit (≤ now when allowed). */
  private rpmFreeAt(now: number): number {
    const rpm = this.o.rpm;
    if (!rpm) return 0;
    this.starts = this.starts.filter((t) => t > now - 60_000);
    return this.starts.length < rpm ? 0 : this.starts[this.starts.length - rpm] + 60_000;
  }

  private pump() {
    if (this.state !== 'running') return;
    const now = this.o.clock.now();
    while (this.running.size < this.o.concurrency && this.pending.length > 0) {
      const gate = Math.max(this.holdUntil, this.rpmFreeAt(now));
      if (gate > now) {
        this.wakeAt(gate);
        break;
      }
      const i = this.pending.findIndex((e) => e.notBefore <= now);
      if (i < 0) {
        this.wakeAt(Math.min(...this.pending.map((e) => e.notBefore)));
        break;
      }
      const [entry] = this.pending.splice(i, 1);
      this.start(entry, now);
    }
    if (this.pending.length === 0 && this.running.size === 0 && this.storing === 0 && this.state === 'running') {
      this.setState('done');
      this.checkIdle();
    }
    this.emit();
  }

  private start(entry: Entry<J>, now: number) {
    const ctl = new AbortController();
    this.running.set(entry.job.key, ctl);
    this.starts.push(now);
    entry.attempts++;
    void this.o
      .execute(entry.job, ctl.signal)
      .catch((): Attempt<R> => ({ result: undefined as R, failed: true, retryable: false, cancelled: ctl.signal.aborted }))
      .then((a) => this.finish(entry, a, ctl));
  }

  private async finish(entry: Entry<J>, a: Attempt<R>, ctl: AbortController) {
    this.cost += a.costUsd ?? 0;
    const cancelled = a.cancelled || ctl.signal.aborted || this.state === 'cancelled';
    if (cancelled) {
      this.running.delete(entry.job.key);
      this.emit();
      this.checkIdle();
      return;
    }
    if (a.failed && a.retryable && entry.attempts < this.o.maxAttempts) {
      const now = this.o.clock.now();
      const wait = retryDelay(entry.attempts - 1, { ...defaultOptions.runs.backoffMs, first: this.o.baseBackoffMs, max: this.o.maxBackoffMs }, { retryAfter: a.retryAfterS === undefined ? undefined : a.retryAfterS * 1000, random: this.o.random });
      entry.notBefore = now + wait;
      if (a.rateLimited) this.holdUntil = Math.max(this.holdUntil, now + wait);
      this.retries++;
      this.running.delete(entry.job.key);
      this.pending.unshift(entry);
      this.pump();
      return;
    }
    // The slot is the model call's: the next job starts while this answer is being stored, so
    // answers arriving together can be written together. A job counts once its answer is kept.
    this.running.delete(entry.job.key);
    this.storing++;
    this.pump();
    let failed = a.failed;
    try {
      await this.o.onResult?.(entry.job, a.result, a.failed);
    } catch (e) {
      // The answer came but could not be kept (e.g. storage full): count it as failed, say why.
      failed = true;
      this.lastError = e instanceof Error ? e.message : String(e);
    }
    this.storing--;
    if (failed) this.failed++;
    else this.done++;
    this.pump();
    this.checkIdle();
  }

  private checkIdle() {
    if (!this.isIdle()) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const r of w) r();
  }
}
