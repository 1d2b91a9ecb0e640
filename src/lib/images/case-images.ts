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
