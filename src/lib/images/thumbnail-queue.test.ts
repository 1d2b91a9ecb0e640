import { describe, expect, it, vi } from 'vitest';
import type { WorkerLike } from '@/lib/worker-client';
import type { ThumbnailRequest } from '@/lib/images/thumbnail-protocol';

vi.mock('@/lib/storage/db', () => ({ projectDb: () => undefined }));
const { createThumbnailQueue } = await import('@/lib/images/thumbnail-queue');

/** A preview worker that makes what it is asked, or crashes on the ids listed in `deadly`. */
class FakePreviewWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  constructor(
    private readonly made: string[],
    private readonly deadly: Set<string>,
  ) {}
  postMessage(message: unknown) {
    const { id, ids } = message as ThumbnailRequest;
    setTimeout(() => {
      if (ids.some((x) => this.deadly.has(x))) this.onerror?.({ preventDefault() {} } as ErrorEvent);
      else {
        this.made.push(...ids);
        this.onmessage?.({ data: { id, done: ids } } as MessageEvent);
      }
    }, 0);
  }
  terminate() {}
}

function queue(deadly: string[] = []) {
  const made: string[] = [];
  let workers = 0;
  const q = createThumbnailQueue(() => {
    workers++;
    return new FakePreviewWorker(made, new Set(deadly));
  });
  return { q, made, workers: () => workers };
}

describe('preview queue', () => {
  it('makes each asked preview once, the newest asked first', async () => {
    const { q, made } = queue();
    q.request(['a', 'b', 'c', 'd', 'e']);
    q.request(['f', 'a']);
    await q.idle();
    expect(made.slice(0, 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(made.slice(4)).toEqual(['f', 'e']);
    q.request(['a', 'f']);
    await q.idle();
    expect(made).toHaveLength(6);
  });

  it('a crashed worker is replaced and its previews asked once more; a file that kills it every time is not asked forever', async () => {
    const { q, made, workers } = queue(['bad']);
    q.request(['x', 'bad']);
    q.request(['y']);
    await q.idle();
    expect(made).toEqual(['y']);
    // [x, bad] kills the first worker, [x, bad, y] the second; y, asked once more, is made by the third.
    expect(workers()).toBe(3);
    expect(q.asked('bad')).toBe(true);
  });
});
