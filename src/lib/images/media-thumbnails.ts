/**
 * Real previews for point clouds and videos, which ingest stores as a labelled placeholder: a
 * point cloud gets its default render (made by the point-cloud worker, and cached as the render the
 * model will get), a video its middle frame (decoded by the video worker). Kept apart from the
 * image thumbnails made at ingest; the grids pick the new preview up when the thumbs table changes.
 */
import type { Asset, Case } from '@/core/model';
import { projectDb } from '@/lib/storage/db';
import { THUMB_MAX_SIDE_PX } from '@/lib/ingest/types';

/** Anything that can draw itself at its own size: a bitmap, or a decoded video frame. */
type Drawable = { width: number; height: number; draw: (ctx: OffscreenCanvasRenderingContext2D) => void };

async function storeThumb(assetId: string, image: Drawable): Promise<void> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#27272a';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  image.draw(ctx);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  await projectDb().thumbs.put({ id: assetId, blob, width: canvas.width, height: canvas.height });
}

async function fitted(blob: Blob, w: number, h: number): Promise<ImageBitmap> {
  const s = Math.min(1, THUMB_MAX_SIDE_PX / Math.max(w || THUMB_MAX_SIDE_PX, h || THUMB_MAX_SIDE_PX));
  if (!w || !h || s === 1) return createImageBitmap(blob);
  return createImageBitmap(blob, { resizeWidth: Math.max(1, Math.round(w * s)), resizeHeight: Math.max(1, Math.round(h * s)), resizeQuality: 'medium' });
}

/** Per kind: how its preview is made. The middle frame of a video shows what the clip is about more often than its first. */
const MAKERS: Record<'pointcloud' | 'video', (a: Asset, c: Case) => Promise<void>> = {
  pointcloud: async (a, c) => {
    const { pointCloudCaseImages } = await import('@/lib/pointcloud/case-images');
    const [first] = await pointCloudCaseImages(c);
    if (!first) return;
    const bmp = await fitted(first.blob, first.width, first.height);
    try {
      await storeThumb(a.id, { width: bmp.width, height: bmp.height, draw: (ctx) => ctx.drawImage(bmp, 0, 0) });
    } finally {
      bmp.close();
    }
  },
  video: async (a, c) => {
    const { openCaseVideo } = await import('@/lib/video/case-images');
    const handle = await openCaseVideo(c);
    const probe = await handle.probe();
    const mid = probe.frames[Math.floor(probe.frames.length / 2)];
    if (!mid) return;
    const frames = await handle.frames([mid.timestampS], { maxSidePx: THUMB_MAX_SIDE_PX });
    if (frames === 'stale' || !frames[0]) return;
    try {
      await storeThumb(a.id, frames[0].image);
    } finally {
      frames[0].image.close();
    }
  },
};

/** Assets whose preview could not be made in this tab: not tried again until a reload. */
const failed = new Set<string>();

/** True when the asset shows a placeholder (or nothing) in the grids. */
async function needsPreview(assetId: string): Promise<boolean> {
  const t = await projectDb().thumbs.get(assetId);
  return !t || !!t.placeholder;
}

/**
 * Makes the missing previews of point clouds and videos one at a time. A file that cannot be read
 * keeps its placeholder (its case shows the reason when opened). Returns how many were made.
 */
export async function fillMediaThumbnails(signal?: AbortSignal): Promise<number> {
  const db = projectDb();
  const assets = await db.assets.where('kind').anyOf(['pointcloud', 'video']).toArray();
  let made = 0;
  for (const a of assets) {
    if (signal?.aborted) break;
    if (a.kind === 'image' || failed.has(a.id) || !(await needsPreview(a.id))) continue;
    const c = await db.cases.where('assetId').equals(a.id).first();
    if (!c) continue;
    try {
      await MAKERS[a.kind](a, c);
      made++;
    } catch {
      // Left as a placeholder: the case view names the problem when the case is opened.
      failed.add(a.id);
    }
  }
  return made;
}

/** How many point clouds and videos still show a placeholder; a cheap check before any work. */
export async function countMediaWithoutPreview(): Promise<number> {
  const db = projectDb();
  const ids = (await db.assets.where('kind').anyOf(['pointcloud', 'video']).primaryKeys()) as string[];
  const thumbs = await db.thumbs.bulkGet(ids);
  return thumbs.filter((t, i) => (!t || t.placeholder) && !failed.has(ids[i])).length;
}
