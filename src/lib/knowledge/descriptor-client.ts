/**
 * Global image descriptors (see `@/core/knowledge/retrieval`) computed in a worker and cached per
 * image key for the tab's lifetime: a batch retrieving references for many queries of one class
 * describes each candidate once.
 */
import type { DescriptorReply, DescriptorRequest } from '@/lib/knowledge/descriptor-protocol';

const MAX_CACHE = 4096;
const cache = new Map<string, Promise<number[]>>();
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (d: number[]) => void; reject: (e: Error) => void }>();

function descriptorWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('../../workers/descriptor.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<DescriptorReply>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      if ('descriptor' in e.data) p.resolve(e.data.descriptor);
      else p.reject(new Error(e.data.error));
    };
  }
  return worker;
}

/** The descriptor of one image; `key` must change whenever the image's pixels can (asset, view, spec). */
export function imageDescriptorOf(key: string, blob: Blob): Promise<number[]> {
  let p = cache.get(key);
  if (!p) {
    p = new Promise<number[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      descriptorWorker().postMessage({ id, blob } satisfies DescriptorRequest);
    });
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value!);
  }
  return p;
}
