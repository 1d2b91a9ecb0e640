/**
 * Asks the preview worker for previews that are not stored yet, each once per page: the cells on
 * screen first, and, when the tab is idle, the rest of the project's images. The worker makes a
 * few at a time and stores them; the grid picks them up from the database.
 */
import { defaultOptions } from '@/core/options';
import { projectDb } from '@/lib/storage/db';
import { createWorkerClient, type WorkerLike } from '@/lib/worker-client';
import type { ThumbnailReply, ThumbnailRequest } from '@/lib/images/thumbnail-protocol';

/** Previews made at once: decoding runs on the browser's image threads while storage writes. */
const BATCH = 4;

export interface ThumbnailQueue {
  /** Requests previews for `assetIds` (ids already asked for are skipped). */
  request(assetIds: readonly string[]): void;
  /** Whether `assetId` was asked for on this page. */
  asked(assetId: string): boolean;
  /** Resolves when nothing is queued or being made. */
  idle(): Promise<void>;
}

export function createThumbnailQueue(create: () => WorkerLike): ThumbnailQueue {
  const client = createWorkerClient<ThumbnailRequest, ThumbnailReply>({ create, deadline: defaultOptions.deadlines.thumbnails });
  const asked = new Set<string>();
  const retried = new Set<string>();
  const queue: string[] = [];
  let draining: Promise<void> | undefined;

  async function drain() {
    while (queue.length) {
      const ids = queue.splice(0, BATCH);
      try {
        await client.request({ ids }, { what: 'Making previews' });
      } catch {
        // Previews are best effort, but a crashed worker must not leave its cells as placeholders
        // for good: once more each, so a file that kills the worker cannot restart it forever.
        const again = ids.filter((id) => !retried.has(id));
        for (const id of again) retried.add(id);
        queue.unshift(...again);
      }
    }
    draining = undefined;
  }

  return {
    request(assetIds) {
      const fresh = assetIds.filter((id) => !asked.has(id));
      if (!fresh.length) return;
      for (const id of fresh) asked.add(id);
      // Newest requests first: they are the cells on screen now.
      queue.unshift(...fresh);
      draining ??= drain();
    },
    asked: (id) => asked.has(id),
    idle: () => draining ?? Promise.resolve(),
  };
}

const queue = typeof Worker === 'undefined' ? undefined : createThumbnailQueue(() => new Worker(new URL('../../workers/thumbnail.worker.ts', import.meta.url), { type: 'module', name: 'thumbnails' }));

/** Requests previews for `assetIds` (ids already asked for are skipped). */
export function requestThumbnails(assetIds: readonly string[]) {
  queue?.request(assetIds);
}

let idleScheduled = false;
/** How long no file must have been added before idle previews start. */
const QUIET_MS = 5000;

/** In idle time, asks for the previews of every image without one, a slice at a time. */
export function fillThumbnailsWhenIdle() {
  if (idleScheduled || typeof requestIdleCallback === 'undefined') return;
  idleScheduled = true;
  requestIdleCallback(async () => {
    idleScheduled = false;
    const db = projectDb();
    // Not while files are still arriving: an ingest needs the CPU more than off-screen previews.
    const last = await db.assets.orderBy('addedAt').last();
    if (last && Date.now() - last.addedAt < QUIET_MS) {
      setTimeout(fillThumbnailsWhenIdle, QUIET_MS);
      return;
    }
    const [images, made] = await Promise.all([db.assets.where('kind').equals('image').primaryKeys(), db.thumbs.toCollection().primaryKeys()]);
    const have = new Set(made as string[]);
    const missing = (images as string[]).filter((id) => !have.has(id) && !queue?.asked(id)).slice(0, 32);
    requestThumbnails(missing);
    if (missing.length) setTimeout(fillThumbnailsWhenIdle, 2000);
  }, { timeout: 5000 });
}
