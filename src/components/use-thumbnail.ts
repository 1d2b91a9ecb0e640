import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { onThumbsChanged, readThumbs } from '@/lib/dataset/library-queries';
import { fillThumbnailsWhenIdle, requestThumbnails } from '@/lib/images/thumbnail-queue';

// Cells that mount in the same tick share one IndexedDB read.
let pending = new Map<string, ((b: Blob | undefined) => void)[]>();
let scheduled = false;
// Recently shown thumbnails, so scrolling back does not read them again. Blobs only: object URLs
// belong to the cells and are revoked when a cell scrolls away.
const recent = new Map<string, Blob>();
const RECENT_MAX = 800;
/** A cell must stay on screen this long before its thumbnail is read, so a fast fling reads nothing. */
const SETTLE_MS = 50;
/** Bursts of writes (an ingest) refresh the shown thumbnails at most this often. */
const REFRESH_MS = 300;

function remember(id: string, blob: Blob) {
  recent.delete(id);
  recent.set(id, blob);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
}

function flush() {
  scheduled = false;
  const batch = pending;
  pending = new Map();
  readThumbs([...batch.keys()]).then(
    (found) => {
      for (const [id, waiters] of batch) {
        const t = found.get(id);
        if (t) remember(id, t.blob);
        for (const w of waiters) w(t?.blob);
      }
      // Images ingested without a preview get one now that a cell shows them; the grid picks it up
      // from the database. The rest follow when the tab is idle.
      const missing = [...batch.keys()].filter((id) => !found.has(id));
      if (missing.length) {
        requestThumbnails(missing);
        fillThumbnailsWhenIdle();
      }
    },
    () => {
      for (const waiters of batch.values()) for (const w of waiters) w(undefined);
    },
  );
}

function requestThumb(assetId: string, done: (b: Blob | undefined) => void) {
  const list = pending.get(assetId);
  if (list) list.push(done);
  else pending.set(assetId, [done]);
  if (!scheduled) {
    scheduled = true;
    setTimeout(flush, 0);
  }
}

// When thumbnails change (a preview replaces a placeholder, an undo puts one back, another tab
// ingests), shown cells read theirs again.
let version = 0;
const listeners = new Set<() => void>();
let watching = false;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function watchThumbs() {
  if (watching) return;
  watching = true;
  onThumbsChanged(() => {
    recent.clear();
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      version += 1;
      for (const l of listeners) l();
    }, REFRESH_MS);
  });
}

function subscribe(l: () => void) {
  watchThumbs();
  listeners.add(l);
  return () => listeners.delete(l);
}
const getVersion = () => version;

/** Forgets a cached thumbnail (e.g. after it was re-made). */
export function forgetThumb(assetId: string) {
  recent.delete(assetId);
}

const sameBlob = (a: Blob, b: Blob) => a === b || (a.size === b.size && a.type === b.type);

/** An object URL for the thumbnail of `assetId`, alive while the calling component is mounted. */
export function useThumbnailUrl(assetId: string): string | undefined {
  const v = useSyncExternalStore(subscribe, getVersion);
  const [url, setUrl] = useState<string>();
  const current = useRef<{ assetId: string; blob: Blob; url: string } | undefined>(undefined);

  // Another asset: drop the old picture at once.
  useEffect(() => {
    return () => {
      if (current.current) URL.revokeObjectURL(current.current.url);
      current.current = undefined;
      setUrl(undefined);
    };
  }, [assetId]);

  useEffect(() => {
    let live = true;
    const show = (b: Blob | undefined) => {
      if (!live) return;
      const cur = current.current;
      if (!b) {
        if (cur) {
          URL.revokeObjectURL(cur.url);
          current.current = undefined;
          setUrl(undefined);
        }
        return;
      }
      if (cur && sameBlob(cur.blob, b)) return;
      const made = URL.createObjectURL(b);
      current.current = { assetId, blob: b, url: made };
      setUrl(made);
      if (cur) URL.revokeObjectURL(cur.url);
    };
    const hit = recent.get(assetId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (hit) {
      remember(assetId, hit);
      show(hit);
    } else timer = setTimeout(() => requestThumb(assetId, show), current.current ? 0 : SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [assetId, v]);
  return url;
}
