/** A small pool of ingest workers behind one `process(file, job)` function. */
import type { FileJob, FileProcessor, JobOutcome } from '@/lib/ingest-run';

export type IngestWorkerRequest = { type: 'known'; ids: string[] } | { type: 'process'; id: number; file: Blob; job: FileJob };
export type IngestWorkerReply = { id: number; outcome: JobOutcome } | { id: number; error: string };

export interface IngestWorkerPool {
  process: FileProcessor;
  dispose: () => void;
}

export function createIngestWorkerPool(knownIds: Iterable<string>, size = defaultPoolSize()): IngestWorkerPool {
  const ids = [...knownIds];
  const pending = new Map<number, { resolve: (r: JobOutcome) => void; reject: (e: unknown) => void; worker: number }>();
  const load = new Array<number>(size).fill(0);
  let seq = 0;
  const workers = Array.from({ length: size }, (_, w) => {
    const worker = new Worker(new URL('../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: `ingest-${w}` });
    worker.postMessage({ type: 'known', ids } satisfies IngestWorkerRequest);
    worker.onmessage = (e: MessageEvent<IngestWorkerReply>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      load[p.worker] -= 1;
      if ('outcome' in e.data) p.resolve(e.data.outcome);
      else p.reject(new Error(`The ingest worker failed (${e.data.error}).`));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      for (const [id, p] of pending) {
        if (p.worker !== w) continue;
        pending.delete(id);
        load[w] -= 1;
        p.reject(new Error('The ingest worker stopped unexpectedly.'));
      }
    };
    return worker;
  });

  const process: FileProcessor = (file, job) =>
    new Promise<JobOutcome>((resolve, reject) => {
      const w = load.indexOf(Math.min(...load));
      const id = ++seq;
      load[w] += 1;
      pending.set(id, { resolve, reject, worker: w });
      workers[w].postMessage({ type: 'process', id, file, job } satisfies IngestWorkerRequest);
    });

  return {
    process,
    dispose: () => {
      for (const w of workers) w.terminate();
      for (const p of pending.values()) p.reject(new Error('Ingest was stopped.'));
      pending.clear();
    },
  };
}

function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(4, cores));
}
