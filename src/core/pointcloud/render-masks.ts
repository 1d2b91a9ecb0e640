/**
 * Ground truth carried from points to pixels. A per-point mask (Real3D-AD / Anomaly-ShapeNet
 * labels, or an MVTec 3D-AD `gt/*.png` read through the scan's pixel grid) becomes one 2D mask per
 * rendered view through the renderer's own pixel → point map, so a defect pixel is exactly a
 * pixel whose drawn point is labelled: hidden points (depth test), splat size and the
 * see-through fill are respected because the map already holds them.
 */
import type { BinaryMask } from '@/core/metrics/masks';
import { PIXEL_FIELD } from './organised-xyz';
import type { RenderedView } from './render-views';

/**
 * The per-point mask of an organised scan from a mask of its pixel grid: point i is a defect when
 * its pixel is. A mask of another size than the grid is read at the nearest pixel.
 */
export function pointMaskFromGrid(cloud: { count: number; fields: Record<string, Float32Array>; grid?: { width: number; height: number } }, grid: BinaryMask): Uint8Array | undefined {
  const pixel = cloud.fields[PIXEL_FIELD];
  if (!pixel || !cloud.grid) return undefined;
  const { width: gw, height: gh } = cloud.grid;
  const out = new Uint8Array(cloud.count);
  const same = grid.width === gw && grid.height === gh;
  for (let i = 0; i < cloud.count; i++) {
    const p = pixel[i];
    if (same) out[i] = grid.bits[p];
    else {
      const x = Math.min(grid.width - 1, Math.floor((((p % gw) + 0.5) * grid.width) / gw));
      const y = Math.min(grid.height - 1, Math.floor(((Math.floor(p / gw) + 0.5) * grid.height) / gh));
      out[i] = grid.bits[y * grid.width + x];
    }
  }
  return out;
}

/** The union of several per-point masks of one cloud (one per label file or grid mask). */
export function unionPointMasks(masks: readonly Uint8Array[], count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (const m of masks) for (let i = 0; i < Math.min(count, m.length); i++) out[i] |= m[i];
  return out;
}

/** The 2D mask of one rendered view: a pixel is a defect when the point drawn there is. */
export function renderMask(view: Pick<RenderedView, 'width' | 'height' | 'index'>, pointMask: Uint8Array): BinaryMask {
  const bits = new Uint8Array(view.width * view.height);
  const idx = view.index;
  for (let q = 0; q < bits.length; q++) {
    const i = idx[q];
    if (i >= 0 && pointMask[i]) bits[q] = 1;
  }
  return { width: view.width, height: view.height, bits };
}

/** One 2D mask per view, in the views' order (a tiled grid gets one mask of the whole grid). */
export function renderMasks(views: readonly Pick<RenderedView, 'width' | 'height' | 'index'>[], pointMask: Uint8Array): BinaryMask[] {
  return views.map((v) => renderMask(v, pointMask));
}

/** Display point j is file point j × stride: the mask of the points the viewer shows. */
export function strideMask(mask: Uint8Array, stride: number): Uint8Array {
  if (stride === 1) return mask;
  const out = new Uint8Array(Math.ceil(mask.length / stride));
  for (let j = 0; j < out.length; j++) out[j] = mask[j * stride];
  return out;
}

/** A binary mask as RGBA (defect white, rest black, opaque), for encoding as a PNG any mask reader takes. */
export function maskToRgba(m: BinaryMask): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(m.width * m.height * 4);
  for (let i = 0; i < m.bits.length; i++) {
    const v = m.bits[i] ? 255 : 0;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}
