/**
 * The image encoding steps, runnable in a worker or (as a fallback) on the main thread.
 * Uses only `createImageBitmap` and `OffscreenCanvas`.
 */
import type { ImageFormat } from '@/core/prompt/prompt-body';
import type { EncodedImage } from '@/core/prompt/build-request';

export interface EncodeJob {
  blob: Blob;
  /** Known SHA-256 of `blob` (e.g. the asset id), so it need not be hashed again. */
  sourceHash?: string;
  maxSidePx: number;
  format: ImageFormat;
  /** 0–1 */
  quality: number;
  /** Replace the picture by mid-grey of the same size (control runs). */
  blank?: boolean;
}

/**
 * Self-contained (no module-level references) so the benchmark can run this very function in a
 * browser page; that is why it hashes inline instead of calling `sha256Hex` of `@/core/identity`.
 */
export async function encodeInThisThread(job: EncodeJob): Promise<EncodedImage> {
  const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
  const sourceHash = job.sourceHash ?? hex(await crypto.subtle.digest('SHA-256', await job.blob.arrayBuffer()));
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(job.blob);
  } catch {
    throw new Error(`The browser cannot decode this image (${job.blob.type || 'unknown type'}); convert it to PNG or JPEG.`);
  }
  const scale = Math.min(1, job.maxSidePx / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images off screen; use a current Chromium, Firefox or Safari.');
  // JPEG has no alpha: put transparent pixels on white rather than black.
  if (job.format === 'jpeg') {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
  }
  if (job.blank) {
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, w, h);
  } else {
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, w, h);
  }
  bitmap.close();
  const mime = job.format === 'png' ? 'image/png' : job.format === 'webp' ? 'image/webp' : 'image/jpeg';
  const out = await canvas.convertToBlob({ type: mime, quality: job.quality });
  // A browser without WebP encoding silently returns PNG: report what was really made.
  const bytes = new Uint8Array(await out.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { sourceHash: job.blank ? `blank:${sourceHash}` : sourceHash, dataUrl: `data:${out.type};base64,${btoa(bin)}`, mime: out.type, bytes: bytes.length, width: w, height: h };
}
