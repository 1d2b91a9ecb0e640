// three.js loaders as an oracle for point count and bounding box on good files.
import { describe, expect, it } from 'vitest';
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import { PCDLoader } from 'three/examples/jsm/loaders/PCDLoader.js';
import { parsePointCloud } from './parse-point-cloud';
import { packRgbFloat, seeded, writePcd, writePly } from './testing/fixture-writers';

function cloudRows(n: number, seed: number): number[][] {
  const r = seeded(seed);
  return Array.from({ length: n }, () => [r() * 10 - 5, r() * 2 + 100, r() * 0.5, Math.floor(r() * 256), Math.floor(r() * 256), Math.floor(r() * 256)]);
}

function bboxOf(pos: ArrayLike<number>): number[][] {
  const min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < pos.length; i += 3)
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k], pos[i + k]);
      max[k] = Math.max(max[k], pos[i + k]);
    }
  return [min, max];
}

function expectSame(ours: ReturnType<typeof parsePointCloud>, theirs: ArrayLike<number>) {
  expect(ours.count).toBe(theirs.length / 3);
  const [min, max] = bboxOf(theirs);
  for (let k = 0; k < 3; k++) {
    expect(ours.bbox.min[k]).toBeCloseTo(min[k], 4);
    expect(ours.bbox.max[k]).toBeCloseTo(max[k], 4);
  }
}

const toBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('agrees with three.js on good files', () => {
  const rows = cloudRows(2000, 5);
  for (const encoding of ['ascii', 'binary_little_endian', 'binary_big_endian'] as const)
    it(`PLY ${encoding}`, () => {
      const bytes = writePly({ encoding, elements: [{ name: 'vertex', props: [{ name: 'x', type: 'float' }, { name: 'y', type: 'float' }, { name: 'z', type: 'float' }, { name: 'red', type: 'uchar' }, { name: 'green', type: 'uchar' }, { name: 'blue', type: 'uchar' }], rows }, { name: 'face', props: [{ name: 'vertex_indices', type: 'int', list: 'uchar' }], rows: [[[0, 1, 2]], [[2, 3, 4]]] }] });
      const theirs = new PLYLoader().parse(toBuffer(bytes));
      expectSame(parsePointCloud(bytes, 'a.ply'), theirs.getAttribute('position').array);
    });
  for (const data of ['ascii', 'binary', 'binary_compressed'] as const)
    it(`PCD ${data}`, () => {
      const bytes = writePcd({ data, fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }, { name: 'rgb', size: 4, type: 'F' }], rows: rows.map((r) => [r[0], r[1], r[2], packRgbFloat(r[3], r[4], r[5])]) });
      const theirs = new PCDLoader().parse(toBuffer(bytes));
      expectSame(parsePointCloud(bytes, 'a.pcd'), theirs.geometry.getAttribute('position').array);
    });
});
