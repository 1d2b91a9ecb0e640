/**
 * The per-point ground truth of a point-cloud case, from what is attached to it: stored point
 * masks (Real3D-AD / Anomaly-ShapeNet labels, matched at ingest) and pixel masks of an organised
 * scan's grid (MVTec 3D-AD `gt/*.png`). The sources are read on the page; the mask is made in
 * the point-cloud worker, where the parsed cloud is.
 */
import type { Case } from '@/core/model';
import { decodePointMask, POINT_MASK_FORMAT } from '@/core/pointcloud/point-labels';
import { pointMaskFromGrid, unionPointMasks } from '@/core/pointcloud/render-masks';
import type { PointCloud } from '@/core/pointcloud/types';
import type { MaskDecoder } from '@/lib/images/mask-decode';
import { projectDb, type ProjectDb } from '@/lib/storage/db';

export interface PointMaskSource {
  /** points: a stored per-point mask; image: a mask of the scan's pixel grid. */
  kind: 'points' | 'image';
  blob: Blob;
}

/** The mask sources attached to a case (none for a case without masks). */
export async function pointMaskSources(c: Pick<Case, 'maskAssetIds'>, db: ProjectDb = projectDb()): Promise<PointMaskSource[]> {
  if (!c.maskAssetIds.length) return [];
  const [assets, blobs] = await Promise.all([db.assets.bulkGet(c.maskAssetIds), db.blobs.bulkGet(c.maskAssetIds)]);
  return blobs.flatMap((b, k) => (b ? [{ kind: assets[k]?.format === POINT_MASK_FORMAT ? ('points' as const) : ('image' as const), blob: b.blob }] : []));
}

/**
 * One byte per point of `cloud` (1 = defect), the union of every source; undefined when no source
 * applies (a pixel mask on a cloud that is not an organised scan, or a point mask of another size).
 */
export async function pointMaskOf(cloud: PointCloud, sources: readonly PointMaskSource[], decodeImage: MaskDecoder): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  for (const s of sources) {
    if (s.kind === 'points') {
      const m = decodePointMask(new Uint8Array(await s.blob.arrayBuffer()));
      if (m && m.length === cloud.count) parts.push(m);
    } else if (cloud.grid) {
      const m = pointMaskFromGrid(cloud, await decodeImage(s.blob));
      if (m) parts.push(m);
    }
  }
  return parts.length ? unionPointMasks(parts, cloud.count) : undefined;
}
