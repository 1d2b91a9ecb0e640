/**
 * Image preparation and patch features for the offline baseline detector. Pure: works on
 * RGBA or gray pixel arrays, so it runs the same in node tests and in a worker.
 */

/** A gray image, values 0–1, row-major. */
export interface GrayImage {
  width: number;
  height: number;
  data: Float32Array;
}

/** Per-patch feature vectors on a regular grid over the working image. */
export interface FeatureMap {
  /** Grid size in patches. */
  gw: number;
  gh: number;
  dims: number;
  /** gw × gh × dims, row-major by patch. */
  data: Float32Array;
}

/** Side of the square working image the detector compares, px. */
export const WORK_SIDE_PX = 128;
/** Patch side and grid step on the working image, px. */
export const PATCH_PX = 8;
export const STRIDE_PX = 1;

/** Luma of RGBA (or RGB when `channels` is 3) pixels, 0–1. */
export function toGray(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels = 4): GrayImage {
  const data = new Float32Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += channels) {
    data[i] = (0.299 * pixels[p] + 0.587 * pixels[p + 1] + 0.114 * pixels[p + 2]) / 255;
  }
  return { width, height, data };
}

/** Box-filtered resize to `side × side` (area average; aspect is not kept, as within a class all parts share one framing). */
export function resizeSquare(img: GrayImage, side = WORK_SIDE_PX): GrayImage {
  const out = new Float32Array(side * side);
  const sx = img.width / side;
  const sy = img.height / side;
  for (let y = 0; y < side; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < side; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      let sum = 0;
      let wsum = 0;
      for (let yy = Math.floor(y0); yy < Math.min(img.height, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        if (wy <= 0) continue;
        for (let xx = Math.floor(x0); xx < Math.min(img.width, Math.ceil(x1)); xx++) {
          const wx = Math.min(x1, xx + 1) - Math.max(x0, xx);
          if (wx <= 0) continue;
          sum += img.data[yy * img.width + xx] * wx * wy;
          wsum += wx * wy;
        }
      }
      out[y * side + x] = wsum > 0 ? sum / wsum : 0;
    }
  }
  return { width: side, height: side, data: out };
}

/**
 * Features per 8 px patch every pixel: 2×2 cell means of gray, |∂x| and |∂y|, and the patch's
 * contrast. Cells of 4 px make the vectors tolerant of the 1 px misalignment the grid search
 * leaves; gradients keep edges (scratches, missing parts) visible under small lighting changes.
 */
export function featureMap(img: GrayImage): FeatureMap {
  const { width: w, height: h } = img;
  // Normalise global brightness and contrast so a slightly darker photo is not a defect.
  let mean = 0;
  for (const v of img.data) mean += v;
  mean /= img.data.length;
  let varSum = 0;
  for (const v of img.data) varSum += (v - mean) ** 2;
  const std = Math.sqrt(varSum / img.data.length) || 1;
  // A small blur (binomial, σ ≈ 1 px) so a sub-pixel shift changes features little.
  const g = blur(img.data, w, h);
  for (let i = 0; i < g.length; i++) g[i] = (g[i] - mean) / std;
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      gx[i] = Math.abs(g[i + 1] - g[i - 1]) * 0.5;
      gy[i] = Math.abs(g[i + w] - g[i - w]) * 0.5;
    }
  }
  const gw = Math.floor((w - PATCH_PX) / STRIDE_PX) + 1;
  const gh = Math.floor((h - PATCH_PX) / STRIDE_PX) + 1;
  const dims = 13;
  const data = new Float32Array(gw * gh * dims);
  const half = PATCH_PX / 2;
  const cellArea = half * half;
  for (let py = 0; py < gh; py++) {
    for (let px = 0; px < gw; px++) {
      const o = (py * gw + px) * dims;
      const x0 = px * STRIDE_PX;
      const y0 = py * STRIDE_PX;
      let s = 0;
      let s2 = 0;
      for (let cy = 0; cy < 2; cy++) {
        for (let cx = 0; cx < 2; cx++) {
          let a = 0;
          let bx = 0;
          let by = 0;
          for (let y = y0 + cy * half; y < y0 + (cy + 1) * half; y++) {
            for (let x = x0 + cx * half; x < x0 + (cx + 1) * half; x++) {
              const i = y * w + x;
              a += g[i];
              s2 += g[i] * g[i];
              bx += gx[i];
              by += gy[i];
            }
          }
          s += a;
          const c = cy * 2 + cx;
          data[o + c] = a / cellArea;
          data[o + 4 + c] = (bx / cellArea) * 2;
          data[o + 8 + c] = (by / cellArea) * 2;
        }
      }
      const n = PATCH_PX * PATCH_PX;
      data[o + 12] = Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2));
    }
  }
  return { gw, gh, dims, data };
}

function blur(src: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l = src[y * w + Math.max(0, x - 1)];
      const r = src[y * w + Math.min(w - 1, x + 1)];
      tmp[y * w + x] = (l + 2 * src[y * w + x] + r) / 4;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = tmp[Math.max(0, y - 1) * w + x];
      const d = tmp[Math.min(h - 1, y + 1) * w + x];
      out[y * w + x] = (u + 2 * tmp[y * w + x] + d) / 4;
    }
  }
  return out;
}

/** Gray working image → feature map, in one step. */
export function prepareImage(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels = 4): FeatureMap {
  return featureMap(resizeSquare(toGray(pixels, width, height, channels)));
}
