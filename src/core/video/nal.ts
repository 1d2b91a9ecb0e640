/**
 * Just enough H.264 bitstream reading to tell a disposable picture: one whose slices all carry
 * nal_ref_idc = 0, so no other picture predicts from it and a decoder may skip it when it is not
 * wanted. Other codecs do not mark this in a header that is cheap to read, so nothing is skipped there.
 */

/** Bytes of each NAL length prefix from an avcC record (MP4/MOV), or 0 for Annex B start codes. */
export function avcLengthSize(description: Uint8Array | undefined): number {
  if (!description || description.length < 5 || description[0] !== 1) return 0;
  return (description[4] & 3) + 1;
}

/** First byte (header) of each NAL unit in an access unit. */
export function nalHeaders(data: Uint8Array, lengthSize: number): number[] {
  const out: number[] = [];
  if (lengthSize > 0) {
    let p = 0;
    while (p + lengthSize < data.length) {
      let len = 0;
      for (let i = 0; i < lengthSize; i++) len = len * 256 + data[p + i];
      const start = p + lengthSize;
      if (len === 0 || start + len > data.length) break;
      out.push(data[start]);
      p = start + len;
    }
    return out;
  }
  // Annex B: 00 00 01 (or 00 00 00 01) before each unit.
  for (let i = 0; i + 3 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      out.push(data[i + 3]);
      i += 3;
    }
  }
  return out;
}

const SLICE = 1;
const IDR_SLICE = 5;

/** True when the access unit has slices and none of them is used as a reference. */
export function avcIsDisposable(data: Uint8Array, lengthSize: number): boolean {
  let slices = 0;
  for (const h of nalHeaders(data, lengthSize)) {
    const type = h & 0x1f;
    if (type !== SLICE && type !== IDR_SLICE) continue;
    if ((h >> 5) & 3) return false;
    slices++;
  }
  return slices > 0;
}
