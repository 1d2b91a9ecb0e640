import { describe, expect, it } from 'vitest';
import { decodePointMask, encodePointMask, matchPointLabels, parsePointLabels } from './point-labels';
import { parsePointCloud } from './parse-point-cloud';
import { textBytes } from '@/core/dataset/fixture-bytes';

/** An ASCII PCD of the given points, as Real3D-AD ships its test clouds. */
const pcd = (pts: number[][]) =>
  textBytes(`# .PCD v0.7\nVERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH ${pts.length}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS ${pts.length}\nDATA ascii\n${pts.map((p) => p.join(' ')).join('\n')}\n`);

// A 4 × 4 patch of a surface 10 mm apart, far from the origin (like a scanner's coordinates).
const grid = Array.from({ length: 16 }, (_, i) => [100 + (i % 4) * 0.01, 200 + Math.floor(i / 4) * 0.01, 50]);
const defect = new Set([5, 6, 9]);

describe('per-point label files (Real3D-AD "x y z label", Anomaly-ShapeNet "x,y,z,label")', () => {
  it('reads space- and comma-separated rows and passes over a header line', () => {
    const a = parsePointLabels('x y z label\n1 2 3 0\n4 5 6 1\n\n', 'a.txt');
    const b = parsePointLabels('1.0,2.0,3.0,0\r\n4.0,5.0,6.0,1\r\n', 'b.txt');
    for (const r of [a, b]) {
      expect(r.count).toBe(2);
      expect(Array.from(r.labels)).toEqual([0, 1]);
      expect(Array.from(r.xyz)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('refuses a file without rows in a sentence naming it', () => {
    expect(() => parsePointLabels('nothing here\n', 'gt/1_bulge.txt')).toThrow(/"gt\/1_bulge.txt" holds no "x y z label" rows/);
  });

  it('takes rows in order when they follow the cloud point by point', () => {
    const cloud = parsePointCloud(pcd(grid), 'test/1_bulge.pcd');
    const rows = parsePointLabels(grid.map((p, i) => `${p.join(' ')} ${defect.has(i) ? 1 : 0}`).join('\n'), 'gt/1_bulge.txt');
    const m = matchPointLabels(cloud, rows);
    expect(m.by).toBe('order');
    expect(m.anomalous).toBe(3);
    expect([...m.mask.keys()].filter((i) => m.mask[i])).toEqual([5, 6, 9]);
  });

  it('matches shuffled rows to the nearest cloud point, and leaves points without a row near them normal', () => {
    const cloud = parsePointCloud(pcd([...grid, [101, 201, 51]]), 'test/2_sink.pcd');
    const order = [15, 3, 9, 0, 12, 6, 1, 14, 5, 8, 2, 11, 4, 13, 7, 10];
    // Rows rounded to 5 decimals, as text writers do.
    const rows = parsePointLabels(order.map((i) => `${grid[i].map((v) => (v + 1e-6).toFixed(5)).join(',')},${defect.has(i) ? 1 : 0}`).join('\n'), 'GT/ashtray0_bulge0.txt');
    const m = matchPointLabels(cloud, rows);
    expect(m.by).toBe('nearest');
    expect([...m.mask.keys()].filter((i) => m.mask[i])).toEqual([5, 6, 9]);
    expect(m.unmatched).toBe(1);
  });

  it('stores one bit per point and reads it back', () => {
    const mask = Uint8Array.from({ length: 21 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const bytes = encodePointMask(mask);
    expect(bytes.length).toBe(8 + 3);
    expect(decodePointMask(bytes)).toEqual(mask);
    expect(decodePointMask(textBytes('not a mask'))).toBeUndefined();
  });
});
