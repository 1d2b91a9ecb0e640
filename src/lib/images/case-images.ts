/**
 * The 2D images a model sees for a case, whatever its kind: an image is itself; a point cloud
 * becomes rendered views; a video becomes sampled frames. One loader per kind, loaded on demand
 * so 3D and video code stay out of the initial bundle.
 */
import type { AssetKind, Case, RenderImage } from '@/core/model';
import type { Modalities } from '@/core/pointcloud/render-spec';
import { projectDb } from '@/lib/storage/db';
import { displayableImage, needsConversion } from '@/lib/images/display-image';

/** `modalities` overrides what a scan with a photo sends (an ablation's modality variant). */
export type CaseImageLoader = (c: Case, opts?: { modalities?: Modalities }) => Promise<RenderImage[]>;

const LOADERS: Record<AssetKind, () => Promise<CaseImageLoader>> = {
  image: async () => imageCaseImages,
  pointcloud: () => import('@/lib/pointcloud/case-images').then((m) => m.pointCloudCaseImages),
  video: () => import('@/lib/video/case-images').then((m) => m.videoCaseImages),
};

/** The images of a case, in the order the model gets them. Throws a sentence on failure. */
export async function caseImages(c: Case, opts?: { modalities?: Modalities }): Promise<RenderImage[]> {
  const load = await LOADERS[c.kind]();
  return load(c, opts);
}

async function imageCaseImages(c: Case): Promise<RenderImage[]> {
  const db = projectDb();
  const [asset, stored] = await Promise.all([db.assets.get(c.assetId), db.blobs.get(c.assetId)]);
  if (!asset || !stored) throw new Error(`The image of case "${c.name}" is missing from storage; add the file again.`);
  // TIFF and other formats browsers cannot decode reach the model as PNG.
  const blob = needsConversion(asset.format) ? await displayableImage(stored.blob, asset.format, c.name) : stored.blob;
  return [{ blob, width: asset.width ?? 0, height: asset.height ?? 0, caption: c.name, meta: { assetId: asset.id } }];
}

/**
 * Images of the few cases a reviewer is on or next to, kept so stepping to the next case shows it
 * without waiting for storage. Only plain images: point clouds and videos have their own caches.
 */
const VIEW_CACHE_MAX = 16;
const viewCache = new Map<string, { images?: RenderImage[]; pending: Promise<RenderImage[]> }>();
const viewKey = (c: Case) => `${c.id}:${c.assetId}`;

/** Images of the case as stored now (its row may have changed since `c` was read). */
async function currentCaseImages(c: Case): Promise<RenderImage[]> {
  const cur = await projectDb().cases.get(c.id);
  if (!cur) throw new Error('This case was removed from the project.');
  return caseImages(cur);
}

/** The images of a case for display, from the cache when it has them. */
export function viewCaseImages(c: Case, load: (c: Case) => Promise<RenderImage[]> = currentCaseImages): Promise<RenderImage[]> {
  if (c.kind !== 'image') return load(c);
  const key = viewKey(c);
  const hit = viewCache.get(key);
  if (hit) {
    // Most recently used last: the oldest entry is the one dropped.
    viewCache.delete(key);
    viewCache.set(key, hit);
    return hit.pending;
  }
  const entry: { images?: RenderImage[]; pending: Promise<RenderImage[]> } = { pending: load(c) };
  entry.pending.then(
    (images) => (entry.images = images),
    () => viewCache.delete(key),
  );
  viewCache.set(key, entry);
  while (viewCache.size > VIEW_CACHE_MAX) viewCache.delete(viewCache.keys().next().value!);
  return entry.pending;
}

/** Images already loaded for a case, for a first render without a wait. */
export function loadedCaseImages(c: Case): RenderImage[] | undefined {
  return c.kind === 'image' ? viewCache.get(viewKey(c))?.images : undefined;
}

/** Starts loading the images of these cases (plain images only) so they show at once later. */
export function prefetchCaseImages(cases: readonly Case[]): void {
  for (const c of cases) if (c.kind === 'image' && !viewCache.has(viewKey(c))) viewCaseImages(c).catch(() => undefined);
}
