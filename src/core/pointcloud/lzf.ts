/**
 * LZF decompression (the codec of PCD `binary_compressed`). Returns false when the stream is
 * damaged: a back-reference before the start, or output or input running past their bounds.
 */
export function lzfDecompress(src: Uint8Array, start: number, end: number, out: Uint8Array): boolean {
  let i = start;
  let o = 0;
  const outLen = out.length;
  while (i < end) {
    const ctrl = src[i++];
    if (ctrl < 32) {
      const len = ctrl + 1;
      if (o + len > outLen || i + len > end) return false;
      out.set(src.subarray(i, i + len), o);
      i += len;
      o += len;
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
