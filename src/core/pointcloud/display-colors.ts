import { colormapTable, type ColormapName } from './colormaps';
import type { Vec3 } from './camera';

export type ColorBy = 'depth' | 'height' | 'rgb' | `field:${string}`;

const SRGB_TO_LINEAR = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  SRGB_TO_LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/**
 * Per-point colours for the viewer as linear floats (what WebGL vertex colours expect, so the
 * file's sRGB colours and the colormaps look as they do in the renders), and the value range the
 * legend shows. depth = distance along `viewDir` (toward the scene), height = along `up`.
 * With `stride` k, colours are for every k-th point (display point j is point j × k), so the
 * worker colours a thinned display straight from the whole cloud.
 */
export function displayColors(
  cloud: { positions: Float32Array; colors?: Uint8Array; fields: Record<string, Float32Array> },
  by: ColorBy,
  colormap: ColormapName,
  axes: { viewDir: Vec3; up: Vec3 },
  stride = 1,
): { colors: Float32Array; range: [number, number] | undefined } {
  const n = Math.ceil(cloud.positions.length / 3 / stride);
  const out = new Float32Array(n * 3);
  if (by === 'rgb' && cloud.colors) {
    const c = cloud.colors;
    for (let j = 0, i = 0; j < n * 3; j += 3, i += 3 * stride) {
      out[j] = SRGB_TO_LINEAR[c[i]];
      out[j + 1] = SRGB_TO_LINEAR[c[i + 1]];
      out[j + 2] = SRGB_TO_LINEAR[c[i + 2]];
    }
    return { colors: out, range: undefined };
  }
  const values = new Float32Array(n);
  const p = cloud.positions;
  const field = by.startsWith('field:') ? cloud.fields[by.slice(6)] : undefined;
  const a = by === 'depth' ? axes.viewDir : axes.up;
  if (field) for (let j = 0; j < n; j++) values[j] = field[j * stride];
  else for (let j = 0, i = 0; j < n; j++, i += 3 * stride) values[j] = p[i] * a[0] + p[i + 1] * a[1] + p[i + 2] * a[2];
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) lo = hi = 0;
  const span = hi - lo || 1;
  const lut = colormapTable(colormap);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // Depth: near is the high end of the map, as in the renders.
    let t = v - v !== 0 ? 0 : (v - lo) / span;
    if (by === 'depth') t = 1 - t;
    const e = Math.round(t * 255) * 3;
    out[i * 3] = SRGB_TO_LINEAR[lut[e]];
    out[i * 3 + 1] = SRGB_TO_LINEAR[lut[e + 1]];
    out[i * 3 + 2] = SRGB_TO_LINEAR[lut[e + 2]];
  }
  return { colors: out, range: [lo, hi] };
}

/** Rose (#fb7185 in linear RGB), as the 2D mask outlines draw defects. */
const DEFECT_LINEAR: Vec3 = [SRGB_TO_LINEAR[251], SRGB_TO_LINEAR[113], SRGB_TO_LINEAR[133]];

/** The colours with every defect point (mask 1) tinted rose, strongly enough to read on any colouring. */
export function tintDefects(colors: Float32Array, mask: Uint8Array, amount = 0.8): Float32Array {
  const out = colors.slice();
  const n = Math.min(mask.length, colors.length / 3);
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = colors[i * 3 + c] * (1 - amount) + DEFECT_LINEAR[c] * amount;
  }
  return out;
}
