/**
 * Deterministic damage for point-cloud files: the ways real files break (cut short, bytes
 * flipped, counts a writer never meant, the wrong DATA kind) applied to valid PLY and PCD bytes.
 * Same input, same mutants, on every machine.
 */
import { seededRandom, seedFrom } from '@/core/random';
import { parsePlyHeader } from '../ply';
import { SCALAR_SIZE, Scalar } from '../scalar-types';
import { concatBytes } from '@/core/bytes';

export interface Mutant {
  /** What was done, for the failure message. */
  label: string;
  bytes: Uint8Array;
}

/** Counts no writer means: endless, not a number, astronomically large, the 32-bit maximum, negative, fractional. */
export const ABSURD_COUNTS = ['inf', 'NaN', '1e300', '4294967295', '1e10', '-1', '2.5'];

const LATIN1 = new TextDecoder('latin1');
const enc = new TextEncoder();

const concat = (...parts: Uint8Array[]) => concatBytes(parts);

/** Where the header ends (PLY "end_header", PCD "DATA" line), or -1. */
function headerEnd(b: Uint8Array): number {
  const text = LATIN1.decode(b.subarray(0, Math.min(b.length, 1 << 16)));
  const m = /end_header[ \t]*\r?\n|\nDATA[^\n]*\n/.exec(text);
  return m ? m.index + m[0].length : -1;
}

/** Replaces the header (as Latin-1 text) by `edit(header)`, keeping the body bytes. */
function editHeader(b: Uint8Array, edit: (header: string) => string): Uint8Array | undefined {
  const end = headerEnd(b);
  if (end < 0) return undefined;
  const header = LATIN1.decode(b.subarray(0, end));
  const next = edit(header);
  return next === header ? undefined : concat(enc.encode(next), b.subarray(end));
}

function truncations(b: Uint8Array): Mutant[] {
  const end = Math.max(headerEnd(b), 0);
  const at = new Set([end - 1, end, end + 1, Math.floor(b.length / 2), Math.floor(b.length * 0.9), b.length - 1].filter((n) => n > 0 && n < b.length));
  return [...at].map((n) => ({ label: `cut to ${n} bytes`, bytes: b.slice(0, n) }));
}

function flips(b: Uint8Array, seed: number): Mutant[] {
  const rnd = seededRandom(seed);
  const end = Math.max(headerEnd(b), 1);
  const out: Mutant[] = [];
  for (const [where, k] of [['header', 1], ['header', 4], ['body', 1], ['body', 16], ['anywhere', 64]] as const) {
    const m = b.slice();
    for (let i = 0; i < k; i++) {
      const lo = where === 'body' ? end : 0;
      const hi = where === 'header' ? end : b.length;
      if (hi <= lo) break;
      m[lo + Math.floor(rnd() * (hi - lo))] = Math.floor(rnd() * 256);
    }
    out.push({ label: `${k} random byte(s) in the ${where}`, bytes: m });
  }
  return out;
}

/** Each count in the header in turn (PLY element counts; PCD POINTS, WIDTH, HEIGHT, COUNT) set to each absurd value. */
function headerCounts(b: Uint8Array): Mutant[] {
  const out: Mutant[] = [];
  const end = headerEnd(b);
  if (end < 0) return out;
  const lines = LATIN1.decode(b.subarray(0, end)).split('\n');
  const body = b.subarray(end);
  lines.forEach((line, i) => {
    const t = line.trim().split(/\s+/);
    const at = t[0] === 'element' ? 2 : ['POINTS', 'WIDTH', 'HEIGHT', 'COUNT'].includes(t[0]) ? 1 : -1;
    if (at < 0 || t.length <= at) return;
    for (const value of ABSURD_COUNTS) {
      const next = [...lines];
      next[i] = [...t.slice(0, at), value, ...t.slice(at + 1)].join(' ');
      out.push({ label: `header "${t.slice(0, at).join(' ')}" count set to ${value}`, bytes: concat(enc.encode(next.join('\n')), body) });
    }
  });
  return out;
}

/** The header claims another encoding than the body has. */
function swappedKinds(b: Uint8Array): Mutant[] {
  const out: Mutant[] = [];
  for (const kind of ['ascii', 'binary_little_endian', 'binary_big_endian']) {
    const m = editHeader(b, (h) => h.replace(/^format\s+\S+/m, `format ${kind}`));
    if (m) out.push({ label: `format changed to ${kind}`, bytes: m });
  }
  for (const kind of ['ascii', 'binary', 'binary_compressed']) {
    const m = editHeader(b, (h) => h.replace(/^DATA\s+\S+/m, `DATA ${kind}`));
    if (m) out.push({ label: `DATA changed to ${kind}`, bytes: m });
  }
  return out;
}

/** The first list length of each element that has lists, set to absurd values in the body. */
function listCounts(b: Uint8Array): Mutant[] {
  let h: ReturnType<typeof parsePlyHeader>;
  try {
    h = parsePlyHeader(b, 'mutant');
  } catch {
    return [];
  }
  const out: Mutant[] = [];
  if (h.encoding === 'ascii') {
    // One item per line, as every writer in the corpus does.
    const body = LATIN1.decode(b.subarray(h.bodyStart));
    const lines = body.split('\n');
    let line = 0;
    for (const el of h.elements) {
      if (!el.props.length) continue;
      const li = el.props.findIndex((p) => p.countType !== undefined);
      const scalarBefore = el.props.slice(0, Math.max(li, 0)).every((p) => p.countType === undefined);
      if (li >= 0 && scalarBefore && el.count > 0 && line < lines.length)
        for (const value of ABSURD_COUNTS) {
          const tokens = lines[line].trim().split(/\s+/);
          tokens[li] = value;
          const next = [...lines];
          next[line] = tokens.join(' ');
          out.push({ label: `list length in element "${el.name}" set to ${value}`, bytes: concat(b.subarray(0, h.bodyStart), enc.encode(next.join('\n'))) });
        }
      line += el.count;
    }
    return out;
  }
  // Binary: walk the valid body to the first list of each element, then overwrite its length.
  const le = h.encoding === 'binary_little_endian';
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let off = h.bodyStart;
  const readCount = (t: Scalar, o: number) => (t === Scalar.U8 ? dv.getUint8(o) : t === Scalar.I8 ? dv.getInt8(o) : t === Scalar.U16 ? dv.getUint16(o, le) : t === Scalar.I16 ? dv.getInt16(o, le) : t === Scalar.U32 ? dv.getUint32(o, le) : t === Scalar.I32 ? dv.getInt32(o, le) : t === Scalar.F32 ? dv.getFloat32(o, le) : dv.getFloat64(o, le));
  for (const el of h.elements) {
    for (let i = 0; i < el.count && off < b.length; i++)
      for (const p of el.props) {
        if (p.countType === undefined) {
          off += SCALAR_SIZE[p.type];
          continue;
        }
        if (i === 0 && off + SCALAR_SIZE[p.countType] <= b.length)
          for (const v of [-1, 0xff, 0xffff, 0xffffffff, NaN, Infinity, 1e300]) {
            const m = b.slice();
            const mv = new DataView(m.buffer);
            const o = off;
            const t = p.countType;
            if (t === Scalar.F32) mv.setFloat32(o, v, le);
            else if (t === Scalar.F64) mv.setFloat64(o, v, le);
            else if (Number.isFinite(v)) for (let k = 0; k < SCALAR_SIZE[t]; k++) mv.setUint8(o + k, v === -1 || (v >>> (8 * k)) & 0xff ? 0xff : 0);
            else continue;
            out.push({ label: `binary list length in element "${el.name}" set to ${v}`, bytes: m });
          }
        const n = readCount(p.countType, off);
        off += SCALAR_SIZE[p.countType] + Math.max(0, n) * SCALAR_SIZE[p.type];
      }
  }
  return out;
}

/** Every mutant of one valid file, seeded by its name. */
export function mutants(name: string, b: Uint8Array): Mutant[] {
  return [...truncations(b), ...flips(b, seedFrom(name)), ...headerCounts(b), ...swappedKinds(b), ...listCounts(b)];
}
