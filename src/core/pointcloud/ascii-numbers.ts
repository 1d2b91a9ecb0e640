const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const LATIN1 = new TextDecoder('latin1');

/**
 * Reads whitespace-separated numbers straight from bytes (no strings per token): ASCII PLY and
 * PCD bodies hold millions of them. Accepts `nan`, `inf`, `-inf` as PCL and numpy write them.
 */
export class AsciiNumbers {
  pos: number;
  /** Set when `next()` found no more tokens. */
  done = false;
  /** The first token that is not a number, if any. */
  badToken: string | undefined;

  constructor(
    private readonly b: Uint8Array,
    start: number,
    private readonly end = b.length,
  ) {
    this.pos = start;
  }

  private skipSpace(): boolean {
    const b = this.b;
    let p = this.pos;
    while (p < this.end && b[p] <= 32) p++;
    this.pos = p;
    return p < this.end;
  }

  /** Skips one token; false at the end of the data. */
  skip(): boolean {
    if (!this.skipSpace()) {
      this.done = true;
      return false;
    }
    const b = this.b;
    let p = this.pos;
    while (p < this.end && b[p] > 32) p++;
    this.pos = p;
    return true;
  }

  /** The next number; NaN for `nan` tokens, and NaN with `done` set at the end of the data. */
  next(): number {
    if (!this.skipSpace()) {
      this.done = true;
      return NaN;
    }
    const b = this.b;
    const start = this.pos;
    let p = start;
    let neg = false;
    let c = b[p];
    if (c === 45 /* - */ || c === 43 /* + */) {
      neg = c === 45;
      c = b[++p];
    }
    let mant = 0;
    let digits = 0;
    let frac = 0;
    while (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      c = b[++p];
    }
    if (c === 46 /* . */) {
      c = b[++p];
      while (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        digits++;
        frac++;
        c = b[++p];
      }
    }
    let exp = 0;
    if (digits > 0 && (c === 101 || c === 69) /* e E */) {
      let q = p + 1;
      let en = false;
      let d = b[q];
      if (d === 45 || d === 43) {
        en = d === 45;
        d = b[++q];
      }
      let ed = 0;
      while (d >= 48 && d <= 57) {
        exp = exp * 10 + (d - 48);
        ed++;
        d = b[++q];
      }
      if (ed > 0) {
        p = q;
        c = d;
        if (en) exp = -exp;
      }
    }
    const endOfToken = p >= this.end || c <= 32;
    // Up to 22 digits stay on the fast path: beyond 15 the last digit may round, far below float32 precision.
    if (digits > 0 && endOfToken && digits <= 22) {
      this.pos = p;
      const e = exp - frac;
      let v: number;
      if (e === 0) v = mant;
      else if (e > 0 && e <= 22) v = mant * POW10[e];
      else if (e < 0 && e >= -22) v = mant / POW10[-e];
      else v = mant * Math.pow(10, e);
      return neg ? -v : v;
    }
    // Rare spellings (long mantissas, nan, inf, hex): let the engine decide on the whole token.
    while (p < this.end && b[p] > 32) p++;
    this.pos = p;
    const token = LATIN1.decode(b.subarray(start, p));
    const lower = token.toLowerCase().replace(/^[+-]/, '');
    if (lower === 'nan' || lower === '-nan' || lower === 'nan(ind)' || lower.startsWith('nan')) return NaN;
    if (lower === 'inf' || lower === 'infinity') return token.startsWith('-') ? -Infinity : Infinity;
    const v = Number(token);
    if (Number.isNaN(v)) this.badToken ??= token.length > 16 ? `${token.slice(0, 16)}…` : token;
    return v;
  }
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** The 32 bits of a float as PCL packs colour into an `rgb` float field. */
export function floatBits(v: number): number {
  F32[0] = v;
  return U32[0];
}
