import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { findCorpus } from '../../../scripts/find-corpus';
import { decodeTiffToRgba } from '@/lib/images/tiff';
import { tiffImage } from '@/core/dataset/fixture-bytes';

describe('decodeTiffToRgba', () => {
  it('stretches a 16-bit gray image to its own range (so depth maps are not black)', () => {
    const img = decodeTiffToRgba(tiffImage(2, 1, 1, 16, [1000, 3000]));
    expect([img.width, img.height]).toEqual([2, 1]);
    expect(Array.from(img.data)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });
  it('keeps 8-bit RGB tones and scales 16-bit RGB to 8 bits', () => {
    expect(Array.from(decodeTiffToRgba(tiffImage(1, 1, 3, 8, [10, 20, 30])).data)).toEqual([10, 20, 30, 255]);
    expect(Array.from(decodeTiffToRgba(tiffImage(1, 1, 3, 16, [65535, 0, 32896])).data)).toEqual([255, 0, 128, 255]);
  });
  it('explains damaged data in words', () => {
    expect(() => decodeTiffToRgba(new Uint8Array([0x49, 0x49, 42, 0, 200, 0, 0, 0]))).toThrow(/TIFF data is damaged/);
  });
});

const FORMATS = `${findCorpus()}images/formats/`;
describe.skipIf(!existsSync(FORMATS))('decodeTiffToRgba on the shared corpus', () => {
  it.each([
    ['pillow_16bit.cropped.tif', 64, 64],
    ['pillow_hopper_lzw.tif', 128, 128],
    ['sharp_uncompressed_tiff.tiff', 246, 345],
    ['sharp_tifftag-photoshop_16bit_rgb.tiff', 317, 211],
  ])('%s decodes to %i × %i with visible content', (file, w, h) => {
    const img = decodeTiffToRgba(new Uint8Array(readFileSync(`${FORMATS}${file}`)));
    expect([img.width, img.height]).toEqual([w, h]);
    const lum = new Set<number>();
    for (let i = 0; i < img.data.length; i += 4 * 97) lum.add(img.data[i]);
    expect(lum.size).toBeGreaterThan(10);
  });
  it('names JPEG-in-TIFF as the reason a CMYK scan cannot be read', () => {
    expect(() => decodeTiffToRgba(new Uint8Array(readFileSync(`${FORMATS}sharp_fogra-0-100-100-0_cmyk.tif`)))).toThrow(/JPEG compression inside TIFF/);
  });
});
