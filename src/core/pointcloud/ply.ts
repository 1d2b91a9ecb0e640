import { AsciiNumbers } from './ascii-numbers';
import { CloudBuilder } from './cloud-builder';
import { readFloatRows } from './float-rows';
import { formatCount as fmt, isCount } from './counts';
import { tokenText } from '@/core/number-text';
import { PointCloudError } from './errors';
import { Scalar, SCALAR_SIZE, readScalar, toByte } from './scalar-types';
import type { PointCloud } from './types';

const PLY_TYPES: Record<string, Scalar> = {
  char: Scalar.I8, int8: Scalar.I8,
  uchar: Scalar.U8, uint8: Scalar.U8,
  short: Scalar.I16, int16: Scalar.I16,
  ushort: Scalar.U16, uint16: Scalar.U16,
  int: Scalar.I32, int32: Scalar.I32,
  uint: Scalar.U32, uint32: Scalar.U32,
  float: Scalar.F32, float32: Scalar.F32,
  double: Scalar.F64, float64: Scalar.F64,
};

interface PlyProperty {
  name: string;
  type: Scalar;
  /** Set for `property list <countType> <type> name`. */
  countType?: Scalar;
}

interface PlyElement {
  name: string;
  count: number;
  props: PlyProperty[];
}

export type PlyEncoding = 'ascii' | 'binary_little_endian' | 'binary_big_endian';

export interface PlyHeader {
  encoding: PlyEncoding;
  elements: PlyElement[];
  /** Byte offset of the body. */
  bodyStart: number;
}

const LATIN1 = new TextDecoder('latin1');
const MAX_HEADER_BYTES = 1 << 20;

function findEndHeader(b: Uint8Array): number {
  const limit = Math.min(b.length, MAX_HEADER_BYTES);
  // "end_header" then LF or CR LF
  outer: for (let i = 0; i + 10 <= limit; i++) {
    if (b[i] !== 101 /* e */) continue;
    const s = 'end_header';
    for (let k = 1; k < 10; k++) if (b[i + k] !== s.charCodeAt(k)) continue outer;
    if (i > 0 && b[i - 1] !== 10 && b[i - 1] !== 13) continue;
    let p = i + 10;
    while (p < b.length && (b[p] === 32 || b[p] === 9)) p++;
    if (b[p] === 13) p++;
    if (b[p] === 10) p++;
    else if (p < b.length) continue;
    return p;
  }
  return -1;
}

export function parsePlyHeader(b: Uint8Array, file: string): PlyHeader {
  const bodyStart = findEndHeader(b);
  if (bodyStart < 0) throw new PointCloudError('bad-header', file, 'has no "end_header" line: the PLY header is incomplete or the file is cut short.');
  const lines = LATIN1.decode(b.subarray(0, bodyStart)).split(/\r?\n|\r/);
  let encoding: PlyEncoding | undefined;
  const elements: PlyElement[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const t = line.split(/\s+/);
    switch (t[0]) {
      case 'ply':
      case 'comment':
      case 'obj_info':
      case 'end_header':
        break;
      case 'format':
        if (t[1] !== 'ascii' && t[1] !== 'binary_little_endian' && t[1] !== 'binary_big_endian')
          throw new PointCloudError('bad-header', file, `declares an unknown PLY format "${t[1] ?? ''}"; expected ascii, binary_little_endian or binary_big_endian.`);
        encoding = t[1];
        break;
      case 'element': {
        if (!t[1] || t[2] === undefined)
          throw new PointCloudError('bad-header', file, `has a malformed PLY header line "${line.slice(0, 60)}".`);
        const count = Number(t[2]);
        // Infinity, NaN, 1e300 and fractions are refused here, before any loop or allocation sees them.
        if (!isCount(count)) {
          const shown = Number.isFinite(count) ? fmt(count) : tokenText(t[2]);
          throw new PointCloudError('bad-header', file, `declares a count of ${shown} for its "${tokenText(t[1])}" element; a count must be a whole number from 0 up.`);
        }
        elements.push({ name: t[1], count, props: [] });
        break;
      }
      case 'property': {
        const el = elements[elements.length - 1];
        if (!el) throw new PointCloudError('bad-header', file, `has a PLY property before any element ("${line.slice(0, 60)}").`);
        if (t[1] === 'list') {
          const ct = PLY_TYPES[t[2]];
          const it = PLY_TYPES[t[3]];
          if (ct === undefined || it === undefined || !t[4])
            throw new PointCloudError('bad-header', file, `has a PLY list property with an unknown type ("${line.slice(0, 60)}").`);
          el.props.push({ name: t[4], type: it, countType: ct });
        } else {
          const ty = PLY_TYPES[t[1]];
          if (ty === undefined || !t[2])
            throw new PointCloudError('bad-header', file, `has a PLY property of unknown type "${t[1] ?? ''}".`);
          el.props.push({ name: t[2], type: ty });
        }
        break;
      }
      default:
        // Unknown header keywords are tolerated, as most readers do.
        break;
    }
  }
  if (!encoding) throw new PointCloudError('bad-header', file, 'has no "format" line in its PLY header.');
  return { encoding, elements, bodyStart };
}

const COLOR_NAMES: Record<string, 0 | 1 | 2> = { red: 0, green: 1, blue: 2, diffuse_red: 0, diffuse_green: 1, diffuse_blue: 2, r: 0, g: 1, b: 2 };
const NORMAL_NAMES: Record<string, 0 | 1 | 2> = { nx: 0, ny: 1, nz: 2, normal_x: 0, normal_y: 1, normal_z: 2 };
const SKIPPED = new Set(['alpha', 'diffuse_alpha', 'a']);

/** What each vertex property becomes in the output. */
const enum Role {
  X, Y, Z, Color, Normal, Field, Skip,
}

interface VertexPlan {
  roles: Role[];
  /** Channel (0–2) for colours and normals; field name for fields. */
  channel: number[];
  fieldNames: string[];
  hasColor: boolean;
  hasNormals: boolean;
}

function planVertex(el: PlyElement, file: string): VertexPlan {
  const names = el.props.map((p) => p.name);
  for (const axis of ['x', 'y', 'z']) {
    const p = el.props.find((q) => q.name === axis);
    if (!p) throw new PointCloudError('no-xyz', file, `has a "${el.name}" element without a "${axis}" property (it has: ${names.join(', ') || 'none'}); a point cloud needs x, y and z.`);
    if (p.countType !== undefined) throw new PointCloudError('bad-header', file, `declares "${axis}" as a list; coordinates must be single numbers.`);
  }
  const colorChannels = el.props.filter((p) => p.countType === undefined && p.name in COLOR_NAMES).map((p) => COLOR_NAMES[p.name]);
  const hasColor = [0, 1, 2].every((c) => colorChannels.includes(c as 0));
  const normalChannels = el.props.filter((p) => p.countType === undefined && p.name in NORMAL_NAMES).map((p) => NORMAL_NAMES[p.name]);
  const hasNormals = [0, 1, 2].every((c) => normalChannels.includes(c as 0));
  const roles: Role[] = [];
  const channel: number[] = [];
  const fieldNames: string[] = [];
  for (const p of el.props) {
    if (p.countType !== undefined) {
      roles.push(Role.Skip);
      channel.push(0);
    } else if (p.name === 'x' || p.name === 'y' || p.name === 'z') {
      roles.push(p.name === 'x' ? Role.X : p.name === 'y' ? Role.Y : Role.Z);
      channel.push(0);
    } else if (hasColor && p.name in COLOR_NAMES) {
      roles.push(Role.Color);
      channel.push(COLOR_NAMES[p.name]);
    } else if (hasNormals && p.name in NORMAL_NAMES) {
      roles.push(Role.Normal);
      channel.push(NORMAL_NAMES[p.name]);
    } else if (SKIPPED.has(p.name) || fieldNames.includes(p.name)) {
      roles.push(Role.Skip);
      channel.push(0);
    } else {
      roles.push(Role.Field);
      channel.push(fieldNames.length);
      fieldNames.push(p.name);
    }
  }
  return { roles, channel, fieldNames, hasColor, hasNormals };
}

function findVertexElement(h: PlyHeader, file: string): PlyElement {
  const el =
    h.elements.find((e) => e.name === 'vertex') ??
    h.elements.find((e) => e.name === 'vertices' || e.name === 'point' || e.name === 'points') ??
    h.elements.find((e) => ['x', 'y', 'z'].every((a) => e.props.some((p) => p.name === a)));
  if (!el) {
    const list = h.elements.map((e) => e.name).join(', ');
    throw new PointCloudError('empty', file, h.elements.length ? `has no vertex element (it has: ${list}), so it holds no points.` : 'declares no elements at all, so it holds no points.');
  }
  return el;
}

/** Smallest number of bytes an element can take in a binary body (lists of length 0). */
function minBinarySize(el: PlyElement): number {
  let s = 0;
  for (const p of el.props) s += SCALAR_SIZE[p.countType ?? p.type];
  return s;
}

export function parsePly(b: Uint8Array, file: string): PointCloud {
  const h = parsePlyHeader(b, file);
  const vEl = findVertexElement(h, file);
  const plan = planVertex(vEl, file);
  if (vEl.count === 0) throw new PointCloudError('empty', file, 'declares 0 vertices, so there are no points to show.');
  checkRoom(h, vEl, b.length - h.bodyStart, file);
  return h.encoding === 'ascii' ? parsePlyAscii(b, h, vEl, plan, file) : parsePlyBinary(b, h, vEl, plan, file);
}

/** Fewest bytes one item of an element takes: in ASCII a digit and a separator per value, in binary lists of length 0. */
function minItemBytes(el: PlyElement, ascii: boolean): number {
  return ascii ? el.props.length * 2 : minBinarySize(el);
}

/**
 * Every element's count is weighed against the bytes after the header before anything is read
 * or allocated, and the first element that cannot fit is the one named.
 */
function checkRoom(h: PlyHeader, vEl: PlyElement, have: number, file: string) {
  const ascii = h.encoding === 'ascii';
  let need = 0;
  for (const el of h.elements) {
    need += el.count * minItemBytes(el, ascii);
    // The last ASCII value needs no separator after it.
    if (need - (ascii ? 1 : 0) > have) throw tooMany(file, el, el === vEl, need, have);
  }
}

function tooMany(file: string, el: PlyElement, isVertex: boolean, need: number, have: number): PointCloudError {
  if (need > 2 * have + 1024) {
    const what = isVertex ? `${fmt(el.count)} points` : `${fmt(el.count)} items of its "${tokenText(el.name)}" element`;
    return new PointCloudError('too-many-points', file, `declares ${what}, but the file is far too small to hold them (at least ${fmt(need)} bytes of data needed, ${fmt(have)} present); the header is wrong or the file is damaged.`);
  }
  return new PointCloudError('truncated', file, `is cut short: its header needs at least ${fmt(need)} bytes of data but only ${fmt(have)} follow the header. Copy or export the file again.`);
}

/** A list length that is not a whole number, or longer than the rest of the file can hold. */
function badListLength(file: string, el: PlyElement, i: number, n: number): PointCloudError {
  const what = isCount(n) ? `a list length of ${fmt(n)}, more than the rest of the file can hold,` : `an invalid list length (${fmt(n)})`;
  return new PointCloudError('damaged', file, `has ${what} in element "${tokenText(el.name)}" (item ${fmt(i + 1)}); the file is damaged.`);
}

function parsePlyBinary(b: Uint8Array, h: PlyHeader, vEl: PlyElement, plan: VertexPlan, file: string): PointCloud {
  const le = h.encoding === 'binary_little_endian';
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const end = b.length;
  let off = h.bodyStart;
  let cloud: PointCloud | undefined;
  const truncated = (el: PlyElement, i: number) =>
    new PointCloudError('truncated', file, `ends in the middle of its data (element "${el.name}", item ${fmt(i + 1)} of ${fmt(el.count)}); the file is cut short or damaged.`);
  /** Reads a list's length at `off` and returns the offset after the list; the length is checked against the bytes left. */
  const skipList = (p: PlyProperty, el: PlyElement, i: number): number => {
    const ct = p.countType!;
    if (off + SCALAR_SIZE[ct] > end) throw truncated(el, i);
    const n = readScalar(dv, off, ct, le);
    if (!isCount(n)) throw badListLength(file, el, i, n);
    const bytes = n * SCALAR_SIZE[p.type];
    const left = end - off - SCALAR_SIZE[ct];
    if (bytes > left) throw bytes > 2 * left + 1024 ? badListLength(file, el, i, n) : truncated(el, i);
    return off + SCALAR_SIZE[ct] + bytes;
  };
  for (const el of h.elements) {
    const hasList = el.props.some((p) => p.countType !== undefined);
    if (el === vEl) {
      const builder = new CloudBuilder(el.count, { colors: plan.hasColor, normals: plan.hasNormals, fieldNames: plan.fieldNames });
      if (!hasList) {
        off = readFixedVertices(b, dv, off, el, plan, builder, le);
      } else {
        for (let i = 0; i < el.count; i++) {
          let x = NaN, y = NaN, z = NaN;
          const pending: [Role, number, number, Scalar][] = [];
          for (let k = 0; k < el.props.length; k++) {
            const p = el.props[k];
            if (p.countType !== undefined) {
              off = skipList(p, el, i);
              continue;
            }
            if (off + SCALAR_SIZE[p.type] > end) throw truncated(el, i);
            const v = readScalar(dv, off, p.type, le);
            off += SCALAR_SIZE[p.type];
            const r = plan.roles[k];
            if (r === Role.X) x = v;
            else if (r === Role.Y) y = v;
            else if (r === Role.Z) z = v;
            else if (r !== Role.Skip) pending.push([r, plan.channel[k], v, p.type]);
          }
          const j = builder.add(x, y, z);
          if (j >= 0) for (const [r, c, v, t] of pending) store(builder, plan, j, r, c, v, t);
        }
      }
      cloud = builder.finish({ format: 'ply', encoding: h.encoding });
      continue;
    }
    // Other elements (faces, cameras, range grids …) are skipped, but walked so damage shows.
    if (!hasList) {
      const size = minBinarySize(el);
      if (off + el.count * size > end) throw truncated(el, Math.floor((end - off) / Math.max(1, size)));
      off += el.count * size;
      continue;
    }
    for (let i = 0; i < el.count; i++) {
      for (const p of el.props) {
        if (p.countType === undefined) {
          off += SCALAR_SIZE[p.type];
          if (off > end) throw truncated(el, i);
        } else off = skipList(p, el, i);
      }
    }
  }
  return finishChecked(cloud!, file, vEl);
}

function store(builder: CloudBuilder, plan: VertexPlan, j: number, r: Role, c: number, v: number, t: Scalar) {
  if (r === Role.Color) builder.colors![j * 3 + c] = toByte(v, t);
  else if (r === Role.Normal) builder.normals![j * 3 + c] = v;
  else if (r === Role.Field) builder.fields[plan.fieldNames[c]][j] = v;
}

/** Vertices without list properties: a fixed stride, so offsets are computed once. */
function readFixedVertices(b: Uint8Array, dv: DataView, start: number, el: PlyElement, plan: VertexPlan, builder: CloudBuilder, le: boolean): number {
  const offs: number[] = [];
  let stride = 0;
  for (const p of el.props) {
    offs.push(stride);
    stride += SCALAR_SIZE[p.type];
  }
  const ix = plan.roles.indexOf(Role.X);
  const iy = plan.roles.indexOf(Role.Y);
  const iz = plan.roles.indexOf(Role.Z);
  const tx = el.props[ix].type, ty = el.props[iy].type, tz = el.props[iz].type;
  const ox = offs[ix], oy = offs[iy], oz = offs[iz];
  const n = el.count;
  const extras: { role: Role; c: number; off: number; t: Scalar }[] = [];
  plan.roles.forEach((role, k) => {
    if (role === Role.Color || role === Role.Normal || role === Role.Field) extras.push({ role, c: plan.channel[k], off: offs[k], t: el.props[k].type });
  });
  const colors = builder.colors;
  const u8colors = colors && extras.filter((e) => e.role === Role.Color).every((e) => e.t === Scalar.U8);
  if (le && tx === Scalar.F32 && ty === Scalar.F32 && tz === Scalar.F32) {
    // The usual layout: one pass for the box, one for positions and 8-bit colours, then any
    // other channel on its own (no point was dropped, so point i is output point i).
    const rgb = u8colors ? ([0, 1, 2].map((c) => start + extras.find((e) => e.role === Role.Color && e.c === c)!.off) as [number, number, number]) : undefined;
    if (readFloatRows({ bytes: b, count: n, stride, xyz: [start + ox, start + oy, start + oz], rgb }, builder)) {
      for (const x of extras) {
        if (rgb && x.role === Role.Color) continue;
        for (let i = 0, row = start + x.off; i < n; i++, row += stride) store(builder, plan, i, x.role, x.c, readScalar(dv, row, x.t, true), x.t);
      }
      return start + n * stride;
    }
  }
  for (let i = 0; i < n; i++) {
    const row = start + i * stride;
    const j = builder.add(readScalar(dv, row + ox, tx, le), readScalar(dv, row + oy, ty, le), readScalar(dv, row + oz, tz, le));
    if (j < 0) continue;
    for (let e = 0; e < extras.length; e++) {
      const x = extras[e];
      if (x.role === Role.Color && u8colors) colors![j * 3 + x.c] = b[row + x.off];
      else store(builder, plan, j, x.role, x.c, readScalar(dv, row + x.off, x.t, le), x.t);
    }
  }
  return start + n * stride;
}

function parsePlyAscii(b: Uint8Array, h: PlyHeader, vEl: PlyElement, plan: VertexPlan, file: string): PointCloud {
  const rd = new AsciiNumbers(b, h.bodyStart);
  let cloud: PointCloud | undefined;
  const truncated = (el: PlyElement, i: number) =>
    new PointCloudError('truncated', file, `ends in the middle of its data (element "${el.name}", item ${fmt(i + 1)} of ${fmt(el.count)}); the file is cut short or damaged.`);
  /** Skips one list; its length must be a whole number the remaining text can hold (two bytes per value at least). */
  const skipList = (el: PlyElement, i: number) => {
    const n = rd.next();
    if (rd.done) throw truncated(el, i);
    if (!isCount(n)) throw badListLength(file, el, i, n);
    const left = b.length - rd.pos;
    if (n * 2 - 1 > left) throw n * 2 > 2 * left + 1024 ? badListLength(file, el, i, n) : truncated(el, i);
    for (let q = 0; q < n; q++) if (!rd.skip()) throw truncated(el, i);
  };
  for (const el of h.elements) {
    // An element without properties has nothing in the body, whatever its count.
    if (el.props.length === 0) continue;
    if (el === vEl) {
      const builder = new CloudBuilder(el.count, { colors: plan.hasColor, normals: plan.hasNormals, fieldNames: plan.fieldNames });
      const np = el.props.length;
      const vals = new Float64Array(np);
      const ix = plan.roles.indexOf(Role.X), iy = plan.roles.indexOf(Role.Y), iz = plan.roles.indexOf(Role.Z);
      for (let i = 0; i < el.count; i++) {
        for (let k = 0; k < np; k++) {
          const p = el.props[k];
          if (p.countType !== undefined) skipList(el, i);
          else vals[k] = rd.next();
        }
        if (rd.done) throw truncated(el, i);
        const j = builder.add(vals[ix], vals[iy], vals[iz]);
        if (j < 0) continue;
        for (let k = 0; k < np; k++) {
          const r = plan.roles[k];
          if (r === Role.Color || r === Role.Normal || r === Role.Field) store(builder, plan, j, r, plan.channel[k], vals[k], el.props[k].type);
        }
      }
      if (rd.badToken !== undefined) throw new PointCloudError('damaged', file, `holds "${rd.badToken}" where a number was expected in its vertex data; the file is damaged.`);
      cloud = builder.finish({ format: 'ply', encoding: 'ascii' });
      continue;
    }
    for (let i = 0; i < el.count; i++) {
      for (const p of el.props) {
        if (p.countType === undefined) rd.skip();
        else skipList(el, i);
      }
      if (rd.done) throw truncated(el, i);
    }
  }
  return finishChecked(cloud!, file, vEl);
}

function finishChecked(cloud: PointCloud, file: string, vEl: PlyElement): PointCloud {
  if (cloud.count === 0)
    throw new PointCloudError('empty', file, `has ${fmt(vEl.count)} vertices but none with finite x, y and z; there is nothing to show.`);
  return cloud;
}

/** Whether a byte range starts like a PLY file. */
export function looksLikePly(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 112 && b[1] === 108 && b[2] === 121 && (b[3] === 10 || b[3] === 13 || b[3] === 32);
}
