/** A small pool of supervised ingest workers behind one `process(file, job)` function. */
import type { FileJob, FileProcessor, JobOutcome } from '@/lib/ingest/run';
import { createWorkerClient, type WorkerClient } from '@/lib/worker-client';
import { defaultOptions } from '@/core/options';

export type IngestWorkerRequest = { type: 'known'; ids: string[] } | { type: 'process'; id: number; file: Blob; job: FileJob };
/** `error` is the error's name, so a quota refusal stays recognisable across the worker boundary. */
export type IngestWorkerReply = { id: number; outcome: JobOutcome } | { id: number; error: string };

export interface IngestWorkerPool {
  process: FileProcessor;
  dispose: () => void;
}

/** Reading, hashing, thumbnailing and storing one file; decoding large images dominates. */
const DEADLINE = defaultOptions.deadlines.ingestFile;

/** An error carrying the worker's error name (e.g. QuotaExceededError, which callers map to a sentence). */
class IngestWorkerError extends Error {
  constructor(name: string, path: string) {
    super(`"${path.split('/').pop()}" could not be added because of an unexpected problem (${name}); try adding it again.`);
    this.name = name;
  }
}

export function createIngestWorkerPool(knownIds: Iterable<string>, size = defaultPoolSize()): IngestWorkerPool {
  const ids = [...knownIds];
  const load = new Array<number>(size).fill(0);
  const clients: WorkerClient<Extract<IngestWorkerRequest, { type: 'process' }>, IngestWorkerReply>[] = Array.from({ length: size }, (_, w) =>
    createWorkerClient({
      create: () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: `ingest-${w}` }),
      deadline: DEADLINE,
      // A restarted worker must know the project's files again to spot duplicates.
      onStart: (post) => post({ type: 'known', ids } satisfies IngestWorkerRequest),
    }),
  );

  const process: FileProcessor = async (file, job) => {
    const w = load.indexOf(Math.min(...load));
    load[w] += 1;
    try {
      const r = await clients[w].request({ type: 'process', file, job }, { what: `Adding "${job.path.split('/').pop()}"`, inputBytes: file.size });
      if ('outcome' in r) return r.outcome;
      throw new IngestWorkerError(r.error, job.path);
    } finally {
      load[w] -= 1;
    }
  };

  return {
    process,
    dispose: () => {
      for (const c of clients) c.dispose();
    },
  };
}

function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(4, cores));
}
