// The SIMD kernel must give what the plain loop gives, for every layout it takes, and step aside
// (for the plain loop and then the point-by-point reader) on the layouts and values it does not.
import { describe, expect, it } from 'vitest';
import { CloudBuilder } from './cloud-builder';
import { readFloatRows, type FloatRows } from './float-rows';
import { simdRows } from './float-rows-simd';
import { seeded } from './testing/fixture-writers';

interface Layout {
  stride: number;
  xyz: [number, number, number];
  rgb?: [number, number, number];
}

const LAYOUTS: Record<string, Layout> = {
  'x y z': { stride: 12, xyz: [0, 4, 8] },
  'x y z r g b': { stride: 15, xyz: [0, 4, 8], rgb: [12, 13, 14] },
  'x y z, packed b g r (PCD)': { stride: 16, xyz: [0, 4, 8], rgb: [14, 13, 12] },
  'r g b before x y z, then normals': { stride: 27, xyz: [3, 7, 11], rgb: [0, 1, 2] },
  'x y z at +5 in a wide row': { stride: 33, xyz: [5, 9, 13], rgb: [30, 31, 32] },
};

/** `n` rows of `layout` after `lead` bytes, far from the origin like a georeferenced scan. */
function rowsOf(layout: Layout, n: number, lead: number, poison?: number): FloatRows {
  const r = seeded(n + lead);
  const bytes = new Uint8Array(lead + n * layout.stride);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    const row = lead + i * layout.stride;
    for (let b = 0; b < layout.stride; b++) bytes[row + b] = Math.floor(r() * 256);
    const [x, y, z] = [412_000 + r() * 40, -5_300_000 - r() * 40, r() * 3 - 1];
    layout.xyz.forEach((o, a) => dv.setFloat32(row + o, [x, y, z][a], true));
  }
  if (poison !== undefined) dv.setFloat32(lead + (n >> 1) * layout.stride + layout.xyz[1], poison, true);
  const shift = (o: number[]) => o.map((v) => v + lead) as [number, number, number];
  return { bytes, count: n, stride: layout.stride, xyz: shift(layout.xyz), ...(layout.rgb ? { rgb: shift(layout.rgb) } : {}) };
}

function read(rows: FloatRows, simd: boolean) {
  const b = new CloudBuilder(rows.count, { colors: Boolean(rows.rgb), normals: false, fieldNames: [] });
  const ok = readFloatRows(rows, b, { simd });
  return { ok, b, cloud: b.finish({ format: 'ply', encoding: 'binary_little_endian' }) };
}

describe('SIMD rows kernel', () => {
  for (const [label, layout] of Object.entries(LAYOUTS))
    for (const lead of [0, 1, 3])
      it(`${label}, rows from byte ${lead}: same box, colours and positions as the plain loop`, () => {
        const rows = rowsOf(layout, 1001, lead);
        expect(simdRows(rows, Boolean(layout.rgb))).not.toBeNull();
        const fast = read(rows, true);
        const plain = read(rows, false);
        expect(fast.ok && plain.ok).toBe(true);
        expect(fast.cloud.bbox).toEqual(plain.cloud.bbox);
        expect(fast.cloud.offset).toEqual(plain.cloud.offset);
        expect(Array.from(fast.cloud.colors ?? [])).toEqual(Array.from(plain.cloud.colors ?? []));
        // One float32 rounding apart at most, far below a scan's resolution.
        for (let i = 0; i < plain.cloud.positions.length; i++) {
          const p = plain.cloud.positions[i];
          expect(Math.abs(fast.cloud.positions[i] - p)).toBeLessThanOrEqual(Math.max(1e-6, Math.abs(p) * 2 ** -23));
        }
      });

  for (const [value, name] of [
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-1e30, 'a coordinate out of range'],
  ] as const)
    it(`hands a cloud with ${name} back to the point-by-point reader, writing nothing`, () => {
      const rows = rowsOf(LAYOUTS['x y z r g b'], 300, 2, value);
      const fast = read(rows, true);
      expect(fast.ok).toBe(false);
      expect(read(rows, false).ok).toBe(false);
      expect(fast.b.m).toBe(0);
      expect(fast.b.positions.every((v) => v === 0)).toBe(true);
    });

  it('leaves layouts it does not take to the plain loop', () => {
    // z y x order, colours out of order, and rows shorter than three floats.
    expect(simdRows({ ...rowsOf(LAYOUTS['x y z'], 10, 0), xyz: [8, 4, 0] }, false)).toBeNull();
    expect(simdRows({ ...rowsOf(LAYOUTS['x y z r g b'], 10, 0), rgb: [13, 12, 14] }, true)).toBeNull();
    expect(simdRows({ ...rowsOf(LAYOUTS['x y z'], 10, 0), stride: 8 }, false)).toBeNull();
  });
});
