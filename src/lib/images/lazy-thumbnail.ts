/**
 * Previews made after ingest, when a cell first needs one: PNG and JPEG are only checked by
 * structure at ingest, so their first decode happens here. A preview is stored once; a file that
 * fails to decode marks its cases with a sentence instead.
 */
import type { ProjectDb } from '@/lib/storage/db';
import type { ThumbnailMaker } from '@/lib/ingest/prepare';
import { ImageReadError } from '@/lib/ingest/types';

export type LazyThumbOutcome = 'made' | 'present' | 'not-an-image' | 'missing' | 'unreadable';

/** Makes and stores the preview of `assetId` unless it exists; never throws for a bad file. */
export async function fillThumbnail(db: ProjectDb, assetId: string, make: ThumbnailMaker): Promise<LazyThumbOutcome> {
  if (await db.thumbs.get(assetId)) return 'present';
  const asset = await db.assets.get(assetId);
  if (!asset) return 'missing';
  if (asset.kind !== 'image') return 'not-an-image';
  const stored = await db.blobs.get(assetId);
  if (!stored) return 'missing';
  const bytes = new Uint8Array(await stored.blob.arrayBuffer());
  try {
    const thumb = await make({
      bytes,
      blob: stored.blob,
      sniffed: { kind: asset.kind, format: asset.format, mime: asset.mime },
      header: asset.width && asset.height ? { width: asset.width, height: asset.height, ...(asset.bitDepth ? { bitDepth: asset.bitDepth } : {}) } : undefined,
      name: asset.name,
    });
    if (!thumb) return 'unreadable';
    // Another tab or request may have made it meanwhile: keep the first.
    await db.transaction('rw', db.thumbs, async () => {
      if (!(await db.thumbs.get(assetId))) await db.thumbs.add({ id: assetId, blob: thumb.blob, width: thumb.width, height: thumb.height });
    });
    return 'made';
  } catch (err) {
    const why = err instanceof ImageReadError ? err.message : 'its image data is damaged or cut off';
    const sentence = `"${asset.name}" cannot be shown: ${why} (found when its preview was first made); re-export the file and add it again.`;
    await db.cases.where('assetId').equals(assetId).modify((c) => {
      c.error ??= sentence;
    });
    return 'unreadable';
  }
}
