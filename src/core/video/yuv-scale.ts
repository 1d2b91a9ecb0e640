/**
 * Planar YUV 4:2:0 (what software decoders hand out) to RGBA, cut to a region and scaled down by
 * averaging a grid of samples under each output pixel, in one pass over the output. Frames handed
 * out smaller than decoded go from the decoder's planes straight into the output buffer, with no
 * full-size RGBA picture (and no full-size allocation) in between. BT.601 and BT.709, limited
 * or full range; anything else is left to the browser's own conversion.
 */
import type { PxRect } from '@/core/video/crop-mask';

/** One plane inside the copied buffer. */
export interface PlaneAt {
  offset: number;
  stride: number;
}

/** A 4:2:0 picture: the luma plane is `width` × `height`, the chroma planes half that (rounded up). */
export interface YuvPicture {
  data: Uint8Array;
  width: number;
  height: number;
  y: PlaneAt;
  u: PlaneAt;
  v: PlaneAt;
}

/** Conversion constants for one matrix and range. */
export interface YuvMatrix {
  yOffset: number;
  yScale: number;
  rv: number;
  gu: number;
  gv: number;
  bu: number;
}

/** Luma weights (Kr, Kb) by the names WebCodecs gives a frame's matrix. */
const KR_KB: Record<string, readonly [number, number]> = {
  bt709: [0.2126, 0.0722],
  bt470bg: [0.299, 0.114],
  smpte170m: [0.299, 0.114],
};

/** The constants for a frame's matrix and range, or null when this converter does not know the matrix. */
export function yuvMatrix(matrix: string | null | undefined, fullRange: boolean): YuvMatrix | null {
  const k = KR_KB[matrix ?? ''];
  if (!k) return null;
  const [kr, kb] = k;
  const kg = 1 - kr - kb;
  // Limited range: luma 16–235, chroma 16–240 around 128.
  const yScale = fullRange ? 1 : 255 / 219;
  const cScale = fullRange ? 1 : 255 / 224;
  return {
    yOffset: fullRange ? 0 : 16,
    yScale,
    rv: 2 * (1 - kr) * cScale,
    gu: ((2 * kb * (1 - kb)) / kg) * cScale,
    gv: ((2 * kr * (1 - kr)) / kg) * cScale,
    bu: 2 * (1 - kb) * cScale,
  };
}

/** Most samples per axis under one output pixel: past 4, more samples change little and cost much. */
const MAX_TAPS = 4;

/** Samples per axis for a reduction by `factor`: about one per source pixel under the output pixel. */
function tapsFor(factor: number): number {
  return Math.min(MAX_TAPS, Math.max(1, Math.round(factor)));
}

/**
 * Source positions for each output position along one axis: `taps` evenly spread samples under
 * the output pixel's footprint, clamped to `[0, limit)`, times `scale` (a stride, or 1).
 */
function sampleTable(start: number, length: number, outLength: number, taps: number, divisor: number, limit: number, scale = 1, base = 0): Int32Array {
  const table = new Int32Array(outLength * taps);
  const step = length / outLength;
  for (let o = 0; o < outLength; o++) {
    for (let t = 0; t < taps; t++) {
      const at = Math.floor((start + (o + (t + 0.5) / taps) * step) / divisor);
      table[o * taps + t] = base + Math.min(limit - 1, Math.max(0, at)) * scale;
    }
  }
  return table;
}

/**
 * Writes `outW` × `outH` RGBA pixels (opaque) into `out`, showing `region` of the picture. The
 * output must not be larger than the region.
 */
export function yuvToRgba(src: YuvPicture, region: PxRect, m: YuvMatrix, out: Uint8ClampedArray, outW: number, outH: number): void {
  const lx = tapsFor(region.w / outW);
  const ly = tapsFor(region.h / outH);
  const cx = tapsFor(region.w / outW / 2);
  const cy = tapsFor(region.h / outH / 2);
  const cw = (src.width + 1) >> 1;
  const ch = (src.height + 1) >> 1;
  // Row tables hold where each sampled row starts in the buffer; column tables the offset in a row.
  const yCols = sampleTable(region.x, region.w, outW, lx, 1, src.width);
  const yRows = sampleTable(region.y, region.h, outH, ly, 1, src.height, src.y.stride, src.y.offset);
  const cCols = sampleTable(region.x, region.w, outW, cx, 2, cw);
  const uRows = sampleTable(region.y, region.h, outH, cy, 2, ch, src.u.stride, src.u.offset);
  const vRows = sampleTable(region.y, region.h, outH, cy, 2, ch, src.v.stride, src.v.offset);
  const data = src.data;
  const lumaN = m.yScale / (lx * ly);
  const yBias = m.yOffset * m.yScale;
  const chromaN = 1 / (cx * cy);
  const { rv, gu, gv, bu } = m;
  let o = 0;
  for (let oy = 0; oy < outH; oy++) {
    const yr = oy * ly;
    const cr = oy * cy;
    for (let ox = 0; ox < outW; ox++) {
      const xc = ox * lx;
      let ys = 0;
      for (let j = 0; j < ly; j++) {
        const row = yRows[yr + j];
        for (let i = 0; i < lx; i++) ys += data[row + yCols[xc + i]];
      }
      const cc = ox * cx;
      let us = 0;
      let vs = 0;
      for (let j = 0; j < cy; j++) {
        const ur = uRows[cr + j];
        const vr = vRows[cr + j];
        for (let i = 0; i < cx; i++) {
          const c = cCols[cc + i];
          us += data[ur + c];
          vs += data[vr + c];
        }
      }
      const y = ys * lumaN - yBias;
      const u = us * chromaN - 128;
      const v = vs * chromaN - 128;
      out[o] = y + rv * v;
      out[o + 1] = y - gu * u - gv * v;
      out[o + 2] = y + bu * u;
      out[o + 3] = 255;
      o += 4;
    }
  }
}
