import { useEffect, useState } from 'react';
import { projectDb } from '@/lib/db';
import { getThumbs } from '@/lib/case-store';

// Cells that mount in the same tick share one IndexedDB read.
let pending = new Map<string, ((b: Blob | undefined) => void)[]>();
let scheduled = false;
// Recently shown thumbnails, so scrolling back does not read them again. Blobs only: object URLs
// belong to the cells and are revoked when a cell scrolls away.
const recent = new Map<string, Blob>();
const RECENT_MAX = 800;
/** A cell must stay on screen this long before its thumbnail is read, so a fast fling reads nothing. */
const SETTLE_MS = 50;

function remember(id: string, blob: Blob) {
  recent.delete(id);
  recent.set(id, blob);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
}

function flush() {
  scheduled = false;
  const batch = pending;
  pending = new Map();
  getThumbs(projectDb(), [...batch.keys()]).then(
    (found) => {
      for (const [id, waiters] of batch) {
        const t = found.get(id);
        if (t) remember(id, t.blob);
        for (const w of waiters) w(t?.blob);
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

/** Forgets a cached thumbnail (e.g. after it was re-made). */
export function forgetThumb(assetId: string) {
  recent.delete(assetId);
}

/** An object URL for the thumbnail of `assetId`, alive while the calling component is mounted. */
export function useThumbnailUrl(assetId: string): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    let made: string | undefined;
    const show = (b: Blob | undefined) => {
      if (!live || !b) return;
      made = URL.createObjectURL(b);
      setUrl(made);
    };
    const hit = recent.get(assetId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (hit) {
      remember(assetId, hit);
      show(hit);
    } else timer = setTimeout(() => requestThumb(assetId, show), SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      if (made) URL.revokeObjectURL(made);
      setUrl(undefined);
    };
  }, [assetId]);
  return url;
}
