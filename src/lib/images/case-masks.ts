/**
 * The ground-truth masks of cases as binary grids, decoded in the browser: every mask of a case
 * binarised (any non-zero colour is a defect) and merged. Used by the export (box hits, mask
 * region) and by the Metrics view, so both score boxes against the same pixels.
 */
import type { Case } from '@/core/model';
import type { Modalities } from '@/core/pointcloud/render-spec';
import { unionMasks, type BinaryMask } from '@/core/metrics/masks';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { decodeMaskInBrowser, type MaskDecoder } from '@/lib/images/mask-decode';
import { pointCloudCaseMask } from '@/lib/pointcloud/case-mask';

export { decodeMaskInBrowser, type MaskDecoder } from '@/lib/images/mask-decode';

/**
 * The merged mask of each image case that has masks — for a point-cloud case, its mask on the
 * first image it sends (see `pointCloudCaseMask`); a case whose masks cannot be read is left
 * out (its boxes are then not scored) rather than failing the whole export.
 */
export async function caseMasks(cases: readonly Case[], db: ProjectDb = projectDb(), decode: MaskDecoder = decodeMaskInBrowser, modalities?: Modalities): Promise<Map<string, BinaryMask>> {
  const out = new Map<string, BinaryMask>();
  for (const c of cases) {
    if (!c.maskAssetIds.length || (c.kind !== 'image' && c.kind !== 'pointcloud')) continue;
    try {
      if (c.kind === 'pointcloud') {
        const m = await pointCloudCaseMask(c, db, decode, modalities);
        if (m) out.set(c.id, m);
        continue;
      }
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

export type MaskStyle = 'fill' | 'outline';

/** Rose, so a mask reads over parts of any colour; outline pixels opaque, fill translucent. */
const MASK_RGBA: Record<MaskStyle, [number, number, number, number]> = { fill: [244, 63, 94, 140], outline: [251, 113, 133, 255] };

/**
 * A case's merged mask as a transparent PNG the size of the mask, for drawing over its image:
 * filled or as an outline. Binarised, so VisA's value-1 masks show like MVTec's 255 ones.
 * Undefined for a case without masks or with an empty mask.
 */
export async function maskLayerImage(c: Pick<Case, 'id' | 'kind' | 'maskAssetIds'>, style: MaskStyle, db: ProjectDb = projectDb()): Promise<Blob | undefined> {
  // A point cloud's mask is drawn on its first image, so the whole case is needed to find it.
  const full = c.kind === 'pointcloud' ? await db.cases.get(c.id) : undefined;
  const masks = await caseMasks([full ?? ({ ...c, kind: 'image' } as Case)], db);
  const m = masks.get(c.id);
  if (!m) return undefined;
  const { maskOutline } = await import('@/core/metrics/masks');
  const bits = style === 'outline' ? maskOutline(m) : m.bits;
  if (!bits.some((b) => b)) return undefined;
  const rgba = new Uint8ClampedArray(m.width * m.height * 4);
  const [r, g, b, a] = MASK_RGBA[style];
  for (let i = 0; i < bits.length; i++) {
    if (!bits[i]) continue;
    rgba.set([r, g, b, a], i * 4);
  }
  const canvas = new OffscreenCanvas(m.width, m.height);
  canvas.getContext('2d')!.putImageData(new ImageData(rgba, m.width, m.height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}
