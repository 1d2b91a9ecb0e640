import { describe, expect, it } from 'vitest';
import { featureMap, resizeSquare, type GrayImage } from '@/core/baseline/image-features';
import { calibrate, detect, explain } from '@/core/baseline/patch-detector';
import { heatmapRgba } from '@/core/baseline/heatmap';

const SIDE = 160;

/** A small LCG so the fixtures are the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** A ring-shaped part with holes on a dark background, shifted by (dx, dy) px, with sensor noise. */
function part(seed: number, dx = 0, dy = 0, edit?: (x: number, y: number) => number | undefined): GrayImage {
  const r = rng(seed);
  const data = new Float32Array(SIDE * SIDE);
  const cx = SIDE / 2 + dx;
  const cy = SIDE / 2 + dy;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const d = Math.hypot(x - cx, y - cy);
      let v = 0.12;
      if (d < 60 && d > 25) v = 0.7 + 0.05 * Math.sin((x - cx) / 9);
      for (const [hx, hy] of [[0, -42], [42, 0], [0, 42], [-42, 0]]) if (Math.hypot(x - cx - hx, y - cy - hy) < 6) v = 0.12;
      const e = edit?.(x, y);
      if (e !== undefined) v = e;
      data[y * SIDE + x] = Math.min(1, Math.max(0, v + (r() - 0.5) * 0.04));
    }
  }
  return { width: SIDE, height: SIDE, data };
}

const fm = (g: GrayImage) => featureMap(resizeSquare(g));
const refs = [part(1, 0, 0), part(2, 3, -2), part(3, -3, 2), part(4, 2, 3)].map(fm);
const calib = calibrate(refs)!;

describe('offline baseline detector', () => {
  it('scores shifted normal parts low', () => {
    for (const [seed, dx, dy] of [[10, 4, 0], [11, -4, 3], [12, 0, -5], [13, 1, 1]]) {
      const o = detect(fm(part(seed, dx, dy)), refs, calib);
      expect(o.score, `normal shifted by ${dx},${dy}`).toBeLessThan(0.5);
    }
  });

  it('scores a scratch high and puts the heatmap peak on it', () => {
    // A bright diagonal scratch across the upper-left part of the ring.
    const scratched = part(20, 2, 1, (x, y) => (Math.abs(x - y) < 1.5 && x > 35 && x < 62 ? 0.98 : undefined));
    const o = detect(fm(scratched), refs, calib);
    expect(o.score).toBeGreaterThan(0.8);
    expect(o.peak.x).toBeGreaterThan(35 / SIDE - 0.06);
    expect(o.peak.x).toBeLessThan(62 / SIDE + 0.06);
    expect(Math.abs(o.peak.x - o.peak.y)).toBeLessThan(0.08);
    expect(explain(o)).toMatch(/^Local baseline .*upper left/);
  });

  it('scores a dark blob (contamination) high, with the peak on the blob', () => {
    const blob = part(21, -2, 0, (x, y) => (Math.hypot(x - 118, y - 95) < 7 ? 0.05 : undefined));
    const o = detect(fm(blob), refs, calib);
    expect(o.score).toBeGreaterThan(0.8);
    expect(Math.hypot(o.peak.x - 118 / SIDE, o.peak.y - 95 / SIDE)).toBeLessThan(0.08);
    expect(o.areaFraction).toBeGreaterThan(0);
    expect(o.areaFraction).toBeLessThan(0.2);
  });

  it('ranks every defective part above every normal part', () => {
    const normals = [30, 31, 32, 33, 34].map((s, i) => detect(fm(part(s, i - 2, 2 - i)), refs, calib).score);
    const defects = [
      part(40, 1, 0, (x, y) => (Math.abs(y - 2 * x + 150) < 1.5 && y > 40 && y < 70 ? 0.95 : undefined)),
      part(41, 0, 1, (x, y) => (Math.hypot(x - 80, y - 122) < 6 ? 0.7 : undefined)), // a hole filled in
      part(42, -1, 0, (x, y) => (x > 120 && x < 140 && y > 70 && y < 90 ? 0.12 : undefined)), // a missing chunk
    ].map((g) => detect(fm(g), refs, calib).score);
    expect(Math.min(...defects)).toBeGreaterThan(Math.max(...normals));
  });

  it('calibrates from the query itself when only one reference exists, saying so', () => {
    const o = detect(fm(part(50, 1, 1)), [refs[0]]);
    expect(o.calibration.selfCalibrated).toBe(true);
    expect(explain(o)).toContain('typical patch difference');
  });

  it('colours only cells above the normal range', () => {
    const rgba = heatmapRgba(new Float32Array([0.2, 1.0, 3]));
    expect(rgba[3]).toBe(0);
    expect(rgba[7]).toBeGreaterThan(0);
    expect(rgba[11]).toBe(230);
  });
});
