// The SIMD LZF kernel must unpack what the plain loop unpacks and refuse what it refuses: runs,
// near and far back-references, and streams damaged anywhere.
import { describe, expect, it } from 'vitest';
import { lzfDecompress } from './lzf';
import { lzfCompress, seeded } from './testing/fixture-writers';

/** Bytes with repeats near (1-15 back, byte by byte) and far (16+ back, in blocks), and noise. */
function sample(n: number, seed: number): Uint8Array {
  const r = seeded(seed);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; ) {
    const kind = r();
    const len = 1 + Math.floor(r() * 300);
    if (kind < 0.3 || i < 20) for (let k = 0; k < len && i < n; k++) b[i++] = Math.floor(r() * 256);
    else {
      const back = kind < 0.6 ? 1 + Math.floor(r() * 15) : 16 + Math.floor(r() * Math.min(i - 16, 8000));
      for (let k = 0; k < len && i < n; k++, i++) b[i] = b[i - back];
    }
  }
  return b;
}

/** Byte-for-byte equality (the matcher's deep diff is far slower on large arrays). */
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

function both(src: Uint8Array, start: number, end: number, size: number) {
  const fast = new Uint8Array(size);
  const plain = new Uint8Array(size);
  return { fast: lzfDecompress(src, start, end, fast), plain: lzfDecompress(src, start, end, plain, { simd: false }), fastOut: fast, plainOut: plain };
}

describe('LZF with the SIMD kernel', () => {
  for (const [n, seed] of [
    [1, 1],
    [33, 2],
    [5000, 3],
    [200_000, 4],
  ])
    it(`unpacks ${n} bytes exactly as the plain loop`, () => {
      const raw = sample(n, seed);
      const packed = lzfCompress(raw);
      const padded = new Uint8Array(packed.length + 7);
      padded.set(packed, 3);
      const r = both(padded, 3, 3 + packed.length, n);
      expect(r.fast).toBe(true);
      expect(r.plain).toBe(true);
      expect(same(r.fastOut, raw)).toBe(true);
    });

  it('refuses every damaged stream the plain loop refuses, and agrees on the rest', () => {
    const raw = sample(20_000, 9);
    const packed = lzfCompress(raw);
    const r = seeded(10);
    let refused = 0;
    for (let t = 0; t < 300; t++) {
      const bad = packed.slice();
      for (let f = 0; f < 1 + (t % 4); f++) bad[Math.floor(r() * bad.length)] = Math.floor(r() * 256);
      const cut = t % 5 === 0 ? Math.floor(r() * bad.length) : bad.length;
      const size = t % 7 === 0 ? raw.length + 1 + (t % 40) : raw.length;
      const out = both(bad, 0, cut, size);
      expect(out.fast).toBe(out.plain);
      if (out.fast) expect(same(out.fastOut, out.plainOut)).toBe(true);
      else refused++;
    }
    // The trials must reach the refusals, not only streams that happen to stay valid.
    expect(refused).toBeGreaterThan(100);
  });
});
