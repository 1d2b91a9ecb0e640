/**
 * Ground-truth masks as binary grids. Datasets disagree on values (MVTec 0/255, VisA small class
 * ids, MVTec LOCO 255/254/253 per defect), so everywhere — display and metrics — a pixel is a
 * defect when any colour channel is non-zero, and several masks of one image are their union.
 */

/** A box normalised to the image, [x0, y0, x1, y1] in 0–1. */
export type Box = [number, number, number, number];

export interface BinaryMask {
  width: number;
  height: number;
  /** 1 = defect, 0 = not, row-major. */
  bits: Uint8Array;
}

/**
 * Binarises decoded pixels with `channels` samples per pixel (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA);
 * an alpha channel is ignored, so a transparent-but-coloured pixel still counts.
 */
export function binariseMask(pixels: ArrayLike<number>, width: number, height: number, channels: number): BinaryMask {
  const n = width * height;
  const colour = channels === 2 || channels === 4 ? channels - 1 : channels;
  const bits = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < colour; k++) {
      if (pixels[i * channels + k] !== 0) {
        bits[i] = 1;
        break;
      }
    }
  }
  return { width, height, bits };
}

/** The union of masks of one image (sizes must agree; a mask of another size is a data error). */
export function unionMasks(masks: readonly BinaryMask[]): BinaryMask | undefined {
  if (!masks.length) return undefined;
  const { width, height } = masks[0];
  const bits = new Uint8Array(width * height);
  for (const m of masks) {
    if (m.width !== width || m.height !== height) throw new Error(`The masks of one image differ in size (${width} × ${height} and ${m.width} × ${m.height}).`);
    for (let i = 0; i < bits.length; i++) bits[i] |= m.bits[i];
  }
  return { width, height, bits };
}

/** The bounding region of the defect pixels, normalised (pixel edges), or null for an empty mask. */
export function maskRegion(m: BinaryMask): Box | null {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      if (!m.bits[y * m.width + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return null;
  return [x0 / m.width, y0 / m.height, (x1 + 1) / m.width, (y1 + 1) / m.height];
}

/** True when the box covers at least one defect pixel (a pixel whose centre lies inside the box). */
export function boxHitsMask(box: Box, m: BinaryMask): boolean {
  const xa = Math.max(0, Math.ceil(box[0] * m.width - 0.5));
  const xb = Math.min(m.width - 1, Math.floor(box[2] * m.width - 0.5));
  const ya = Math.max(0, Math.ceil(box[1] * m.height - 0.5));
  const yb = Math.min(m.height - 1, Math.floor(box[3] * m.height - 0.5));
  for (let y = ya; y <= yb; y++) for (let x = xa; x <= xb; x++) if (m.bits[y * m.width + x]) return true;
  return false;
}

/** Defect pixels with a non-defect 4-neighbour (or on the image edge): the mask's outline. */
export function maskOutline(m: BinaryMask): Uint8Array {
  const { width: w, height: h, bits } = m;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!bits[i]) continue;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1 || !bits[i - 1] || !bits[i + 1] || !bits[i - w] || !bits[i + w]) out[i] = 1;
    }
  }
  return out;
}

/** Nearest-neighbour resampling of a per-pixel grid (a heatmap onto its mask's size). */
export function resampleNearest<T extends Float32Array | Uint8Array>(src: T, sw: number, sh: number, dw: number, dh: number): T {
  if (sw === dw && sh === dh) return src;
  const out = new (src.constructor as { new (n: number): T })(dw * dh);
  for (let y = 0; y < dh; y++) {
    const sy = Math.min(sh - 1, Math.floor(((y + 0.5) * sh) / dh));
    for (let x = 0; x < dw; x++) out[y * dw + x] = src[sy * sw + Math.min(sw - 1, Math.floor(((x + 0.5) * sw) / dw))];
  }
  return out;
}
