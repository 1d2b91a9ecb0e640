/**
 * A per-point label file (Real3D-AD, Anomaly-ShapeNet) becomes a stored point mask of its case:
 * the case's cloud is parsed, the rows are laid onto its points (in order, or by nearest
 * point), and the bit mask is stored once as an asset and listed in the case's masks.
 * Runs in the ingest worker beside the other attachments.
 */
import type { Asset } from '@/core/model';
import { isPointCloudError } from '@/core/pointcloud/errors';
import { encodePointMask, matchPointLabels, parsePointLabels, POINT_MASK_FORMAT, POINT_MASK_MIME } from '@/core/pointcloud/point-labels';
import { numberText } from '@/core/number-text';
import { parseCloudFile } from '@/lib/pointcloud/parse';
import { sha256Hex } from '@/core/identity';
import type { ProjectDb } from '@/lib/storage/db';
import type { JobOutcome } from '@/lib/ingest/run';
import type { RefusedFile } from '@/lib/ingest/types';

const refuse = (message: string): JobOutcome => ({ prepared: { ok: false, reason: 'corrupt', message } satisfies RefusedFile });

export async function savePointMask(db: ProjectDb, file: Blob, fileName: string, targetAssetId: string, now: number): Promise<JobOutcome> {
  const target = await db.cases.where('assetId').equals(targetAssetId).filter((c) => !c.parentId).first();
  if (!target) return { prepared: { ok: true, assetId: '' }, saved: { status: 'mask-target-missing' } };
  const [asset, stored] = await Promise.all([db.assets.get(targetAssetId), db.blobs.get(targetAssetId)]);
  if (!asset || !stored) return { prepared: { ok: true, assetId: '' }, saved: { status: 'mask-target-missing' } };
  let matched;
  try {
    const cloud = parseCloudFile(new Uint8Array(await stored.blob.arrayBuffer()), asset.name);
    matched = matchPointLabels(cloud, parsePointLabels(await file.text(), fileName));
  } catch (err) {
    if (isPointCloudError(err)) return refuse((err as Error).message);
    throw err;
  }
  if (matched.unmatched === matched.mask.length) return refuse(`"${fileName}" labels points that do not lie on the scan "${asset.name}", so no point could take a label.`);
  const bytes = encodePointMask(matched.mask);
  const assetId = await sha256Hex(bytes);
  const note =
    matched.by === 'nearest' && matched.unmatched > 0
      ? `"${fileName}" was laid onto the nearest points of "${asset.name}"; ${numberText(matched.unmatched)} of its ${numberText(matched.mask.length)} points had no labelled point near them and count as normal.`
      : undefined;
  const saved = await db.transaction('rw', [db.assets, db.blobs, db.cases], async () => {
    const c = await db.cases.get(target.id);
    if (!c) return { status: 'mask-target-missing' as const };
    if (c.maskAssetIds.includes(assetId)) return { status: 'duplicate' as const, existingName: c.name };
    if (!(await db.assets.get(assetId))) {
      const row: Asset = { id: assetId, kind: 'pointcloud', format: POINT_MASK_FORMAT, mime: POINT_MASK_MIME, name: fileName, sizeBytes: bytes.length, addedAt: now };
      await db.assets.add(row);
      await db.blobs.add({ id: assetId, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: POINT_MASK_MIME }) });
    }
    await db.cases.update(c.id, { maskAssetIds: [...c.maskAssetIds, assetId] });
    return { status: 'mask-attached' as const, caseId: c.id };
  });
  return { prepared: { ok: true, assetId, ...(note ? { note } : {}) }, saved };
}
