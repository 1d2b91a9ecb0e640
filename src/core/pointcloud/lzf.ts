import { after, kernelsWithMemory, SLACK } from './simd-kernels';

/**
 * The most bytes LZF can unpack from `compressedBytes`: its densest token is a 3-byte
 * back-reference copying 264 bytes (88× per byte), so a larger declared size is a lie to refuse
 * before allocating.
 */
export function lzfMaxOutput(compressedBytes: number): number {
  return Math.ceil(compressedBytes / 3) * 264;
}

/**
 * LZF decompression (the codec of PCD `binary_compressed`). Returns false when the stream is
 * damaged: a back-reference before the start, or output or input running past their bounds.
 * The SIMD kernel unpacks where the engine has one (`simd: false` forces the plain loop); both
 * refuse the same streams.
 */
export function lzfDecompress(src: Uint8Array, start: number, end: number, out: Uint8Array, opts: { simd?: boolean } = {}): boolean {
  const fast = opts.simd === false ? undefined : lzfWithKernel(src, start, end, out);
  if (fast !== undefined) return fast;
  let i = start;
  let o = 0;
  const outLen = out.length;
  while (i < end) {
    const ctrl = src[i++];
    if (ctrl < 32) {
      const len = ctrl + 1;
      if (o + len > outLen || i + len > end) return false;
      // Runs are at most 32 bytes: a plain loop beats creating a subarray for each.
      for (let k = 0; k < len; k++) out[o++] = src[i++];
    } else {
      let len = ctrl >> 5;
      if (len === 7) {
        if (i >= end) return false;
        len += src[i++];
      }
      len += 2;
      if (i >= end) return false;
      let ref = o - ((ctrl & 0x1f) << 8) - 1 - src[i++];
      if (ref < 0 || o + len > outLen) return false;
      for (let k = 0; k < len; k++) out[o++] = out[ref++];
    }
  }
  return o === outLen;
}

/** Unpacks in the kernels' memory and copies the result out; undefined when there is no kernel for it. */
function lzfWithKernel(src: Uint8Array, start: number, end: number, out: Uint8Array): boolean | undefined {
  const packed = end - start;
  if (packed <= 0 || end > src.length) return undefined;
  const outAt = after(packed);
  const k = kernelsWithMemory(outAt + out.length + SLACK);
  if (!k) return undefined;
  new Uint8Array(k.mem.buffer).set(src.subarray(start, end));
  if (!k.lzf(0, packed, outAt, outAt + out.length)) return false;
  out.set(new Uint8Array(k.mem.buffer, outAt, out.length));
  return true;
}
