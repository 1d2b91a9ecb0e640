import { AsciiNumbers, floatBits } from './ascii-numbers';
import { CloudBuilder } from './cloud-builder';
import { formatCount as fmt, isCount } from './counts';
import { tokenText } from '@/core/number-text';
import { PointCloudError } from './errors';
import { readFloatRows } from './float-rows';
import { lzfDecompress, lzfMaxOutput } from './lzf';
import { Scalar, readScalar } from './scalar-types';
import type { PointCloud } from './types';

export type PcdData = 'ascii' | 'binary' | 'binary_compressed';

export interface PcdField {
  name: string;
  size: number;
  type: 'F' | 'I' | 'U';
  count: number;
  scalar: Scalar;
  /** Byte offset inside one point (point-major layout). */
  offset: number;
}

export interface PcdHeader {
  version: string;
  fields: PcdField[];
  width: number;
  height: number;
  points: number;
  data: PcdData;
  /** Sum of size × count over fields. */
  stride: number;
  bodyStart: number;
}

const LATIN1 = new TextDecoder('latin1');
const KEYS = new Set(['VERSION', 'FIELDS', 'COLUMNS', 'SIZE', 'TYPE', 'COUNT', 'WIDTH', 'HEIGHT', 'VIEWPOINT', 'POINTS', 'DATA']);

function scalarOf(type: string, size: number): Scalar | undefined {
  if (type === 'F') return size === 4 ? Scalar.F32 : size === 8 ? Scalar.F64 : undefined;
  if (type === 'I') return ({ 1: Scalar.I8, 2: Scalar.I16, 4: Scalar.I32, 8: Scalar.I64 } as Record<number, Scalar>)[size];
  if (type === 'U') return ({ 1: Scalar.U8, 2: Scalar.U16, 4: Scalar.U32, 8: Scalar.U64 } as Record<number, Scalar>)[size];
  return undefined;
}

export function looksLikePcd(b: Uint8Array): boolean {
  const head = LATIN1.decode(b.subarray(0, Math.min(b.length, 512)));
  return /^(\s*#[^\n]*\n)*\s*(VERSION|FIELDS|COLUMNS)\b/.test(head);
}

export function parsePcdHeader(b: Uint8Array, file: string): PcdHeader {
  const values: Record<string, string[]> = {};
  let p = 0;
  let bodyStart = -1;
  const limit = Math.min(b.length, 1 << 16);
  while (p < limit) {
    let e = p;
    while (e < b.length && b[e] !== 10) e++;
    const line = LATIN1.decode(b.subarray(p, e)).replace(/\r$/, '').trim();
    p = e + 1;
    if (!line || line.startsWith('#')) continue;
    const t = line.split(/\s+/);
    const key = t[0].toUpperCase();
    if (!KEYS.has(key)) throw new PointCloudError('bad-header', file, `has an unexpected PCD header line "${line.slice(0, 60)}".`);
    values[key === 'COLUMNS' ? 'FIELDS' : key] = t.slice(1);
    if (key === 'DATA') {
      bodyStart = Math.min(p, b.length);
      break;
    }
  }
  if (bodyStart < 0) throw new PointCloudError('bad-header', file, 'has no "DATA" line: the PCD header is incomplete or the file is cut short.');
  const names = values.FIELDS ?? [];
  if (!names.length) throw new PointCloudError('bad-header', file, 'has no FIELDS line in its PCD header.');
  const sizes = (values.SIZE ?? names.map(() => '4')).map(Number);
  const types = values.TYPE ?? names.map(() => 'F');
  const counts = (values.COUNT ?? names.map(() => '1')).map(Number);
  if (sizes.length !== names.length || types.length !== names.length || counts.length !== names.length)
    throw new PointCloudError('bad-header', file, `lists ${names.length} FIELDS but ${sizes.length} SIZE, ${types.length} TYPE and ${counts.length} COUNT entries; the header is inconsistent.`);
  const fields: PcdField[] = [];
  let stride = 0;
  for (let i = 0; i < names.length; i++) {
    const type = types[i].toUpperCase() as PcdField['type'];
    const scalar = scalarOf(type, sizes[i]);
    if (scalar === undefined || !isCount(counts[i]) || counts[i] < 1)
      throw new PointCloudError('bad-header', file, `declares field "${tokenText(names[i])}" with an unsupported size/type/count (${fmt(sizes[i])} ${tokenText(types[i])} ${fmt(counts[i])}).`);
    fields.push({ name: names[i], size: sizes[i], type, count: counts[i], scalar, offset: stride });
    stride += sizes[i] * counts[i];
  }
  const width = Number(values.WIDTH?.[0] ?? NaN);
  const height = Number(values.HEIGHT?.[0] ?? 1);
  const points = Number(values.POINTS?.[0] ?? width * height);
  if (!isCount(points)) {
    const said = values.POINTS?.[0] ?? (values.WIDTH ? `${values.WIDTH[0]} × ${values.HEIGHT?.[0] ?? 1}` : undefined);
    throw new PointCloudError('bad-header', file, said === undefined ? 'has no valid POINTS (or WIDTH × HEIGHT) in its PCD header.' : `declares a point count of ${Number.isFinite(points) ? fmt(points) : tokenText(said)}; it must be a whole number from 0 up.`);
  }
  const data = (values.DATA?.[0] ?? '').toLowerCase();
  if (data !== 'ascii' && data !== 'binary' && data !== 'binary_compressed')
    throw new PointCloudError('unknown-format', file, `uses PCD data encoding "${values.DATA?.[0] ?? ''}", which is not ascii, binary or binary_compressed.`);
  return {
    version: values.VERSION?.[0] ?? '',
    fields,
    // The grid is only believed when it matches the point count: it is metadata, never a size to allocate.
    width: isCount(width) && isCount(height) && width * height === points ? width : points,
    height: isCount(width) && isCount(height) && width * height === points ? height : 1,
    points,
    data,
    stride,
    bodyStart,
  };
}

interface PcdPlan {
  x: PcdField;
  y: PcdField;
  z: PcdField;
  color?: PcdField;
  normals?: [PcdField, PcdField, PcdField];
  scalars: PcdField[];
}

function plan(h: PcdHeader, file: string): PcdPlan {
  const get = (n: string) => h.fields.find((f) => f.name === n && f.count === 1);
  const x = get('x'), y = get('y'), z = get('z');
  if (!x || !y || !z) {
    const list = h.fields.map((f) => f.name).join(', ');
    throw new PointCloudError('no-xyz', file, `has no x, y and z fields (it has: ${list}), so it holds no 3D points; it may be an image or descriptors saved as PCD.`);
  }
  const color = h.fields.find((f) => (f.name === 'rgb' || f.name === 'rgba') && f.count === 1 && f.size === 4);
  const nx = get('normal_x'), ny = get('normal_y'), nz = get('normal_z');
  const normals = nx && ny && nz ? ([nx, ny, nz] as [PcdField, PcdField, PcdField]) : undefined;
  const taken = new Set([x, y, z, color, nx, ny, nz]);
  const scalars = h.fields.filter((f) => !taken.has(f) && f.count === 1 && f.name !== '_' && !f.name.startsWith('_'));
  return { x, y, z, color, normals, scalars };
}

export function parsePcd(b: Uint8Array, file: string): PointCloud {
  const h = parsePcdHeader(b, file);
  const pl = plan(h, file);
  if (h.points === 0) throw new PointCloudError('empty', file, 'declares 0 points, so there is nothing to show.');
  const remaining = b.length - h.bodyStart;
  const grid = h.height > 1 ? { width: h.width, height: h.height } : undefined;
  const builder = () =>
    new CloudBuilder(h.points, { colors: !!pl.color, normals: !!pl.normals, fieldNames: pl.scalars.map((f) => f.name) });
  let cloud: PointCloud;
  if (h.data === 'ascii') {
    const tokens = h.fields.reduce((s, f) => s + f.count, 0);
    if (h.points * tokens * 2 - 1 > remaining) throw tooMany(file, h.points, h.points * tokens * 2, remaining);
    cloud = readAscii(b, h, pl, builder(), file).finish({ format: 'pcd', encoding: 'ascii', grid });
  } else if (h.data === 'binary') {
    const need = h.points * h.stride;
    if (need > remaining) throw tooMany(file, h.points, need, remaining);
    const dv = new DataView(b.buffer, b.byteOffset + h.bodyStart, need);
    cloud = readBinary(dv, h, pl, builder(), h.stride, (f) => f.offset, 0).finish({ format: 'pcd', encoding: 'binary', grid });
  } else {
    if (remaining < 8) throw new PointCloudError('truncated', file, 'ends right after its header: the compressed data is missing.');
    const sizes = new DataView(b.buffer, b.byteOffset + h.bodyStart, 8);
    const compressed = sizes.getUint32(0, true);
    const uncompressed = sizes.getUint32(4, true);
    const need = h.points * h.stride;
    // All checked before allocating: a damaged size word or header must not cost gigabytes.
    if (uncompressed !== need)
      throw new PointCloudError('damaged', file, `is damaged: its compressed block says it unpacks to ${fmt(uncompressed)} bytes, but ${fmt(h.points)} points of ${fmt(h.stride)} bytes need ${fmt(need)}.`);
    if (compressed + 8 > remaining)
      throw new PointCloudError('truncated', file, `is cut short: its compressed block needs ${fmt(compressed)} bytes but only ${fmt(remaining - 8)} follow the header.`);
    if (need > lzfMaxOutput(compressed))
      throw new PointCloudError('damaged', file, `is damaged: its header declares ${fmt(h.points)} points (${fmt(need)} bytes), more than ${fmt(compressed)} bytes of compressed data can unpack to.`);
    const out = new Uint8Array(need);
    const start = h.bodyStart + 8;
    if (!lzfDecompress(b, start, start + compressed, out))
      throw new PointCloudError('damaged', file, 'is damaged: its compressed (LZF) data does not unpack to the size the header declares.');
    const dv = new DataView(out.buffer);
    // Field-major: all values of field 1, then all of field 2 …
    cloud = readBinary(dv, h, pl, builder(), 0, (f) => f.offset * h.points, 1).finish({ format: 'pcd', encoding: 'binary_compressed', grid });
  }
  if (cloud.count === 0)
    throw new PointCloudError('empty', file, `has ${fmt(h.points)} points but none with finite x, y and z; there is nothing to show.`);
  return cloud;
}

function tooMany(file: string, points: number, need: number, have: number): PointCloudError {
  if (need > 2 * have + 1024)
    return new PointCloudError('too-many-points', file, `declares ${fmt(points)} points, but the file is far too small to hold them (at least ${fmt(need)} bytes of data needed, ${fmt(have)} present); the header is wrong or the file is damaged.`);
  return new PointCloudError('truncated', file, `is cut short: its header needs at least ${fmt(need)} bytes of data but only ${fmt(have)} follow the header. Copy or export the file again.`);
}

/**
 * Reads point-major (`stride` > 0) or field-major (`stride` 0, `fieldMajor` 1) data: the value
 * of field f for point i is at `base(f) + i * (stride || f.size)`.
 */
function readBinary(dv: DataView, h: PcdHeader, pl: PcdPlan, builder: CloudBuilder, stride: number, base: (f: PcdField) => number, fieldMajor: 0 | 1): CloudBuilder {
  const step = (f: PcdField) => (fieldMajor ? f.size * f.count : stride);
  const n = h.points;
  const bx = base(pl.x), by = base(pl.y), bz = base(pl.z);
  const sx = step(pl.x), sy = step(pl.y), sz = step(pl.z);
  const tx = pl.x.scalar, ty = pl.y.scalar, tz = pl.z.scalar;
  const col = pl.color;
  const bc = col ? base(col) : 0, sc = col ? step(col) : 0;
  const colors = builder.colors;
  const normals = builder.normals;
  const nf = pl.normals;
  const nb = nf?.map(base), ns = nf?.map(step);
  const sf = pl.scalars.map((f) => ({ arr: builder.fields[f.name], b: base(f), s: step(f), t: f.scalar }));
  const allF32 = tx === Scalar.F32 && ty === Scalar.F32 && tz === Scalar.F32;
  const u8 = new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength);
  // PCL packs 0x00RRGGBB (rgb) or 0xAARRGGBB (rgba) little-endian: bytes B G R A.
  const rgb: [number, number, number] | undefined = col ? [bc + 2, bc + 1, bc] : undefined;
  if (allF32 && sx === sy && sy === sz && (!col || sc === sx) && readFloatRows({ bytes: u8, count: n, stride: sx, xyz: [bx, by, bz], rgb }, builder)) {
    // No point was dropped, so point i is output point i; other channels follow one at a time.
    if (normals) for (let c = 0; c < 3; c++) for (let i = 0; i < n; i++) normals[i * 3 + c] = readScalar(dv, nb![c] + i * ns![c], nf![c].scalar, true);
    for (const f of sf) for (let i = 0; i < n; i++) f.arr[i] = readScalar(dv, f.b + i * f.s, f.t, true);
    return builder;
  }
  for (let i = 0; i < n; i++) {
    const j = allF32
      ? builder.add(dv.getFloat32(bx + i * sx, true), dv.getFloat32(by + i * sy, true), dv.getFloat32(bz + i * sz, true))
      : builder.add(readScalar(dv, bx + i * sx, tx, true), readScalar(dv, by + i * sy, ty, true), readScalar(dv, bz + i * sz, tz, true));
    if (j < 0) continue;
    if (colors) {
      const o = bc + i * sc;
      colors[j * 3] = dv.getUint8(o + 2);
      colors[j * 3 + 1] = dv.getUint8(o + 1);
      colors[j * 3 + 2] = dv.getUint8(o);
    }
    if (normals) {
      for (let c = 0; c < 3; c++) normals[j * 3 + c] = readScalar(dv, nb![c] + i * ns![c], nf![c].scalar, true);
    }
    for (let k = 0; k < sf.length; k++) {
      const f = sf[k];
      f.arr[j] = readScalar(dv, f.b + i * f.s, f.t, true);
    }
  }
  return builder;
}

function readAscii(b: Uint8Array, h: PcdHeader, pl: PcdPlan, builder: CloudBuilder, file: string): CloudBuilder {
  const rd = new AsciiNumbers(b, h.bodyStart);
  // Value slot of each field within a point's tokens.
  const slot = new Map<PcdField, number>();
  let tokens = 0;
  for (const f of h.fields) {
    slot.set(f, tokens);
    tokens += f.count;
  }
  const vals = new Float64Array(tokens);
  const sx = slot.get(pl.x)!, sy = slot.get(pl.y)!, sz = slot.get(pl.z)!;
  const col = pl.color;
  const sc = col ? slot.get(col)! : -1;
  const colorIsFloat = col?.type === 'F';
  const ns = pl.normals?.map((f) => slot.get(f)!);
  const sf = pl.scalars.map((f) => ({ arr: builder.fields[f.name], s: slot.get(f)! }));
  const colors = builder.colors;
  const normals = builder.normals;
  for (let i = 0; i < h.points; i++) {
    for (let k = 0; k < tokens; k++) vals[k] = rd.next();
    if (rd.done)
      throw new PointCloudError('truncated', file, `ends after ${fmt(i)} of the ${fmt(h.points)} points its header declares; the file is cut short.`);
    const j = builder.add(vals[sx], vals[sy], vals[sz]);
    if (j < 0) continue;
    if (colors) {
      const v = vals[sc];
      const bits = colorIsFloat ? floatBits(v) : v >>> 0;
      colors[j * 3] = (bits >>> 16) & 255;
      colors[j * 3 + 1] = (bits >>> 8) & 255;
      colors[j * 3 + 2] = bits & 255;
    }
    if (normals) for (let c = 0; c < 3; c++) normals[j * 3 + c] = vals[ns![c]];
    for (let k = 0; k < sf.length; k++) sf[k].arr[j] = vals[sf[k].s];
  }
  if (rd.badToken !== undefined) throw new PointCloudError('damaged', file, `holds "${rd.badToken}" where a number was expected; the file is damaged.`);
  return builder;
}
