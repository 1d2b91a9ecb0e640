/**
 * The rendered views of a point-cloud case: exactly the images a prompt carries. Cached in the
 * `renders` table by (asset id, spec hash); rendered in the worker on a miss.
 */
import type { Case, Render, RenderImage } from '@/core/model';
import { renderSpecHash, type Modalities, type RenderSpec } from '@/core/pointcloud/render-spec';
import { viewCaption } from '@/core/pointcloud/render-pipeline';
import { projectDb, storageErrorText, type ProjectDb } from '@/lib/storage/db';
import { reportStorageProblem } from '@/lib/storage/notices';
import { renderSpecFor } from '@/lib/pointcloud/render-specs';
import type { PointCloudRender } from '@/lib/pointcloud/client';
import { displayableImage, needsConversion } from '@/lib/images/display-image';
import { renderId } from '@/core/identity';
import { pointMaskSources, type PointMaskSource } from '@/lib/pointcloud/point-masks';

export interface PointCloudImageDeps {
  db: ProjectDb;
  render: (key: string, blob: Blob, name: string, spec: RenderSpec, opts: { withIndex?: boolean; thumbSide?: number; masks?: PointMaskSource[] }) => Promise<PointCloudRender>;
  now: () => number;
}

export const THUMB_SIDE_PX = 256;

/** The stored render of a point cloud under a spec. */
export function pointCloudRenderId(assetId: string, spec: RenderSpec): string {
  return renderId(assetId, renderSpecHash(spec));
}

const inFlight = new Map<string, Promise<RenderImage[]>>();

/** Renders (or reads from the cache) the images of a case for a given spec. */
export async function renderCase(c: Case, spec: RenderSpec, deps: PointCloudImageDeps): Promise<RenderImage[]> {
  const specHash = renderSpecHash(spec);
  const id = renderId(c.assetId, specHash);
  const cached = await deps.db.renders.get(id);
  // Renders made before the case had masks are made again, so their images carry the masks.
  if (cached && (cached.masked || !c.maskAssetIds.length)) return cached.images;
  const running = inFlight.get(id);
  if (running) return running;
  const job = (async () => {
    const [asset, stored, anyRender] = await Promise.all([deps.db.assets.get(c.assetId), deps.db.blobs.get(c.assetId), deps.db.renders.where('assetId').equals(c.assetId).first()]);
    if (!asset || !stored) throw new Error(`The point cloud of case "${c.name}" is missing from storage; add the file again.`);
    const masks = await pointMaskSources(c, deps.db);
    const out = await deps.render(c.assetId, stored.blob, asset.name, spec, { thumbSide: anyRender ? undefined : THUMB_SIDE_PX, ...(masks.length ? { masks } : {}) });
    const images: RenderImage[] = out.views.map((v) => ({
      blob: v.png,
      width: v.width,
      height: v.height,
      caption: viewCaption(spec, v.label),
      meta: { assetId: c.assetId, view: v.label, pose: v.pose, specHash, style: spec.style },
      ...(v.mask ? { mask: v.mask } : {}),
    }));
    const row: Render = { id, assetId: c.assetId, specHash, spec, images, createdAt: deps.now(), ...(masks.length ? { masked: true } : {}) };
    try {
      await deps.db.renders.put(row);
      // The first render of an asset replaces the placeholder thumbnail made at ingest.
      if (out.thumb) await deps.db.thumbs.put({ id: c.assetId, blob: out.thumb, width: THUMB_SIDE_PX, height: THUMB_SIDE_PX });
    } catch (err) {
      // The views are made and shown; only keeping them failed, and the user is told once.
      const text = storageErrorText(err);
      if (!text) throw err;
      reportStorageProblem(`The views of "${c.name}" were rendered but could not be kept, so they will be rendered again next time. ${text}`);
    }
    return images;
  })();
  inFlight.set(id, job);
  try {
    return await job;
  } finally {
    inFlight.delete(id);
  }
}

async function defaultDeps(): Promise<PointCloudImageDeps> {
  const { renderInWorker } = await import('@/lib/pointcloud/client');
  return { db: projectDb(), render: renderInWorker, now: Date.now };
}

/** The photos stored beside a scan (MVTec 3D-AD's RGB image), as the model gets them. */
export async function companionImages(c: Case, db: ProjectDb): Promise<RenderImage[]> {
  const ids = c.companionAssetIds ?? [];
  const out: RenderImage[] = [];
  for (const id of ids) {
    const [asset, stored] = await Promise.all([db.assets.get(id), db.blobs.get(id)]);
    if (!asset || !stored) throw new Error(`The photo of case "${c.name}" is missing from storage; add the dataset folder again.`);
    const blob = needsConversion(asset.format) ? await displayableImage(stored.blob, asset.format, asset.name) : stored.blob;
    out.push({ blob, width: asset.width ?? 0, height: asset.height ?? 0, caption: `RGB photo of the same part (${asset.name})`, meta: { assetId: id, companion: true } });
  }
  return out;
}

/**
 * The images of a point-cloud case: its renders, its photo, or both, as its spec says. A case
 * without a photo always gets its renders, so a class-wide choice never leaves a case imageless.
 */
export async function imagesForModalities(c: Case, spec: RenderSpec, deps: PointCloudImageDeps): Promise<RenderImage[]> {
  const want = spec.modalities ?? 'renders';
  const photos = want === 'renders' ? [] : await companionImages(c, deps.db);
  if (want === 'photo' && photos.length) return photos;
  const renders = await renderCase(c, spec, deps);
  return want === 'both' ? [...photos, ...renders] : renders;
}

/** What a point-cloud case sends, with the case's (or its class's) render spec. */
export async function pointCloudCaseImages(c: Case, opts?: { modalities?: Modalities }): Promise<RenderImage[]> {
  const deps = await defaultDeps();
  const { spec } = await renderSpecFor(c, deps.db);
  return imagesForModalities(c, opts?.modalities ? { ...spec, modalities: opts.modalities } : spec, deps);
}

/**
 * File point indices drawn inside a normalised box [x0, y0, x1, y1] of image `imageIndex` —
 * how a region the model points at is found on the 3D points. Renders again (deterministic) to
 * get the pixel → point map, which is not stored.
 */
export async function pointsInCaseBox(c: Case, spec: RenderSpec, imageIndex: number, box: [number, number, number, number]): Promise<Uint32Array> {
  const deps = await defaultDeps();
  const [asset, stored] = await Promise.all([deps.db.assets.get(c.assetId), deps.db.blobs.get(c.assetId)]);
  if (!asset || !stored) throw new Error(`The point cloud of case "${c.name}" is missing from storage; add the file again.`);
  const out = await deps.render(c.assetId, stored.blob, asset.name, spec, { withIndex: true });
  const view = out.views[imageIndex];
  if (!view?.index) return new Uint32Array(0);
  const { pointsInBox } = await import('@/core/pointcloud/render-views');
  return pointsInBox({ width: view.width, height: view.height, index: view.index }, box);
}

/** Renders the images of a case for a spec unless they are cached (the viewer's thumbnails). */
export async function ensureCaseRender(c: Case, spec: RenderSpec): Promise<RenderImage[]> {
  return renderCase(c, spec, await defaultDeps());
}
