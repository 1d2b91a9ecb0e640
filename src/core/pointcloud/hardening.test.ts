import { describe, expect, it } from 'vitest';
import { PointCloudError } from './errors';
import { parsePointCloud } from './parse-point-cloud';
import { writePcd, writePly } from './testing/fixture-writers';

const enc = new TextEncoder();

function refuse(bytes: Uint8Array, name: string): PointCloudError {
  try {
    parsePointCloud(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(PointCloudError);
    expect((e as Error).message).toContain(`"${name}"`);
    expect((e as Error).message).not.toMatch(/\d{16,}/);
    return e as PointCloudError;
  }
  throw new Error(`${name} was accepted`);
}

/** A small ASCII mesh whose one face has the list length `count`: the file that used to freeze the point-cloud worker. */
function meshWithFaceCount(count: string): Uint8Array {
  return enc.encode(['ply', 'format ascii 1.0', 'element vertex 3', 'property float x', 'property float y', 'property float z', 'element face 1', 'property list uchar int vertex_indices', 'end_header', '0 0 0', '1 0 0', '0 1 0', `${count} 0 1 2`, ''].join('\n'));
}

describe('counts a file cannot hold end in a sentence', () => {
  for (const count of ['inf', 'NaN', '1e10', '1e300', '4294967295', '-3', '2.5'])
    it(`an ASCII face list of length ${count}`, () => {
      const e = refuse(meshWithFaceCount(count), 'mesh.ply');
      expect(e.kind).toBe('damaged');
      expect(e.message).toMatch(/list length .*element "face"/);
    });

  it('names the element whose count is too large, not the points', () => {
    const spec = { encoding: 'binary_little_endian' as const, elements: [
      { name: 'vertex', props: [{ name: 'x', type: 'float' as const }, { name: 'y', type: 'float' as const }, { name: 'z', type: 'float' as const }], rows: [[0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 3, 3], [4, 4, 4]] },
      { name: 'face', props: [{ name: 'vertex_indices', type: 'int' as const, list: 'uchar' as const }], rows: [[[0, 1, 2]]], declaredCount: 4294967295 },
    ] };
    const e = refuse(writePly(spec), 'faces.ply');
    expect(e.kind).toBe('too-many-points');
    expect(e.message).toContain('4,294,967,295 items of its "face" element');
    expect(e.message).not.toContain('5 points');
  });

  it('prints a count of 1e300 short', () => {
    const b = enc.encode('ply\nformat ascii 1.0\nelement vertex 1e300\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n');
    expect(refuse(b, 'big.ply').message).toContain('a count of 1e300 for its "vertex" element');
  });

  it('refuses a compressed PCD that asks for 4 GB before allocating it', () => {
    const good = writePcd({ data: 'binary_compressed', fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }, { name: 'i', size: 4, type: 'F' }], rows: [[1, 2, 3, 4]] });
    const text = new TextDecoder('latin1').decode(good);
    const body = good.subarray(text.indexOf('DATA binary_compressed\n') + 'DATA binary_compressed\n'.length);
    const header = text.slice(0, text.indexOf('DATA')).replace(/WIDTH \d+/, 'WIDTH 268435455').replace(/POINTS \d+/, 'POINTS 268435455');
    const sized = body.slice();
    new DataView(sized.buffer).setUint32(4, 268435455 * 16, true);
    const bytes = new Uint8Array([...enc.encode(`${header}DATA binary_compressed\n`), ...sized]);
    expect(bytes.length).toBeLessThan(400);
    const e = refuse(bytes, 'bomb.pcd');
    expect(e.kind).toBe('damaged');
    expect(e.message).toMatch(/4,294,967,280 bytes\), more than \d+ bytes of compressed data can unpack to/);
  });

  it('reads a file with a property-less element of any count', () => {
    const b = enc.encode('ply\nformat ascii 1.0\nelement marker 9000000000000000\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n1 2 3\n');
    expect(parsePointCloud(b, 'markers.ply').count).toBe(2);
  });

  it('drops points with coordinates too large for float32 instead of returning Infinity', () => {
    const c = parsePointCloud(writePly({ encoding: 'binary_little_endian', elements: [{ name: 'vertex', props: [{ name: 'x', type: 'double' }, { name: 'y', type: 'double' }, { name: 'z', type: 'double' }], rows: [[1e300, 0, 0], [-3e38, 1, 1], [1, 2, 3], [4, 5, 6]] }] }), 'far.ply');
    expect(c.count).toBe(2);
    expect(c.droppedNonFinite).toBe(2);
    expect(Array.from(c.positions).every(Number.isFinite)).toBe(true);
  });
});
