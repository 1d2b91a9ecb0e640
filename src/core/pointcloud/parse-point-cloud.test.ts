import { describe, expect, it } from 'vitest';
import { parsePointCloud } from './parse-point-cloud';
import { PointCloudError } from './errors';
import { lzfDecompress } from './lzf';
import { packRgbFloat, packRgbaUint, lzfCompress, seeded, writePcd, writePly, type PlyType, type PlySpec } from './testing/fixture-writers';

const XYZ = (t: PlyType) => [{ name: 'x', type: t }, { name: 'y', type: t }, { name: 'z', type: t }];
const ENCODINGS = ['ascii', 'binary_little_endian', 'binary_big_endian'] as const;

function fileCoords(c: ReturnType<typeof parsePointCloud>, i: number): number[] {
  return [0, 1, 2].map((k) => c.positions[i * 3 + k] + c.offset[k]);
}

function expectError(bytes: Uint8Array, name: string, kind: PointCloudError['kind']): PointCloudError {
  let err: unknown;
  try {
    parsePointCloud(bytes, name);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PointCloudError);
  const e = err as PointCloudError;
  expect(e.kind).toBe(kind);
  expect(e.message).toContain(`"${name}"`);
  expect(e.message).not.toMatch(/TypeError|RangeError|undefined|DataView/);
  return e;
}

describe('PLY', () => {
  const types: PlyType[] = ['char', 'int8', 'uchar', 'uint8', 'short', 'int16', 'ushort', 'uint16', 'int', 'int32', 'uint', 'uint32', 'float', 'float32', 'double', 'float64'];
  for (const encoding of ENCODINGS)
    for (const t of types)
      it(`reads ${t} coordinates in ${encoding}`, () => {
        const rows = [[1, 2, 3], [4, 5, 6], [100, 0, 7]];
        const c = parsePointCloud(writePly({ encoding, elements: [{ name: 'vertex', props: XYZ(t), rows }] }), 'a.ply');
        expect(c.count).toBe(3);
        expect(c.encoding).toBe(encoding);
        expect(fileCoords(c, 2)).toEqual([100, 0, 7]);
        expect(c.bbox).toEqual({ min: [1, 0, 3], max: [100, 5, 7] });
      });

  for (const encoding of ENCODINGS)
    it(`skips faces before vertices, extra elements and lists of any count type (${encoding})`, () => {
      const spec: PlySpec = {
        encoding,
        comments: ['made by a scanner', 'second comment'],
        objInfo: ['num_cols 4', 'num_rows 2'],
        elements: [
          { name: 'face', props: [{ name: 'vertex_indices', type: 'int', list: 'uchar' }, { name: 'flags', type: 'char' }], rows: [[[0, 1, 2], 1], [[2, 1, 0, 3], -1]] },
          { name: 'camera', props: [{ name: 'view_px', type: 'float' }, { name: 'view_py', type: 'double' }], rows: [[1.5, 2.5]] },
          { name: 'range_grid', props: [{ name: 'vertex_indices', type: 'uint', list: 'ushort' }], rows: [[[]], [[0]], [[1, 2]], [[]]] },
          { name: 'vertex', props: [...XYZ('float'), { name: 'tags', type: 'short', list: 'uint' }, { name: 'confidence', type: 'float' }], rows: [[1, 2, 3, [7, 8], 0.5], [-1, -2, -3, [], 0.25]] },
          { name: 'tristrips', props: [{ name: 'vertex_indices', type: 'int', list: 'int' }], rows: [[[0, 1, -1, 1, 0]]] },
        ],
      };
      const c = parsePointCloud(writePly(spec), 'order.ply');
      expect(c.count).toBe(2);
      expect(fileCoords(c, 1)).toEqual([-1, -2, -3]);
      expect(Array.from(c.fields.confidence)).toEqual([0.5, 0.25]);
      expect(Object.keys(c.fields)).toEqual(['confidence']);
    });

  for (const encoding of ENCODINGS)
    it(`reads uchar and float colours, diffuse_* names, alpha, normals and extra scalars (${encoding})`, () => {
      const uchar = parsePointCloud(writePly({ encoding, elements: [{ name: 'vertex', props: [...XYZ('float'), { name: 'nx', type: 'float' }, { name: 'ny', type: 'float' }, { name: 'nz', type: 'float' }, { name: 'red', type: 'uchar' }, { name: 'green', type: 'uchar' }, { name: 'blue', type: 'uchar' }, { name: 'alpha', type: 'uchar' }, { name: 'intensity', type: 'ushort' }], rows: [[0, 0, 0, 0, 0, 1, 255, 128, 0, 200, 900], [1, 1, 1, 1, 0, 0, 1, 2, 3, 255, 7]] }] }), 'c.ply');
      expect(Array.from(uchar.colors!)).toEqual([255, 128, 0, 1, 2, 3]);
      expect(Array.from(uchar.normals!)).toEqual([0, 0, 1, 1, 0, 0]);
      expect(Array.from(uchar.fields.intensity)).toEqual([900, 7]);
      expect(uchar.fields.alpha).toBeUndefined();
      const float = parsePointCloud(writePly({ encoding, elements: [{ name: 'vertex', props: [{ name: 'diffuse_red', type: 'float' }, ...XYZ('double'), { name: 'diffuse_green', type: 'float' }, { name: 'diffuse_blue', type: 'float' }], rows: [[1, 5, 6, 7, 0.5, 0]] }] }), 'f.ply');
      expect(Array.from(float.colors!)).toEqual([255, 128, 0]);
    });

  it('accepts CRLF line ends in header and body', () => {
    const c = parsePointCloud(writePly({ encoding: 'ascii', crlf: true, elements: [{ name: 'vertex', props: XYZ('float'), rows: [[1, 2, 3], [4, 5, 6]] }] }), 'crlf.ply');
    expect(c.count).toBe(2);
    const b = parsePointCloud(writePly({ encoding: 'binary_little_endian', crlf: true, elements: [{ name: 'vertex', props: XYZ('float'), rows: [[13, 10, 13]] }] }), 'crlf-bin.ply');
    expect(fileCoords(b, 0)).toEqual([13, 10, 13]);
  });

  for (const encoding of ENCODINGS)
    it(`drops NaN and infinite points and counts them (${encoding})`, () => {
      const rows = [[1, 2, 3], [NaN, 0, 0], [0, Infinity, 0], [0, 0, -Infinity], [4, 5, 6]];
      const c = parsePointCloud(writePly({ encoding, elements: [{ name: 'vertex', props: [...XYZ('float'), { name: 'red', type: 'uchar' }, { name: 'green', type: 'uchar' }, { name: 'blue', type: 'uchar' }], rows: rows.map((r, i) => [...r, i, i, i]) }] }), 'nan.ply');
      expect(c.count).toBe(2);
      expect(c.droppedNonFinite).toBe(3);
      expect(Array.from(c.colors!)).toEqual([0, 0, 0, 4, 4, 4]);
      expect(c.bbox).toEqual({ min: [1, 2, 3], max: [4, 5, 6] });
    });

  it('re-centres large coordinates so float32 keeps millimetres', () => {
    const base = 4_500_000; // UTM-like metres
    const rows = [[base, base, 100], [base + 0.001, base + 0.002, 100.003], [base + 10, base + 10, 110]];
    const c = parsePointCloud(writePly({ encoding: 'binary_little_endian', elements: [{ name: 'vertex', props: XYZ('double'), rows }] }), 'utm.ply');
    expect(c.offset[0]).toBeCloseTo(base + 5, 6);
    for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) expect(Math.abs(fileCoords(c, i)[k] - rows[i][k])).toBeLessThan(1e-5);
    expect(c.bbox.min).toEqual([base, base, 100]);
  });
});

describe('PCD', () => {
  const xyz = [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }] as const;
  const DATA = ['ascii', 'binary', 'binary_compressed'] as const;

  for (const data of DATA)
    for (const version of ['.5', '0.6', '0.7'] as const)
      it(`reads VERSION ${version} ${data}${version === '.5' ? ' without VIEWPOINT' : ''}`, () => {
        const rows = [[1, 2, 3], [4, 5, 6], [-1, 0.5, 9]];
        const c = parsePointCloud(writePcd({ data, version, viewpoint: version !== '.5', fields: [...xyz], rows }), 'v.pcd');
        expect(c.count).toBe(3);
        expect(c.encoding).toBe(data);
        expect(c.bbox).toEqual({ min: [-1, 0.5, 3], max: [4, 5, 9] });
      });

  for (const data of DATA)
    it(`finds x y z anywhere and of any type, skips padding and multi-count fields (${data})`, () => {
      const fields = [
        { name: '_', size: 1, type: 'U', count: 3 },
        { name: 'label', size: 4, type: 'U' },
        { name: 'z', size: 8, type: 'F' },
        { name: 'descriptor', size: 4, type: 'F', count: 5 },
        { name: 'x', size: 2, type: 'I' },
        { name: 'intensity', size: 4, type: 'F' },
        { name: 'y', size: 1, type: 'U' },
      ] as const;
      const rows = [
        [0, 0, 0, 7, 1.25, 1, 2, 3, 4, 5, -300, 0.5, 200],
        [0, 0, 0, 9, -2.5, 0, 0, 0, 0, 0, 12, 0.75, 3],
      ];
      const c = parsePointCloud(writePcd({ data, fields: [...fields], rows }), 'mix.pcd');
      expect(c.count).toBe(2);
      expect(fileCoords(c, 0)).toEqual([-300, 200, 1.25]);
      expect(Array.from(c.fields.label)).toEqual([7, 9]);
      expect(Array.from(c.fields.intensity)).toEqual([0.5, 0.75]);
      expect(Object.keys(c.fields).sort()).toEqual(['intensity', 'label']);
    });

  for (const data of DATA)
    it(`reads colour from packed float rgb and uint rgba, and normals (${data})`, () => {
      const rgb = parsePointCloud(writePcd({ data, fields: [...xyz, { name: 'rgb', size: 4, type: 'F' }, { name: 'normal_x', size: 4, type: 'F' }, { name: 'normal_y', size: 4, type: 'F' }, { name: 'normal_z', size: 4, type: 'F' }], rows: [[0, 0, 0, packRgbFloat(10, 200, 30), 0, 1, 0]] }), 'rgb.pcd');
      expect(Array.from(rgb.colors!)).toEqual([10, 200, 30]);
      expect(Array.from(rgb.normals!)).toEqual([0, 1, 0]);
      const rgba = parsePointCloud(writePcd({ data, fields: [{ name: 'rgba', size: 4, type: 'U' }, ...xyz], rows: [[packRgbaUint(250, 5, 99, 128), 1, 1, 1]] }), 'rgba.pcd');
      expect(Array.from(rgba.colors!)).toEqual([250, 5, 99]);
    });

  for (const data of DATA)
    it(`reads organised clouds and drops their NaN points (${data})`, () => {
      const rows: number[][] = [];
      for (let r = 0; r < 3; r++) for (let col = 0; col < 4; col++) rows.push((r + col) % 3 === 0 ? [NaN, NaN, NaN] : [col, r, 1]);
      const c = parsePointCloud(writePcd({ data, width: 4, height: 3, fields: [...xyz], rows }), 'org.pcd');
      expect(c.grid).toEqual({ width: 4, height: 3 });
      expect(c.count + c.droppedNonFinite).toBe(12);
      expect(c.droppedNonFinite).toBe(4);
    });

  it('reads LZF streams made only of literal runs', () => {
    const c = parsePointCloud(writePcd({ data: 'binary_compressed', literalOnly: true, fields: [...xyz], rows: [[1, 2, 3], [3, 2, 1]] }), 'lit.pcd');
    expect(c.count).toBe(2);
  });

  it('decompresses LZF round trips with long back-references', () => {
    const rnd = seeded(3);
    const src = new Uint8Array(50_000);
    for (let i = 0; i < src.length; i++) src[i] = i % 1000 < 600 ? 7 : Math.floor(rnd() * 4);
    const packed = lzfCompress(src);
    expect(packed.length).toBeLessThan(src.length / 2);
    const out = new Uint8Array(src.length);
    expect(lzfDecompress(packed, 0, packed.length, out)).toBe(true);
    expect(out).toEqual(src);
  });
});

describe('bad input gets a sentence, never a raw error', () => {
  const good = writePly({ encoding: 'binary_little_endian', elements: [{ name: 'vertex', props: XYZ('float'), rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1]] }, { name: 'face', props: [{ name: 'vertex_indices', type: 'int', list: 'uchar' }], rows: [[[0, 1, 2]], [[1, 2, 3]]] }] });

  it('truncated binary PLY', () => {
    expectError(good.subarray(0, good.length - 5), 'cut.ply', 'truncated');
  });
  it('truncated ASCII PLY and PCD', () => {
    const ply = writePly({ encoding: 'ascii', elements: [{ name: 'vertex', props: XYZ('float'), rows: [[1.5, 2.5, 3.5], [4, 5, 6], [7, 8, 9]] }] });
    const e = expectError(ply.subarray(0, ply.length - 8), 'cut-ascii.ply', 'truncated');
    expect(e.message).toMatch(/cut short|ends/);
    const pcd = writePcd({ data: 'ascii', fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }], rows: [[1.5, 2.5, 3.5], [4, 5, 6], [7, 8, 9]] });
    expectError(pcd.subarray(0, pcd.length - 8), 'cut.pcd', 'truncated');
  });
  it('a header promising far more points than the file holds is refused before allocating', () => {
    const ply = writePly({ encoding: 'binary_little_endian', elements: [{ name: 'vertex', props: XYZ('float'), rows: [[1, 2, 3]], declaredCount: 2_000_000_000 }] });
    expect(expectError(ply, 'huge.ply', 'too-many-points').message).toContain('2,000,000,000');
    const pcd = writePcd({ data: 'binary', fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }], rows: [[1, 2, 3]], declaredPoints: 1_500_000_000 });
    expectError(pcd, 'huge.pcd', 'too-many-points');
    const asc = writePcd({ data: 'ascii', fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }], rows: [[1, 2, 3]], declaredPoints: 1_500_000_000 });
    expectError(asc, 'huge-ascii.pcd', 'too-many-points');
  });
  it('damaged compressed sizes are refused before allocating', () => {
    const pcd = writePcd({ data: 'binary_compressed', fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }], rows: [[1, 2, 3], [2, 3, 4]] });
    const bad = pcd.slice();
    const at = bad.length - (bad.length - new TextDecoder().decode(bad).indexOf('DATA binary_compressed\n') - 'DATA binary_compressed\n'.length) + 4;
    new DataView(bad.buffer).setUint32(at, 649_969_647, true);
    expectError(bad, 'mangled.pcd', 'damaged');
    const broken = pcd.slice();
    broken[broken.length - 3] ^= 0xff;
    broken[broken.length - 6] = 0xff;
    try {
      parsePointCloud(broken, 'flipped.pcd');
    } catch (e) {
      expect(e).toBeInstanceOf(PointCloudError);
    }
  });
  it('no x/y/z', () => {
    expect(expectError(writePcd({ data: 'binary', fields: [{ name: 'rgba', size: 4, type: 'U' }], rows: [[1]] }), 'image.pcd', 'no-xyz').message).toContain('rgba');
    expectError(writePly({ encoding: 'ascii', elements: [{ name: 'vertex', props: [{ name: 'x', type: 'float' }, { name: 'y', type: 'float' }], rows: [[1, 2]] }] }), 'flat.ply', 'no-xyz');
  });
  it('zero points, an empty file, a header without elements', () => {
    expectError(writePly({ encoding: 'ascii', elements: [{ name: 'vertex', props: XYZ('float'), rows: [] }] }), 'zero.ply', 'empty');
    expectError(writePcd({ data: 'binary', fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }], rows: [] }), 'zero.pcd', 'empty');
    expectError(new Uint8Array(0), 'nothing.ply', 'empty');
    expectError(new TextEncoder().encode('ply\nformat ascii 1.0\nend_header\n'), 'bare.ply', 'empty');
    expectError(writePly({ encoding: 'ascii', elements: [{ name: 'vertex', props: XYZ('float'), rows: [[NaN, 1, 1]] }] }), 'allnan.ply', 'empty');
  });
  it('unknown formats and headers', () => {
    expectError(new TextEncoder().encode('OFF\n3 1 0\n'), 'mesh.ply', 'unknown-format');
    expectError(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'photo.pcd', 'unknown-format');
    expectError(new TextEncoder().encode('ply\nformat binary_middle_endian 1.0\nend_header\n'), 'odd.ply', 'bad-header');
    expectError(new TextEncoder().encode('ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n'), 'nohead.ply', 'bad-header');
    expectError(new TextEncoder().encode('VERSION 0.7\nFIELDS x y z\nSIZE 4 4\nTYPE F F F\nDATA ascii\n'), 'odd.pcd', 'bad-header');
    expectError(new TextEncoder().encode('VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 1\nPOINTS 1\nDATA binary_lz4\n'), 'lz4.pcd', 'unknown-format');
  });
  it('damaged numbers in ASCII data', () => {
    const ply = new TextEncoder().encode('ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nend_header\n1 2 3\n4 x5 6\n');
    expect(expectError(ply, 'typo.ply', 'damaged').message).toContain('x5');
  });
  it('every truncation and byte flip of valid files ends in a cloud or a PointCloudError', () => {
    const files = [
      good,
      writePly({ encoding: 'binary_big_endian', elements: [{ name: 'face', props: [{ name: 'vertex_indices', type: 'int', list: 'uchar' }], rows: [[[0, 1, 2]]] }, { name: 'vertex', props: XYZ('double'), rows: [[1, 2, 3], [3, 4, 5]] }] }),
      writePly({ encoding: 'ascii', elements: [{ name: 'vertex', props: XYZ('float'), rows: [[1, 2, 3], [3, 4, 5]] }, { name: 'face', props: [{ name: 'vertex_indices', type: 'int', list: 'uchar' }], rows: [[[0, 1, 0]]] }] }),
      writePcd({ data: 'binary_compressed', fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }, { name: 'rgb', size: 4, type: 'F' }], rows: [[1, 2, 3, 0.5], [1, 2, 3, 0.5], [1, 2, 3, 0.5]] }),
      writePcd({ data: 'ascii', fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }], rows: [[1, 2, 3]] }),
    ];
    const rnd = seeded(11);
    for (const [fi, f] of files.entries()) {
      const variants: Uint8Array[] = [];
      for (let cut = 0; cut < f.length; cut++) variants.push(f.subarray(0, cut));
      for (let k = 0; k < 300; k++) {
        const v = f.slice();
        v[Math.floor(rnd() * v.length)] = Math.floor(rnd() * 256);
        variants.push(v);
      }
      for (const v of variants) {
        try {
          const c = parsePointCloud(v, `f${fi}.bin`);
          expect(c.count).toBeGreaterThan(0);
        } catch (e) {
          expect(e, String(e)).toBeInstanceOf(PointCloudError);
        }
      }
    }
  });
});
