/**
 * Asks the preview worker for previews that are not stored yet, each once per page: the cells on
 * screen first, and, when the tab is idle, the rest of the project's images.
 */
import { projectDb } from '@/lib/storage/db';

const asked = new Set<string>();
let worker: Worker | undefined;

/** Asked for and not reported done yet: asked again from a fresh worker if this one dies. */
const pending = new Set<string>();
const retried = new Set<string>();

function thumbnailWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../../workers/thumbnail.worker.ts', import.meta.url), { type: 'module', name: 'thumbnails' });
  w.onmessage = (e: MessageEvent<{ done?: string[] }>) => {
    for (const id of e.data.done ?? []) pending.delete(id);
  };
  // Previews are best effort, but a crashed worker must not leave its cells as placeholders for good.
  w.onerror = () => {
    w.terminate();
    if (worker === w) worker = undefined;
    // Once more each, so a file that kills the worker cannot restart it forever.
    const again = [...pending].filter((id) => !retried.has(id));
    pending.clear();
    for (const id of again) {
      retried.add(id);
      asked.delete(id);
    }
    requestThumbnails(again);
  };
  worker = w;
  return w;
}

/** Requests previews for `assetIds` (ids already asked for are skipped). */
export function requestThumbnails(assetIds: readonly string[]) {
  const fresh = assetIds.filter((id) => !asked.has(id));
  if (!fresh.length || typeof Worker === 'undefined') return;
  for (const id of fresh) {
    asked.add(id);
    pending.add(id);
  }
  thumbnailWorker().postMessage({ ids: fresh });
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
    const missing = (images as string[]).filter((id) => !have.has(id) && !asked.has(id)).slice(0, 32);
    requestThumbnails(missing);
    if (missing.length) setTimeout(fillThumbnailsWhenIdle, 2000);
  }, { timeout: 5000 });
}
