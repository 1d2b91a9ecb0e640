import { describe, expect, it } from 'vitest';
import { yuvMatrix, yuvToRgba, type YuvPicture } from './yuv-scale';

/** A 4:2:0 picture from per-pixel luma and per-2×2-block chroma functions. */
function picture(width: number, height: number, y: (x: number, y: number) => number, u: (x: number, y: number) => number, v: (x: number, y: number) => number): YuvPicture {
  const cw = (width + 1) >> 1;
  const ch = (height + 1) >> 1;
  // Strides wider than the rows, as decoders pad them.
  const ys = width + 8;
  const cs = cw + 4;
  const data = new Uint8Array(ys * height + 2 * cs * ch);
  for (let j = 0; j < height; j++) for (let i = 0; i < width; i++) data[j * ys + i] = y(i, j);
  const uo = ys * height;
  const vo = uo + cs * ch;
  for (let j = 0; j < ch; j++)
    for (let i = 0; i < cw; i++) {
      data[uo + j * cs + i] = u(i, j);
      data[vo + j * cs + i] = v(i, j);
    }
  return { data, width, height, y: { offset: 0, stride: ys }, u: { offset: uo, stride: cs }, v: { offset: vo, stride: cs } };
}

const flat = (yv: number, uv: number, vv: number) => picture(6, 4, () => yv, () => uv, () => vv);

function convert(p: YuvPicture, matrix: string, full: boolean, region = { x: 0, y: 0, w: p.width, h: p.height }, outW = region.w, outH = region.h) {
  const out = new Uint8ClampedArray(outW * outH * 4);
  yuvToRgba(p, region, yuvMatrix(matrix, full)!, out, outW, outH);
  return out;
}

describe('yuvToRgba', () => {
  it('maps limited-range black, white and grey to RGB, opaque', () => {
    expect([...convert(flat(16, 128, 128), 'bt709', false).slice(0, 4)]).toEqual([0, 0, 0, 255]);
    expect([...convert(flat(235, 128, 128), 'bt709', false).slice(0, 4)]).toEqual([255, 255, 255, 255]);
    expect([...convert(flat(128, 128, 128), 'bt709', true).slice(0, 4)]).toEqual([128, 128, 128, 255]);
  });

  it('uses the matrix of the frame: BT.709 and BT.601 red differ as the standards say', () => {
    // Limited-range 100 % red: BT.709 (63, 102, 240), BT.601 (81, 90, 240).
    const red709 = [...convert(flat(63, 102, 240), 'bt709', false).slice(0, 3)];
    const red601 = [...convert(flat(81, 90, 240), 'smpte170m', false).slice(0, 3)];
    for (const rgb of [red709, red601]) {
      expect(rgb[0]).toBeGreaterThanOrEqual(253);
      expect(rgb[1]).toBeLessThanOrEqual(2);
      expect(rgb[2]).toBeLessThanOrEqual(2);
    }
    // The BT.709 code values read with the BT.601 matrix are visibly off.
    const wrong = [...convert(flat(63, 102, 240), 'bt470bg', false).slice(0, 3)];
    expect(wrong.reduce((s, v, i) => s + Math.abs(v - red709[i]), 0)).toBeGreaterThan(15);
  });

  it('knows no matrix it cannot convert', () => {
    expect(yuvMatrix('bt2020-ncl', false)).toBeNull();
    expect(yuvMatrix(null, false)).toBeNull();
  });

  it('averages the pixels under each output pixel when scaling down', () => {
    // Luma stripes one pixel wide, black and white: halved, every pixel is mid-grey, not a stripe.
    const p = picture(8, 8, (x) => (x % 2 ? 235 : 16), () => 128, () => 128);
    const out = convert(p, 'bt709', false, { x: 0, y: 0, w: 8, h: 8 }, 4, 4);
    for (let i = 0; i < 16; i++) expect(Math.abs(out[i * 4] - 128)).toBeLessThanOrEqual(1);
  });

  it('shows only the region asked for, at its own resolution', () => {
    // Left half dark, right half bright; a crop of the right half is bright everywhere.
    const p = picture(8, 4, (x) => (x < 4 ? 16 : 235), () => 128, () => 128);
    const out = convert(p, 'bt709', false, { x: 4, y: 1, w: 4, h: 2 });
    expect(out.length).toBe(4 * 2 * 4);
    for (let i = 0; i < 8; i++) expect(out[i * 4]).toBe(255);
  });

  it('handles odd sizes, whose chroma planes round up', () => {
    const p = picture(5, 3, () => 235, () => 128, () => 128);
    const out = convert(p, 'bt709', false);
    expect(out.length).toBe(5 * 3 * 4);
    expect([...out.slice(-4)]).toEqual([255, 255, 255, 255]);
  });
});
