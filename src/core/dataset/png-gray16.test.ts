import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { readGray16Png, stretchGray16, unfilterGray16 } from '@/core/dataset/png-gray16';
import { pngHeader } from '@/core/dataset/fixture-bytes';

/** A 16-bit gray PNG whose values span only 1000..3000, like a depth map in millimetres. */
function depthPng(w: number, h: number): Buffer {
  const png = new PNG({ width: w, height: h, bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  const data = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = 1000 + Math.round((2000 * (x + y)) / (w + h - 2));
  (png as unknown as { data: Uint16Array }).data = data;
  return PNG.sync.write(png, { bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

describe('16-bit gray PNG previews', () => {
  it('reads the samples through every row filter and stretches them to full range', () => {
    const bytes = new Uint8Array(depthPng(9, 7));
    const img = readGray16Png(bytes)!;
    expect(img).toMatchObject({ width: 9, height: 7, colorType: 0 });
    const samples = unfilterGray16(new Uint8Array(inflateSync(img.idat)), img);
    expect(samples[0]).toBe(1000);
    expect(samples[9 * 7 - 1]).toBe(3000);
    const rgba = stretchGray16(samples, img);
    expect([rgba[0], rgba[3]]).toEqual([0, 255]);
    expect(rgba[(9 * 7 - 1) * 4]).toBe(255);
    // The middle of the ramp lands in the middle of the 8-bit range.
    expect(Math.abs(rgba[(3 * 9 + 4) * 4] - 128)).toBeLessThan(16);
  });
  it('leaves other PNGs to the browser', () => {
    expect(readGray16Png(pngHeader(4, 4, { bitDepth: 8, colorType: 0 }))).toBeUndefined();
    expect(readGray16Png(pngHeader(4, 4, { bitDepth: 16, colorType: 2 }))).toBeUndefined();
  });
  it('says a cut-off image is cut off', () => {
    expect(() => unfilterGray16(new Uint8Array(10), { width: 9, height: 7, colorType: 0 })).toThrow(/cut off/);
  });
});
