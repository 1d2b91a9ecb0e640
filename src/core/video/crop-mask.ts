/**
 * A rectangle applied to every frame: crop to it (keep only the inside) or mask it (paint it
 * black), e.g. to hide a burnt-in timestamp or watermark that could leak the answer.
 */

/** Normalised to the displayed frame: 0–1 from the top-left corner. */
export interface NormRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CropMask {
  mode: 'crop' | 'mask';
  rect: NormRect;
}

export interface PxRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));

/** The rectangle inside the frame, at least 1% wide and high. */
export function clampRect(r: NormRect): NormRect {
  const x = clamp01(r.x);
  const y = clamp01(r.y);
  const w = Math.max(0.01, Math.min(1 - x, clamp01(r.w)));
  const h = Math.max(0.01, Math.min(1 - y, clamp01(r.h)));
  return { x: Math.min(x, 0.99), y: Math.min(y, 0.99), w, h };
}

/** The rectangle in whole pixels of a `width`×`height` frame (never empty). */
export function rectToPx(r: NormRect, width: number, height: number): PxRect {
  const c = clampRect(r);
  const x = Math.min(width - 1, Math.round(c.x * width));
  const y = Math.min(height - 1, Math.round(c.y * height));
  const w = Math.max(1, Math.min(width - x, Math.round(c.w * width)));
  const h = Math.max(1, Math.min(height - y, Math.round(c.h * height)));
  return { x, y, w, h };
}

/** Size of the output frame after crop (mask keeps the size). */
export function outputSize(cm: CropMask | undefined, width: number, height: number): { width: number; height: number } {
  if (!cm || cm.mode === 'mask') return { width, height };
  const p = rectToPx(cm.rect, width, height);
  return { width: p.w, height: p.h };
}

/** Paints the mask rectangle black in RGBA pixels (in place); used where no canvas is at hand. */
export function applyMaskRgba(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, r: NormRect): void {
  const p = rectToPx(r, width, height);
  for (let y = p.y; y < p.y + p.h; y++) {
    for (let x = p.x; x < p.x + p.w; x++) {
      const o = (y * width + x) * 4;
      rgba[o] = 0;
      rgba[o + 1] = 0;
      rgba[o + 2] = 0;
      rgba[o + 3] = 255;
    }
  }
}
