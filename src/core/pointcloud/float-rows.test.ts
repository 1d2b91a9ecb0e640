// The bulk float32 reader must give what the point-by-point reader gives: big-endian PLY and
// float64 coordinates never take the bulk path, so they are the reference for the same rows.
import { describe, expect, it } from 'vitest';
import { parsePointCloud } from './parse-point-cloud';
import { packRgbFloat, seeded, writePcd, writePly, type PlyPropSpec } from './testing/fixture-writers';
import type { PointCloud } from './types';

function rows(n: number, seed: number, bad: boolean): number[][] {
  const r = seeded(seed);
  return Array.from({ length: n }, (_, i) => {
    const row = [r() * 10 - 5 + 1000, r() * 2 - 300, r() * 0.5, Math.floor(r() * 256), Math.floor(r() * 256), Math.floor(r() * 256), r() - 0.5, r() - 0.5, r(), r() * 100];
    if (bad && i % 97 === 5) row[i % 3] = [NaN, Infinity, -Infinity][i % 3];
    return row;
  });
}

function expectSameCloud(a: PointCloud, b: PointCloud) {
  expect(a.count).toBe(b.count);
  expect(a.droppedNonFinite).toBe(b.droppedNonFinite);
  expect(a.bbox).toEqual(b.bbox);
  for (let k = 0; k < 3; k++) expect(a.offset[k]).toBeCloseTo(b.offset[k], 9);
  // Positions agree to float32 rounding of file coordinate minus offset.
  for (let i = 0; i < a.positions.length; i++) expect(Math.abs(a.positions[i] - b.positions[i])).toBeLessThan(1e-4);
  expect(Array.from(a.colors ?? [])).toEqual(Array.from(b.colors ?? []));
  expect(Array.from(a.normals ?? [])).toEqual(Array.from(b.normals ?? []));
  expect(Object.keys(a.fields)).toEqual(Object.keys(b.fields));
  for (const k of Object.keys(a.fields)) expect(Array.from(a.fields[k])).toEqual(Array.from(b.fields[k]));
}

const f = (name: string): PlyPropSpec => ({ name, type: 'float' });
const u = (name: string): PlyPropSpec => ({ name, type: 'uchar' });
const LAYOUTS: Record<string, PlyPropSpec[]> = {
  'x y z': [f('x'), f('y'), f('z')],
  'x y z r g b (15-byte rows)': [f('x'), f('y'), f('z'), u('red'), u('green'), u('blue')],
  'b g r before z y x': [u('blue'), u('green'), u('red'), f('z'), f('y'), f('x')],
  'x y z nx ny nz intensity r g b': [f('x'), f('y'), f('z'), f('nx'), f('ny'), f('nz'), f('intensity'), u('red'), u('green'), u('blue')],
};
const COLUMN: Record<string, number> = { x: 0, y: 1, z: 2, red: 3, green: 4, blue: 5, nx: 6, ny: 7, nz: 8, intensity: 9 };

describe('bulk float32 reading agrees with point-by-point reading', () => {
  for (const [label, props] of Object.entries(LAYOUTS))
    for (const bad of [false, true])
      for (const pad of ['', 'x', 'xy', 'xyz'])
        it(`PLY ${label}${bad ? ', with non-finite points' : ''}, body at offset +${pad.length}`, () => {
          const data = rows(500, 11, bad).map((r) => props.map((p) => r[COLUMN[p.name]]));
          const spec = { comments: pad ? [pad] : [], elements: [{ name: 'vertex', props, rows: data }] };
          const le = parsePointCloud(writePly({ ...spec, encoding: 'binary_little_endian' }), 'le.ply');
          const be = parsePointCloud(writePly({ ...spec, encoding: 'binary_big_endian' }), 'be.ply');
          expectSameCloud(le, be);
        });

  for (const data of ['binary', 'binary_compressed'] as const)
    for (const bad of [false, true])
      it(`PCD ${data}${bad ? ', with non-finite points' : ''} matches the same points in float64`, () => {
        const src = rows(500, 12, bad).map((r) => [r[0], r[1], r[2], packRgbFloat(r[3], r[4], r[5]), r[6], r[7], r[8], r[9]]);
        // float64 coordinates of the float32-rounded values read the same numbers the slow way.
        const f64 = src.map((r) => [Math.fround(r[0]), Math.fround(r[1]), Math.fround(r[2]), r[3], Math.fround(r[4]), Math.fround(r[5]), Math.fround(r[6]), Math.fround(r[7])]);
        const fields = (size: 4 | 8) => [{ name: 'x', size, type: 'F' }, { name: 'y', size, type: 'F' }, { name: 'z', size, type: 'F' }, { name: 'rgb', size: 4, type: 'F' }, { name: 'normal_x', size: 4, type: 'F' }, { name: 'normal_y', size: 4, type: 'F' }, { name: 'normal_z', size: 4, type: 'F' }, { name: 'intensity', size: 4, type: 'F' }] as const;
        const fast = parsePointCloud(writePcd({ data, fields: [...fields(4)], rows: src }), 'a.pcd');
        const slow = parsePointCloud(writePcd({ data, fields: [...fields(8)], rows: f64 }), 'b.pcd');
        expectSameCloud(fast, slow);
        expect(fast.colors!.slice(0, 3)).toEqual(Uint8Array.from(rows(1, 12, false)[0].slice(3, 6)));
      });
});
