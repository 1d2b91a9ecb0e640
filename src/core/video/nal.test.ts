import { describe, expect, it } from 'vitest';
import { avcIsDisposable, avcLengthSize, nalHeaders } from '@/core/video/nal';

/** NAL units with 4-byte length prefixes, as MP4 stores them. */
function lengthPrefixed(...units: number[][]): Uint8Array {
  const out: number[] = [];
  for (const u of units) out.push(0, 0, 0, u.length, ...u);
  return new Uint8Array(out);
}

// Headers: forbidden bit, 2 bits nal_ref_idc, 5 bits type.
const SEI = 0x06;
const IDR = 0x65; // ref_idc 3, type 5
const P_REF = 0x41; // ref_idc 2, type 1
const B_DISPOSABLE = 0x01; // ref_idc 0, type 1

describe('H.264 disposable pictures', () => {
  it('reads the NAL length size from an avcC record, or 0 for start codes', () => {
    expect(avcLengthSize(new Uint8Array([1, 0x64, 0, 0x28, 0xff]))).toBe(4);
    expect(avcLengthSize(new Uint8Array([1, 0x64, 0, 0x28, 0xfd]))).toBe(2);
    expect(avcLengthSize(undefined)).toBe(0);
  });

  it('lists the NAL headers of an access unit in either framing', () => {
    expect(nalHeaders(lengthPrefixed([SEI, 9, 9], [P_REF, 1, 2, 3]), 4)).toEqual([SEI, P_REF]);
    expect(nalHeaders(new Uint8Array([0, 0, 0, 1, SEI, 7, 0, 0, 1, B_DISPOSABLE, 4]), 0)).toEqual([SEI, B_DISPOSABLE]);
  });

  it('calls a picture disposable only when every slice has nal_ref_idc 0', () => {
    expect(avcIsDisposable(lengthPrefixed([SEI, 1], [B_DISPOSABLE, 1], [B_DISPOSABLE, 2]), 4)).toBe(true);
    expect(avcIsDisposable(lengthPrefixed([B_DISPOSABLE, 1], [P_REF, 2]), 4)).toBe(false);
    expect(avcIsDisposable(lengthPrefixed([IDR, 1]), 4)).toBe(false);
    // No slice at all (a parameter-set-only unit) is never skipped.
    expect(avcIsDisposable(lengthPrefixed([SEI, 1]), 4)).toBe(false);
    // A truncated unit stops the walk without reading past the end.
    expect(avcIsDisposable(new Uint8Array([0, 0, 0, 50, B_DISPOSABLE]), 4)).toBe(false);
  });
});
