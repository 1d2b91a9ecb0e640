import type { CloudBuilder } from './cloud-builder';
import { simdRows } from './float-rows-simd';

/**
 * The layout nearly every binary scan uses: x y z as little-endian float32, value i of a channel
 * at `base + i * stride`. Point-major files (PLY, PCD binary) have one stride for every channel;
 * PCD binary_compressed unpacks field-major, which is the same with stride 4 and far-apart bases.
 */
export interface FloatRows {
  bytes: Uint8Array;
  count: number;
  stride: number;
  /** Byte offsets in `bytes` of point 0's x, y and z. */
  xyz: [number, number, number];
  /** Byte offsets of point 0's red, green and blue bytes (colours stored as 8-bit channels). */
  rgb?: [number, number, number];
}

/** Coordinates beyond ±1e18 count as damaged, as in `CloudBuilder.add`. */
const MAX_COORD = 1e18;

/**
 * Reads the positions (and 8-bit colours) of `rows` into the builder in two passes: the bounding
 * box first, then every coordinate minus the box centre, so nothing is shifted twice. The SIMD
 * kernel takes the common layouts; the plain loop (`simd: false` forces it) uses DataView reads,
 * which the engine inlines: as fast here as a Float32Array view, with no aligned copy of the body.
 * Returns false, having written nothing, when any point is non-finite or out of range: the caller
 * then takes the point-by-point path that drops such points.
 */
export function readFloatRows(rows: FloatRows, builder: CloudBuilder, opts: { simd?: boolean } = {}): boolean {
  const simd = opts.simd === false ? null : simdRows(rows, Boolean(builder.colors));
  const box = simd ? simd.box() : floatBox(rows);
  if (!box) return false;
  const [x0, y0, z0, x1, y1, z1] = box;
  // Math.min and Math.max carry a NaN through, so one test on the box covers every point.
  if (!(x0 >= -MAX_COORD && x1 <= MAX_COORD && y0 >= -MAX_COORD && y1 <= MAX_COORD && z0 >= -MAX_COORD && z1 <= MAX_COORD)) return false;
  const centre: [number, number, number] = [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2];
  if (simd) simd.write(centre, builder.positions, builder.colors);
  else writeCentred(rows, builder.positions, builder.colors, centre);
  builder.adopt(rows.count, centre, [x0, y0, z0], [x1, y1, z1]);
  return true;
}

// One row pointer and loop-invariant offsets: fewer live values in the loop than a pointer per channel.
function floatBox({ bytes, count: n, stride, xyz }: FloatRows): number[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [ox, oy, oz] = xyz;
  let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
  for (let row = 0, end = n * stride; row < end; row += stride) {
    const x = dv.getFloat32(row + ox, true), y = dv.getFloat32(row + oy, true), z = dv.getFloat32(row + oz, true);
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
    z0 = Math.min(z0, z);
    z1 = Math.max(z1, z);
  }
  return [x0, y0, z0, x1, y1, z1];
}

function writeCentred({ bytes, count: n, stride, xyz, rgb }: FloatRows, pos: Float32Array, col: Uint8Array | undefined, [cx, cy, cz]: number[]) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [ox, oy, oz] = xyz;
  if (col && rgb) {
    const [or, og, ob] = rgb;
    for (let o = 0, row = 0; o < 3 * n; o += 3, row += stride) {
      pos[o] = dv.getFloat32(row + ox, true) - cx;
      pos[o + 1] = dv.getFloat32(row + oy, true) - cy;
      pos[o + 2] = dv.getFloat32(row + oz, true) - cz;
      col[o] = bytes[row + or];
      col[o + 1] = bytes[row + og];
      col[o + 2] = bytes[row + ob];
    }
    return;
  }
  for (let o = 0, row = 0; o < 3 * n; o += 3, row += stride) {
    pos[o] = dv.getFloat32(row + ox, true) - cx;
    pos[o + 1] = dv.getFloat32(row + oy, true) - cy;
    pos[o + 2] = dv.getFloat32(row + oz, true) - cz;
  }
}
