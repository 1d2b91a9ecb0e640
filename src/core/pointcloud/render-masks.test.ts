import { describe, expect, it } from 'vitest';
import { DEFAULT_RENDER_SPEC, normalizeRenderSpec } from './render-spec';
import { renderViews, tileViews, type RenderInput } from './render-views';
import { pointMaskFromGrid, renderMask, renderMasks, strideMask } from './render-masks';
import { organisedXyzToCloud } from './organised-xyz';
import { maskRegion } from '@/core/metrics/masks';

/** Two parallel square sheets, side 2: z = 0.5 (front from +Z) and z = 0 (behind it). */
function sheets(n = 60): RenderInput & { front: number; points: number[][] } {
  const pts: number[][] = [];
  for (const z of [0.5, 0]) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) pts.push([-1 + (2 * i) / (n - 1), -1 + (2 * j) / (n - 1), z]);
  return { count: pts.length, positions: Float32Array.from(pts.flat()), front: n * n, points: pts };
}

const spec = normalizeRenderSpec({ ...DEFAULT_RENDER_SPEC, sizePx: 224, views: { kind: 'faces6' }, front: '+Z' });
const defects = (m: { bits: Uint8Array }) => m.bits.reduce((s, v) => s + v, 0);

describe('per-point masks carried onto renders', () => {
  it('respects the depth test: labelled points hidden behind others give no defect pixels', () => {
    const c = sheets();
    const back = Uint8Array.from({ length: c.count }, (_, i) => (i >= c.front ? 1 : 0));
    const views = renderViews(c, spec);
    const fromTop = views.find((v) => v.label === '+Z')!;
    const fromBelow = views.find((v) => v.label === '-Z')!;
    expect(defects(renderMask(fromTop, back))).toBe(0);
    // Seen from below, the labelled sheet is the one drawn: every drawn pixel is a defect.
    const below = renderMask(fromBelow, back);
    expect(defects(below)).toBe(fromBelow.index.reduce((s, i) => s + (i >= 0 ? 1 : 0), 0));
  });

  it('follows the splat: the mask covers the drawn pixels of the labelled points, on their side of the view', () => {
    const c = sheets();
    // The front sheet's half with x > 0.
    const half = Uint8Array.from({ length: c.count }, (_, i) => (i < c.front && c.points[i][0] > 0.05 ? 1 : 0));
    const [top] = renderMasks(renderViews(c, { ...spec, pointSizePx: 3 }).filter((v) => v.label === '+Z'), half);
    const region = maskRegion(top)!;
    expect(region).not.toBeNull();
    // From +Z with +Y up, +X is on the right of the image.
    expect(region[0]).toBeGreaterThan(0.45);
    expect(region[2]).toBeLessThan(1);
    const thin = renderMask(renderViews(c, { ...spec, pointSizePx: 1 }).find((v) => v.label === '+Z')!, half);
    expect(defects(top)).toBeGreaterThan(defects(thin));
  });

  it('tiles with the views when they are sent as one grid image', () => {
    const c = sheets(30);
    const back = Uint8Array.from({ length: c.count }, (_, i) => (i >= c.front ? 1 : 0));
    const views = renderViews(c, spec);
    const tiled = renderMask(tileViews(views, '#ffffff'), back);
    expect(defects(tiled)).toBe(renderMasks(views, back).reduce((s, m) => s + defects(m), 0));
  });

  it('reads an MVTec 3D-AD gt mask through the scan\'s pixel grid, holes left out', () => {
    // 3 × 2 grid; pixel 4 is a hole (all zeros), so point k is pixel k for k < 4 and pixel k + 1 after.
    const xyz = [0, 0, 1, 1, 0, 1, 2, 0, 1, 0, 1, 1, 0, 0, 0, 2, 1, 1];
    const cloud = organisedXyzToCloud(xyz, 3, 2, '000.tiff');
    const gt = { width: 3, height: 2, bits: Uint8Array.from([0, 1, 0, 0, 1, 1]) };
    expect(Array.from(pointMaskFromGrid(cloud, gt)!)).toEqual([0, 1, 0, 0, 1]);
    // A mask at twice the grid's resolution is read at the pixel under each grid pixel's centre.
    const big = { width: 6, height: 4, bits: new Uint8Array(24) };
    big.bits[1 * 6 + 3] = 1; // under grid pixel (1, 0)
    big.bits[3 * 6 + 5] = 1; // under grid pixel (2, 1)
    expect(Array.from(pointMaskFromGrid(cloud, big)!)).toEqual([0, 1, 0, 0, 1]);
    expect(pointMaskFromGrid({ count: 2, fields: {} }, gt)).toBeUndefined();
  });

  it('thins the mask like the viewer thins the points', () => {
    expect(Array.from(strideMask(Uint8Array.from([1, 1, 1, 0, 1, 1, 1]), 3))).toEqual([1, 0, 1]);
  });
});
