/**
 * Lazy previews: the library asks for the cells on screen (and, when idle, the rest) a few at a
 * time through `@/lib/images/thumbnail-queue`; previews are decoded, stored in the database and
 * picked up by the grid from there.
 */
import { projectDb } from '@/lib/storage/db';
import { makeThumbnail } from '@/lib/ingest/thumbnail';
import { fillThumbnail } from '@/lib/images/lazy-thumbnail';
import type { ThumbnailReply, ThumbnailRequest } from '@/lib/images/thumbnail-protocol';

const scope = self as unknown as { postMessage: (m: ThumbnailReply) => void; onmessage: ((e: MessageEvent<ThumbnailRequest>) => void) | null };

scope.onmessage = async (e) => {
  const { id, ids } = e.data;
  // A file that cannot be read stays a placeholder; the others are still stored.
  await Promise.all(ids.map((assetId) => fillThumbnail(projectDb(), assetId, makeThumbnail).catch(() => 'missing')));
  scope.postMessage({ id, done: ids });
};
