/**
 * The one typed client every worker is reached through: request ids, transferables, cancel, and
 * supervision. Each request has a deadline proportional to its input; a worker that overruns it,
 * crashes or sends an unreadable answer is terminated, every caller still waiting gets a sentence,
 * and the next request starts a fresh worker. No file can wedge a worker for the rest of the tab.
 */

/** What went wrong with a job, for callers that react differently (e.g. mark a case damaged). */
export type WorkerJobFault = 'timeout' | 'crashed' | 'unreadable' | 'interrupted' | 'cancelled' | 'stopped';

/** A job that did not finish; the message is a sentence naming the job. */
export class WorkerJobError extends Error {
  constructor(
    message: string,
    readonly fault: WorkerJobFault,
  ) {
    super(message);
    this.name = 'WorkerJobError';
  }
}

/** The part of `Worker` the client uses, so tests can hand in a fake. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

import type { DeadlineRule } from '@/core/options';

export type { DeadlineRule };

/**
 * Multiplies every deadline; e2e tests lower it (`globalThis.__awWorkerDeadlineScale`) to prove
 * that an overrun job is stopped and the next one works, without shipping a file that hangs.
 */
function deadlineScale(): number {
  const s = (globalThis as { __awWorkerDeadlineScale?: unknown }).__awWorkerDeadlineScale;
  return typeof s === 'number' && s >= 0 && Number.isFinite(s) ? s : 1;
}

/** The deadline for `bytes` of input under `rule` (ms). */
export function deadlineFor(bytes: number, rule: DeadlineRule): number {
  return Math.round((rule.baseMs + (Math.max(0, bytes) / 1e6) * rule.msPerMB) * deadlineScale());
}

export interface RequestOptions<Reply = unknown> {
  /** Names the job in sentences as the user sees it, e.g. `Reading "scan.ply"`. */
  what: string;
  /** Input size in bytes; with the client's rule it sets the deadline. */
  inputBytes?: number;
  /** Overrides the computed deadline (ms). */
  deadlineMs?: number;
  transfer?: Transferable[];
  /** Aborting rejects the caller at once; the worker still gets its deadline. */
  signal?: AbortSignal;
  /** Appended to the overrun sentence, e.g. advice to re-encode the file. */
  timeoutHint?: string;
  /** Gets the job's progress replies (see `isProgress`) while it runs; without it they are orphans. */
  onProgress?: (reply: Reply) => void;
}

export interface WorkerClientOptions<Reply, K extends string> {
  /** Starts a worker; called again after a restart. */
  create: () => WorkerLike;
  /** Field of requests and replies that carries the request id ('id' unless said). */
  idKey?: K;
  deadline: DeadlineRule;
  /**
   * Replies that report on a job still running (one frame of many, say): they go to the request's
   * `onProgress` and leave the job waiting for its final reply.
   */
  isProgress?: (reply: Reply) => boolean;
  /** Sent-back messages whose job is gone (cancelled or restarted) or that nobody listens to: free what they hold. */
  onOrphan?: (reply: Reply) => void;
  /** Called with each new worker before the first request, e.g. to send it state. */
  onStart?: (post: (message: unknown) => void) => void;
  /** Turns a sentence into the caller's own error class. */
  makeError?: (message: string, fault: WorkerJobFault) => Error;
}

interface Job<Reply> {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
  what: string;
  deadlineMs: number;
  timeoutHint?: string;
  onProgress?: (reply: Reply) => void;
  /** The caller gave up; the entry stays so the worker's time on it is still supervised. */
  cancelled: boolean;
  detach?: () => void;
}

export interface WorkerClient<Request, Reply, K extends string = 'id'> {
  /** Posts a request (its id is added) and resolves with the reply carrying the same id. */
  request(message: DistributiveOmit<Request, K>, opts: RequestOptions<Reply>): Promise<Reply>;
  /** Posts a message that needs no reply, to the running worker only (none is started for it). */
  post(message: unknown, transfer?: Transferable[]): boolean;
  /** Rejects one waiting job as cancelled. */
  cancel(id: number): void;
  /** Jobs still waiting for the worker. */
  pendingCount(): number;
  /** Counts worker restarts; changes when state held in the worker was lost. */
  generation(): number;
  /** Stops the worker; waiting jobs reject. */
  dispose(): void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const FAULT_SENTENCE: Record<Exclude<WorkerJobFault, 'timeout'>, (what: string) => string> = {
  crashed: (what) => `${what} stopped because the worker crashed (the file may be too large or damaged for this browser tab). Try again or use a smaller file.`,
  unreadable: (what) => `${what} failed: the worker's answer could not be read. Try again.`,
  interrupted: (what) => `${what} was interrupted because the worker had to be restarted; try again.`,
  cancelled: (what) => `${what} was cancelled.`,
  stopped: (what) => `${what} was stopped.`,
};

/** A supervised worker client. The worker starts on the first request. */
export function createWorkerClient<Request extends object, Reply extends object, K extends string = 'id'>(opts: WorkerClientOptions<Reply, K>): WorkerClient<Request, Reply, K> {
  const idKey: string = opts.idKey ?? 'id';
  const jobs = new Map<number, Job<Reply>>();
  let worker: WorkerLike | undefined;
  let restarts = 0;
  let seq = 1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedId: number | undefined;
  const makeError = opts.makeError ?? ((m, f) => new WorkerJobError(m, f));

  /** Only the oldest job's clock runs: the ones behind it wait for the worker, they do not work. */
  function armHead() {
    const head = jobs.keys().next();
    if (!head.done && head.value === timedId) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    timedId = undefined;
    if (head.done) return;
    const id = head.value;
    timedId = id;
    timer = setTimeout(() => overran(id), jobs.get(id)!.deadlineMs);
  }

  function settle(id: number): Job<Reply> | undefined {
    const job = jobs.get(id);
    if (!job) return undefined;
    jobs.delete(id);
    job.detach?.();
    armHead();
    return job;
  }

  function overran(id: number) {
    const job = jobs.get(id);
    if (!job) return;
    const sentence = `${job.what} took too long and was stopped.${job.timeoutHint ? ` ${job.timeoutHint}` : ''}`;
    restart(id, makeError(sentence, 'timeout'), 'interrupted');
  }

  /** Terminates the worker; the culprit (if known) gets `culpritError`, every other waiting job `others`. */
  function restart(culprit: number | undefined, culpritError: Error | undefined, others: Exclude<WorkerJobFault, 'timeout'>) {
    if (worker) restarts++;
    worker?.terminate();
    worker = undefined;
    if (timer) clearTimeout(timer);
    timer = undefined;
    timedId = undefined;
    const waiting = [...jobs.entries()];
    jobs.clear();
    for (const [id, job] of waiting) {
      job.detach?.();
      if (job.cancelled) continue;
      job.reject(id === culprit && culpritError ? culpritError : makeError(FAULT_SENTENCE[others](job.what), others));
    }
  }

  function start(): WorkerLike {
    if (worker) return worker;
    const w = opts.create();
    w.onmessage = (e: MessageEvent) => {
      if (w !== worker) return;
      const data = e.data as Record<string, unknown> & Reply;
      const id = typeof data?.[idKey] === 'number' ? (data[idKey] as number) : -1;
      if (opts.isProgress?.(data)) {
        const running = jobs.get(id);
        if (running && !running.cancelled && running.onProgress) running.onProgress(data);
        else opts.onOrphan?.(data);
        return;
      }
      const job = settle(id);
      if (!job || job.cancelled) {
        opts.onOrphan?.(data);
        return;
      }
      job.resolve(data);
    };
    w.onerror = (e: ErrorEvent) => {
      // Handled here: the sentence reaches the callers, not the console as an uncaught error.
      e.preventDefault?.();
      if (w === worker) restart(undefined, undefined, 'crashed');
    };
    w.onmessageerror = () => {
      if (w === worker) restart(undefined, undefined, 'unreadable');
    };
    worker = w;
    opts.onStart?.((m) => w.postMessage(m));
    return w;
  }

  function cancel(id: number) {
    const job = jobs.get(id);
    if (!job || job.cancelled) return;
    job.cancelled = true;
    job.detach?.();
    job.reject(makeError(FAULT_SENTENCE.cancelled(job.what), 'cancelled'));
  }

  return {
    request(message, o) {
      const id = seq++;
      return new Promise<Reply>((resolve, reject) => {
        if (o.signal?.aborted) {
          reject(makeError(FAULT_SENTENCE.cancelled(o.what), 'cancelled'));
          return;
        }
        const deadlineMs = o.deadlineMs ?? deadlineFor(o.inputBytes ?? 0, opts.deadline);
        const job: Job<Reply> = { resolve, reject, what: o.what, deadlineMs, timeoutHint: o.timeoutHint, onProgress: o.onProgress, cancelled: false };
        if (o.signal) {
          const onAbort = () => cancel(id);
          o.signal.addEventListener('abort', onAbort, { once: true });
          job.detach = () => o.signal?.removeEventListener('abort', onAbort);
        }
        let w: WorkerLike;
        try {
          w = start();
        } catch {
          job.detach?.();
          reject(makeError(FAULT_SENTENCE.crashed(o.what), 'crashed'));
          return;
        }
        jobs.set(id, job);
        armHead();
        try {
          w.postMessage({ ...message, [idKey]: id }, o.transfer ?? []);
        } catch {
          // e.g. a value that cannot be cloned: this job fails, the worker is fine.
          settle(id);
          reject(makeError(FAULT_SENTENCE.unreadable(o.what), 'unreadable'));
        }
      });
    },
    post(message, transfer = []) {
      if (!worker) return false;
      worker.postMessage(message, transfer);
      return true;
    },
    cancel,
    pendingCount: () => [...jobs.values()].filter((j) => !j.cancelled).length,
    generation: () => restarts,
    dispose() {
      restart(undefined, undefined, 'stopped');
    },
  };
}
