import { describe, expect, it } from 'vitest';
import { binariseMask, boxHitsMask, maskOutline, maskRegion, resampleNearest, unionMasks, type Box } from '@/core/metrics/masks';
import { boxIou, localisationMetrics, meanWithInterval, pixelAuroc, type LocalisationInput } from '@/core/metrics/localisation';

describe('masks', () => {
  it('counts any non-zero colour as defect (VisA class ids, LOCO 253–255), ignoring alpha', () => {
    // 4 gray pixels: 0, 1 (VisA), 253 (LOCO), 0
    expect(Array.from(binariseMask([0, 1, 253, 0], 4, 1, 1).bits)).toEqual([0, 1, 1, 0]);
    // RGBA: an opaque black pixel is not a defect; a transparent coloured one is.
    expect(Array.from(binariseMask([0, 0, 0, 255, 0, 2, 0, 0], 2, 1, 4).bits)).toEqual([0, 1]);
  });
  it('merges several masks of one image as their union, and finds the bounding region', () => {
    const a = binariseMask([255, 0, 0, 0, 0, 0, 0, 0, 0], 3, 3, 1);
    const b = binariseMask([0, 0, 0, 0, 0, 0, 0, 0, 254], 3, 3, 1);
    const u = unionMasks([a, b])!;
    expect(Array.from(u.bits)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(maskRegion(u)).toEqual([0, 0, 1, 1]);
    expect(maskRegion(b)).toEqual([2 / 3, 2 / 3, 1, 1]);
    expect(maskRegion(binariseMask([0, 0, 0, 0], 2, 2, 1))).toBeNull();
  });
  it('a box hits the mask when it covers a defect pixel centre', () => {
    const m = binariseMask([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0], 4, 4, 1); // pixel (2, 2)
    expect(boxHitsMask([0.5, 0.5, 0.75, 0.75], m)).toBe(true);
    expect(boxHitsMask([0, 0, 0.5, 0.5], m)).toBe(false);
    expect(boxHitsMask([0.6, 0.6, 0.7, 0.7], m)).toBe(true);
  });
  it('outlines a filled square by its border pixels', () => {
    const bits = new Array(25).fill(0);
    for (let y = 1; y <= 3; y++) for (let x = 1; x <= 3; x++) bits[y * 5 + x] = 1;
    const o = maskOutline(binariseMask(bits, 5, 5, 1));
    expect(o[2 * 5 + 2]).toBe(0);
    expect(o[1 * 5 + 1]).toBe(1);
    expect(o.reduce((s, v) => s + v, 0)).toBe(8);
  });
  it('resamples a heatmap onto its mask size by nearest neighbour', () => {
    expect(Array.from(resampleNearest(new Float32Array([1, 2, 3, 4]), 2, 2, 4, 2))).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });
});

describe('box localisation', () => {
  const tp = (className: string, boxes: Box[], region: Box | null, hits: boolean[]): LocalisationInput => ({ caseId: Math.random().toString(), className, truth: 'anomalous', verdict: 'anomalous', boxes, mask: { region, hits } });
  it('IoU of boxes', () => {
    expect(boxIou([0, 0, 0.5, 0.5], [0, 0, 0.5, 0.5])).toBe(1);
    expect(boxIou([0, 0, 0.5, 0.5], [0.25, 0, 0.75, 0.5])).toBeCloseTo(1 / 3, 10);
    expect(boxIou([0, 0, 0.1, 0.1], [0.5, 0.5, 1, 1])).toBe(0);
  });
  it('scores true positives with masks only: hit rate over answers with a box, no-box count apart, best box IoU', () => {
    const items: LocalisationInput[] = [
      tp('screw', [[0, 0, 0.5, 0.5]], [0, 0, 0.5, 0.5], [true]),
      tp('screw', [[0.5, 0.5, 1, 1], [0.25, 0, 0.75, 0.5]], [0, 0, 0.5, 0.5], [false, true]),
      tp('screw', [[0.9, 0.9, 1, 1]], [0, 0, 0.5, 0.5], [false]),
      tp('screw', [], [0, 0, 0.5, 0.5], []),
      // An empty mask (MVTec 3D-AD test/good) or a missed or normal case is not scored.
      tp('screw', [[0, 0, 1, 1]], null, [false]),
      { caseId: 'miss', className: 'screw', truth: 'anomalous', verdict: 'normal', boxes: [], mask: { region: [0, 0, 1, 1], hits: [] } },
      { caseId: 'fp', className: 'screw', truth: 'normal', verdict: 'anomalous', boxes: [[0, 0, 1, 1]] },
      tp('nut', [[0, 0, 1, 1]], [0, 0, 0.5, 0.5], [true]),
    ];
    const r = localisationMetrics(items);
    expect(r.perClass.screw).toMatchObject({ scored: 4, noBox: 1, hitRate: { k: 2, n: 3 } });
    expect(r.perClass.screw.meanIou.value).toBeCloseTo((1 + 1 / 3 + 0) / 3, 10);
    expect(r.perClass.nut.meanIou).toMatchObject({ value: 0.25, n: 1, lo: null });
    expect(r.overall).toMatchObject({ scored: 5, noBox: 1, hitRate: { k: 3, n: 4 } });
  });
  it('gives a bootstrap interval around the mean that is reproducible', () => {
    const v = [0.1, 0.2, 0.6, 0.9, 0.5];
    const a = meanWithInterval(v);
    expect(a.value).toBeCloseTo(0.46, 10);
    expect(a.lo!).toBeLessThan(0.46);
    expect(a.hi!).toBeGreaterThan(0.46);
    expect(a.lo!).toBeGreaterThanOrEqual(0.1);
    expect(meanWithInterval(v)).toEqual(a);
  });
});

describe('pixel AUROC', () => {
  it('matches a hand count on a tiny case, ties counting one half', () => {
    // Defect pixels score 0.9 and 0.4; normal pixels 0.1, 0.4, 0.5, 0.95.
    // Pairs (defect > normal): 0.9 beats 0.1, 0.4, 0.5 → 3; 0.4 beats 0.1, ties 0.4 → 1.5. 4.5 / 8.
    const r = pixelAuroc([
      { scores: new Float32Array([0.9, 0.1, 0.4]), mask: new Uint8Array([1, 0, 0]) },
      { scores: new Float32Array([0.4, 0.5, 0.95]), mask: new Uint8Array([1, 0, 0]) },
    ]);
    expect(r).toEqual({ value: 4.5 / 8, pixels: 6, defectPixels: 2 });
  });
  it('is 1 for a perfect heatmap and n/a without defect pixels', () => {
    expect(pixelAuroc([{ scores: new Float32Array([0, 1, 0, 1]), mask: new Uint8Array([0, 1, 0, 1]) }]).value).toBe(1);
    expect(pixelAuroc([{ scores: new Float32Array([0, 1]), mask: new Uint8Array([0, 0]) }])).toMatchObject({ value: null, reason: 'no-defect-pixels' });
  });
});
