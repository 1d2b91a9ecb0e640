/**
 * Global image descriptors (see `@/core/knowledge/retrieval`) computed in a worker and cached per
 * image key for the tab's lifetime: a batch retrieving references for many queries of one class
 * describes each candidate once.
 */
import { defaultOptions } from '@/core/options';
import type { DescriptorReply, DescriptorRequest } from '@/lib/knowledge/descriptor-protocol';
import { createWorkerClient } from '@/lib/worker-client';

const MAX_CACHE = 4096;
const cache = new Map<string, Promise<number[]>>();

const client = createWorkerClient<DescriptorRequest, DescriptorReply>({
  create: () => new Worker(new URL('../../workers/descriptor.worker.ts', import.meta.url), { type: 'module' }),
  deadline: defaultOptions.deadlines.describeImage,
});

async function describe(blob: Blob): Promise<number[]> {
  const reply = await client.request({ blob }, { what: 'Describing an image for reference retrieval', inputBytes: blob.size });
  if ('descriptor' in reply) return reply.descriptor;
  throw new Error(reply.error);
}

/** The descriptor of one image; `key` must change whenever the image's pixels can (asset, view, spec). */
export function imageDescriptorOf(key: string, blob: Blob): Promise<number[]> {
  let p = cache.get(key);
  if (!p) {
    p = describe(blob);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value!);
  }
  return p;
}
