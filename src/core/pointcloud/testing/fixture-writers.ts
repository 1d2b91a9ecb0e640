/** Writers of PLY and PCD files in every variant the parsers accept, for tests and benchmarks. */
import { seededRandom } from '@/core/random';
import { concatBytes } from '@/core/bytes';

export type PlyType = 'char' | 'int8' | 'uchar' | 'uint8' | 'short' | 'int16' | 'ushort' | 'uint16' | 'int' | 'int32' | 'uint' | 'uint32' | 'float' | 'float32' | 'double' | 'float64';

const PLY_SIZE: Record<PlyType, number> = { char: 1, int8: 1, uchar: 1, uint8: 1, short: 2, int16: 2, ushort: 2, uint16: 2, int: 4, int32: 4, uint: 4, uint32: 4, float: 4, float32: 4, double: 8, float64: 8 };

export interface PlyPropSpec {
  name: string;
  type: PlyType;
  /** Count type for list properties. */
  list?: PlyType;
}

export interface PlyElementSpec {
  name: string;
  props: PlyPropSpec[];
  /** One row per item; list properties take an array. */
  rows: (number | number[])[][];
  /** Declared count when it should differ from rows.length (to build broken files). */
  declaredCount?: number;
}

export interface PlySpec {
  encoding: 'ascii' | 'binary_little_endian' | 'binary_big_endian';
  elements: PlyElementSpec[];
  comments?: string[];
  objInfo?: string[];
  crlf?: boolean;
}

function writeNum(dv: DataView, off: number, type: PlyType, v: number, le: boolean): number {
  switch (type) {
    case 'char': case 'int8': dv.setInt8(off, v); break;
    case 'uchar': case 'uint8': dv.setUint8(off, v); break;
    case 'short': case 'int16': dv.setInt16(off, v, le); break;
    case 'ushort': case 'uint16': dv.setUint16(off, v, le); break;
    case 'int': case 'int32': dv.setInt32(off, v, le); break;
    case 'uint': case 'uint32': dv.setUint32(off, v, le); break;
    case 'float': case 'float32': dv.setFloat32(off, v, le); break;
    case 'double': case 'float64': dv.setFloat64(off, v, le); break;
  }
  return off + PLY_SIZE[type];
}

const concat = concatBytes;

const enc = new TextEncoder();

function asciiNum(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

export function writePly(spec: PlySpec): Uint8Array {
  const nl = spec.crlf ? '\r\n' : '\n';
  const head: string[] = ['ply', `format ${spec.encoding} 1.0`];
  for (const c of spec.comments ?? []) head.push(`comment ${c}`);
  for (const c of spec.objInfo ?? []) head.push(`obj_info ${c}`);
  for (const el of spec.elements) {
    head.push(`element ${el.name} ${el.declaredCount ?? el.rows.length}`);
    for (const p of el.props) head.push(p.list ? `property list ${p.list} ${p.type} ${p.name}` : `property ${p.type} ${p.name}`);
  }
  head.push('end_header');
  const header = enc.encode(head.join(nl) + nl);
  if (spec.encoding === 'ascii') {
    const lines: string[] = [];
    for (const el of spec.elements)
      for (const row of el.rows) lines.push(row.map((v) => (Array.isArray(v) ? [v.length, ...v].map(asciiNum).join(' ') : asciiNum(v))).join(' '));
    return concat([header, enc.encode(lines.join(nl) + (lines.length ? nl : ''))]);
  }
  const le = spec.encoding === 'binary_little_endian';
  let size = 0;
  for (const el of spec.elements)
    for (const row of el.rows)
      el.props.forEach((p, k) => {
        const v = row[k];
        size += Array.isArray(v) ? PLY_SIZE[p.list!] + v.length * PLY_SIZE[p.type] : PLY_SIZE[p.type];
      });
  const body = new Uint8Array(size);
  const dv = new DataView(body.buffer);
  let o = 0;
  for (const el of spec.elements)
    for (const row of el.rows)
      el.props.forEach((p, k) => {
        const v = row[k];
        if (Array.isArray(v)) {
          o = writeNum(dv, o, p.list!, v.length, le);
          for (const x of v) o = writeNum(dv, o, p.type, x, le);
        } else o = writeNum(dv, o, p.type, v, le);
      });
  return concat([header, body]);
}

export interface PcdFieldSpec {
  name: string;
  size: 1 | 2 | 4 | 8;
  type: 'F' | 'I' | 'U';
  count?: number;
}

export interface PcdSpec {
  data: 'ascii' | 'binary' | 'binary_compressed';
  fields: PcdFieldSpec[];
  /** One row per point: count values per field, in field order. */
  rows: number[][];
  version?: '.5' | '0.6' | '0.7';
  width?: number;
  height?: number;
  /** Declared POINTS when it should differ from rows.length. */
  declaredPoints?: number;
  viewpoint?: boolean;
  /** Use an LZF stream of literal runs only (valid, uncompressed). */
  literalOnly?: boolean;
}

function writePcdValue(dv: DataView, off: number, f: PcdFieldSpec, v: number) {
  if (f.type === 'F') {
    if (f.size === 4) dv.setFloat32(off, v, true);
    else dv.setFloat64(off, v, true);
  } else if (f.type === 'I') {
    if (f.size === 1) dv.setInt8(off, v);
    else if (f.size === 2) dv.setInt16(off, v, true);
    else if (f.size === 4) dv.setInt32(off, v, true);
    else dv.setBigInt64(off, BigInt(v), true);
  } else {
    if (f.size === 1) dv.setUint8(off, v);
    else if (f.size === 2) dv.setUint16(off, v, true);
    else if (f.size === 4) dv.setUint32(off, v, true);
    else dv.setBigUint64(off, BigInt(v), true);
  }
}

export function writePcd(spec: PcdSpec): Uint8Array {
  const n = spec.rows.length;
  const counts = spec.fields.map((f) => f.count ?? 1);
  const head = [`# .PCD v${spec.version ?? '0.7'} - Point Cloud Data file format`, `VERSION ${spec.version ?? '0.7'}`, `FIELDS ${spec.fields.map((f) => f.name).join(' ')}`, `SIZE ${spec.fields.map((f) => f.size).join(' ')}`, `TYPE ${spec.fields.map((f) => f.type).join(' ')}`, `COUNT ${counts.join(' ')}`, `WIDTH ${spec.width ?? n}`, `HEIGHT ${spec.height ?? 1}`];
  if (spec.viewpoint ?? true) head.push('VIEWPOINT 0 0 0 1 0 0 0');
  head.push(`POINTS ${spec.declaredPoints ?? n}`, `DATA ${spec.data}`);
  const header = enc.encode(head.join('\n') + '\n');
  if (spec.data === 'ascii') return concat([header, enc.encode(spec.rows.map((r) => r.map(asciiNum).join(' ')).join('\n') + '\n')]);
  const stride = spec.fields.reduce((s, f, i) => s + f.size * counts[i], 0);
  const body = new Uint8Array(n * stride);
  const dv = new DataView(body.buffer);
  if (spec.data === 'binary') {
    spec.rows.forEach((row, i) => {
      let o = i * stride;
      let k = 0;
      spec.fields.forEach((f, fi) => {
        for (let c = 0; c < counts[fi]; c++, k++, o += f.size) writePcdValue(dv, o, f, row[k]);
      });
    });
    return concat([header, body]);
  }
  // Field-major, then LZF.
  let o = 0;
  let k0 = 0;
  spec.fields.forEach((f, fi) => {
    for (let i = 0; i < n; i++) for (let c = 0; c < counts[fi]; c++, o += f.size) writePcdValue(dv, o, f, spec.rows[i][k0 + c]);
    k0 += counts[fi];
  });
  const packed = spec.literalOnly ? lzfLiteral(body) : lzfCompress(body);
  const sizes = new Uint8Array(8);
  new DataView(sizes.buffer).setUint32(0, packed.length, true);
  new DataView(sizes.buffer).setUint32(4, body.length, true);
  return concat([header, sizes, packed]);
}

function lzfLiteral(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < src.length; i += 32) {
    const run = src.subarray(i, Math.min(src.length, i + 32));
    out.push(run.length - 1, ...run);
  }
  return Uint8Array.from(out);
}

/** A small greedy LZF compressor (3-byte hash, back-references up to 8 KiB). */
export function lzfCompress(src: Uint8Array): Uint8Array {
  const out = new Uint8Array(src.length + Math.ceil(src.length / 32) + 16);
  const table = new Int32Array(1 << 14).fill(-1);
  let o = 0;
  let litStart = 0;
  const flush = (end: number) => {
    while (litStart < end) {
      const len = Math.min(32, end - litStart);
      out[o++] = len - 1;
      out.set(src.subarray(litStart, litStart + len), o);
      o += len;
      litStart += len;
    }
  };
  let i = 0;
  while (i + 2 < src.length) {
    const h = ((src[i] << 16) | (src[i + 1] << 8) | src[i + 2]) * 2654435761 >>> 18;
    const ref = table[h];
    table[h] = i;
    const dist = i - ref - 1;
    if (ref >= 0 && dist < 8192 && src[ref] === src[i] && src[ref + 1] === src[i + 1] && src[ref + 2] === src[i + 2]) {
      let len = 3;
      while (i + len < src.length && len < 264 && src[ref + len] === src[i + len]) len++;
      flush(i);
      const l = len - 2;
      if (l < 7) out[o++] = (l << 5) | (dist >> 8);
      else {
        out[o++] = (7 << 5) | (dist >> 8);
        out[o++] = l - 7;
      }
      out[o++] = dist & 255;
      i += len;
      litStart = i;
    } else i++;
  }
  flush(src.length);
  return out.slice(0, o);
}

/** The float whose bits hold 0x00RRGGBB, as PCL stores colour in an `rgb` F4 field. */
export function packRgbFloat(r: number, g: number, b: number): number {
  const u = new Uint32Array([(r << 16) | (g << 8) | b]);
  return new Float32Array(u.buffer)[0];
}

export function packRgbaUint(r: number, g: number, b: number, a = 255): number {
  return ((a << 24) | (r << 16) | (g << 8) | b) >>> 0;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export const seeded = seededRandom;
