/**
 * The ground truth of a point-cloud case on the first image it sends — the image the model's
 * boxes are scored on. With the photo first (MVTec 3D-AD, model gets the photo or both), it is the
 * scan's `gt/*.png`, pixel-aligned with the photo; otherwise it is the mask carried onto the first
 * render, made with the renders (and made again once when a cached render predates the masks).
 */
import type { Case, RenderImage } from '@/core/model';
import { unionMasks, type BinaryMask } from '@/core/metrics/masks';
import { renderSpecHash, type Modalities, type RenderSpec } from '@/core/pointcloud/render-spec';
import type { MaskDecoder } from '@/lib/images/mask-decode';
import { pointMaskSources } from '@/lib/pointcloud/point-masks';
import { renderSpecFor } from '@/lib/pointcloud/render-specs';
import type { ProjectDb } from '@/lib/storage/db';

export type RenderEnsurer = (c: Case, spec: RenderSpec) => Promise<RenderImage[]>;

const canRender = () => typeof Worker === 'function' && typeof OffscreenCanvas === 'function';

async function defaultEnsure(c: Case, spec: RenderSpec): Promise<RenderImage[]> {
  const { ensureCaseRender } = await import('@/lib/pointcloud/case-images');
  return ensureCaseRender(c, spec);
}

/** `modalities` overrides the spec's, as a modality ablation variant's prompt does. */
export async function pointCloudCaseMask(c: Case, db: ProjectDb, decode: MaskDecoder, modalities?: Modalities, ensure: RenderEnsurer | undefined = canRender() ? defaultEnsure : undefined): Promise<BinaryMask | undefined> {
  const own = (await renderSpecFor(c, db)).spec;
  const spec = modalities ? { ...own, modalities } : own;
  const photoFirst = (spec.modalities === 'photo' || spec.modalities === 'both') && (c.companionAssetIds?.length ?? 0) > 0;
  if (photoFirst) {
    const grids = (await pointMaskSources(c, db)).filter((s) => s.kind === 'image');
    if (!grids.length) return undefined;
    const first = await decode(grids[0].blob);
    const rest = await Promise.all(grids.slice(1).map((g) => decode(g.blob, { width: first.width, height: first.height })));
    return unionMasks([first, ...rest]);
  }
  const row = await db.renders.get(`${c.assetId}:${renderSpecHash(spec)}`);
  const images = row?.masked ? row.images : ensure ? await ensure(c, spec) : undefined;
  const mask = images?.[0]?.mask;
  return mask ? decode(mask) : undefined;
}
