/**
 * Previews made in the ingest worker: decode with createImageBitmap (resized on decode), draw on
 * an OffscreenCanvas and encode JPEG. TIFF goes through `@/lib/tiff-decoder`; 16-bit gray PNGs
 * are stretched to their own range; point clouds and videos get a labelled placeholder until
 * their own previews exist.
 */
import type { ThumbnailMaker } from '@/lib/ingest/prepare';
import { ImageReadError, THUMB_MAX_SIDE_PX, type PreparedFile } from '@/lib/ingest/types';
import { readGray16Png, stretchGray16, unfilterGray16 } from '@/core/dataset/png-gray16';

type Thumb = NonNullable<PreparedFile['thumb']>;

function fit(w: number, h: number): { w: number; h: number } {
  const s = Math.min(1, THUMB_MAX_SIDE_PX / Math.max(w, h));
  return { w: Math.max(1, Math.round(w * s)), h: Math.max(1, Math.round(h * s)) };
}

// JPEG, not WebP: Chromium encodes a 256 px JPEG several times faster (≈4 ms against ≈30 ms
// here), which decides whether 1,000 files take seconds or a minute. Previews need no alpha.
async function encode(canvas: OffscreenCanvas): Promise<Blob> {
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
}

async function fromBitmap(bmp: ImageBitmap): Promise<Thumb> {
  const canvas = new OffscreenCanvas(bmp.width, bmp.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas is available for previews');
  // JPEG has no alpha: transparent parts show as the app's dark surface, not black.
  ctx.fillStyle = '#27272a';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bmp, 0, 0);
  bmp.close();
  return { blob: await encode(canvas), width: canvas.width, height: canvas.height };
}

const PLACEHOLDER_LABEL: Record<string, string> = { pointcloud: 'Point cloud', video: 'Video' };

async function placeholder(kind: string, format: string): Promise<Thumb> {
  const canvas = new OffscreenCanvas(256, 192);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas is available for previews');
  ctx.fillStyle = '#27272a';
  ctx.fillRect(0, 0, 256, 192);
  ctx.strokeStyle = '#52525b';
  ctx.lineWidth = 2;
  ctx.strokeRect(8, 8, 240, 176);
  ctx.fillStyle = '#e4e4e7';
  ctx.textAlign = 'center';
  ctx.font = 'bold 28px sans-serif';
  ctx.fillText(format.toUpperCase(), 128, 96);
  ctx.fillStyle = '#a1a1aa';
  ctx.font = '16px sans-serif';
  ctx.fillText(PLACEHOLDER_LABEL[kind] ?? kind, 128, 126);
  return { blob: await encode(canvas), width: 256, height: 192, placeholder: true };
}

const ROTATABLE = new Set(['jpeg', 'webp']);

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Depth maps and other 16-bit gray PNGs, stretched to their own range (else they show black). */
async function gray16Preview(bytes: Uint8Array): Promise<Thumb | undefined> {
  const img = readGray16Png(bytes);
  if (!img) return undefined;
  let raw: Uint8Array;
  try {
    raw = await inflate(img.idat);
  } catch (err) {
    throw new ImageReadError('its PNG image data is damaged', false, { cause: err });
  }
  let rgba: Uint8ClampedArray;
  try {
    rgba = stretchGray16(unfilterGray16(raw, img), img);
  } catch (err) {
    throw new ImageReadError(err instanceof Error ? err.message : 'its PNG image data is damaged', false, { cause: err });
  }
  const { w, h } = fit(img.width, img.height);
  const data = new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, img.width, img.height);
  return fromBitmap(await createImageBitmap(data, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' }));
}

export const makeThumbnail: ThumbnailMaker = async ({ bytes, blob, sniffed, header }) => {
  if (sniffed.kind !== 'image') return placeholder(sniffed.kind, sniffed.format);
  if (sniffed.format === 'tiff') {
    const { decodeTiffToRgba } = await import('@/lib/images/tiff');
    const img = decodeTiffToRgba(bytes);
    const { w, h } = fit(img.width, img.height);
    const data = new ImageData(img.data as Uint8ClampedArray<ArrayBuffer>, img.width, img.height);
    return fromBitmap(await createImageBitmap(data, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' }));
  }
  if (sniffed.format === 'png' && header?.bitDepth === 16 && (header.channels === 1 || header.channels === 2)) {
    const gray = await gray16Preview(bytes);
    if (gray) return gray;
  }
  const typed = blob.type === sniffed.mime ? blob : blob.slice(0, blob.size, sniffed.mime);
  let opts: ImageBitmapOptions | undefined;
  // JPEG and WebP may carry an EXIF rotation, and a resize on decode would be applied to the
  // unrotated size; those are decoded whole and scaled after.
  if (header && !ROTATABLE.has(sniffed.format)) {
    const { w, h } = fit(header.width, header.height);
    opts = { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' };
  }
  const bmp = await createImageBitmap(typed, opts);
  // EXIF rotation can swap sides after decoding; keep the preview within bounds either way.
  if (Math.max(bmp.width, bmp.height) > THUMB_MAX_SIDE_PX) {
    const { w, h } = fit(bmp.width, bmp.height);
    const small = await createImageBitmap(bmp, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' });
    bmp.close();
    return fromBitmap(small);
  }
  return fromBitmap(bmp);
};
