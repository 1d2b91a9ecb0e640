/**
 * The ground-truth masks of cases as binary grids, decoded in the browser: every mask of a case
 * binarised (any non-zero colour is a defect) and merged. Used by the export (box hits, mask
 * region) and by the Metrics view, so both score boxes against the same pixels.
 */
import type { Case } from '@/core/model';
import { binariseMask, unionMasks, type BinaryMask } from '@/core/metrics/masks';
import { projectDb, type ProjectDb } from '@/lib/db';

export type MaskDecoder = (blob: Blob, size?: { width: number; height: number }) => Promise<BinaryMask>;

/** Decodes one mask image without colour management, optionally resized (nearest) to `size`. */
export const decodeMaskInBrowser: MaskDecoder = async (blob, size) => {
  const bmp = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const width = size?.width ?? bmp.width;
  const height = size?.height ?? bmp.height;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas is available to read masks');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bmp, 0, 0, width, height);
  bmp.close();
  return binariseMask(ctx.getImageData(0, 0, width, height).data, width, height, 4);
};

/**
 * The merged mask of each image case that has masks; a case whose masks cannot be read is left
 * out (its boxes are then not scored) rather than failing the whole export.
 */
export async function caseMasks(cases: readonly Case[], db: ProjectDb = projectDb(), decode: MaskDecoder = decodeMaskInBrowser): Promise<Map<string, BinaryMask>> {
  const out = new Map<string, BinaryMask>();
  for (const c of cases) {
    if (c.kind !== 'image' || !c.maskAssetIds.length) continue;
    try {
      const blobs = (await db.blobs.bulkGet(c.maskAssetIds)).flatMap((b) => (b ? [b.blob] : []));
      if (!blobs.length) continue;
      const first = await decode(blobs[0]);
      const rest = await Promise.all(blobs.slice(1).map((b) => decode(b, { width: first.width, height: first.height })));
      const merged = unionMasks([first, ...rest]);
      if (merged) out.set(c.id, merged);
    } catch {
      /* unreadable mask: the case is not scored for localisation */
    }
  }
  return out;
}
