import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { findCorpus } from '../../../scripts/find-corpus';
import { pngLooksComplete, readImageHeader } from '@/core/dataset/image-header';
import { checkFileSize, checkImageSize } from '@/core/dataset/ingest-limits';
import { sniffFormat } from '@/core/dataset/sniff';
import { bmpHeader, gifHeader, jpegHeader, pngHeader, tiffHeader, webpHeader } from '@/core/dataset/fixture-bytes';

const size = (bytes: Uint8Array, format: string) => {
  const r = readImageHeader(bytes, format);
  if (!r.ok) throw new Error(r.reason);
  return r.header;
};

describe('readImageHeader', () => {
  it('reads PNG IHDR with bit depth and channels', () => {
    expect(size(pngHeader(640, 480, { bitDepth: 16, colorType: 0 }), 'png')).toEqual({ width: 640, height: 480, bitDepth: 16, channels: 1 });
    expect(size(pngHeader(65536, 65536, { bitDepth: 1, colorType: 3 }), 'png')).toMatchObject({ width: 65536, height: 65536 });
  });
  it('scans JPEG markers to the SOF segment (baseline and progressive)', () => {
    expect(size(jpegHeader(20000, 14000), 'jpeg')).toEqual({ width: 20000, height: 14000, bitDepth: 8, channels: 3 });
    expect(size(jpegHeader(512, 384, { progressive: true }), 'jpeg')).toMatchObject({ width: 512, height: 384 });
  });
  it.each(['VP8 ', 'VP8L', 'VP8X'] as const)('reads WebP %s', (chunk) => {
    expect(size(webpHeader(300, 150, chunk), 'webp')).toMatchObject({ width: 300, height: 150 });
  });
  it('reads BMP (also top-down), GIF and TIFF in both byte orders', () => {
    expect(size(bmpHeader(33, -17), 'bmp')).toEqual({ width: 33, height: 17, bitDepth: 24 });
    expect(size(gifHeader(70, 20), 'gif')).toMatchObject({ width: 70, height: 20 });
    expect(size(tiffHeader(70000, 300, { bitsPerSample: 16 }), 'tiff')).toEqual({ width: 70000, height: 300, bitDepth: 16, channels: 1 });
    expect(size(tiffHeader(64, 48, { bigEndian: true, samples: 3 }), 'tiff')).toEqual({ width: 64, height: 48, bitDepth: 8, channels: 3 });
  });
  it('refuses cut-off and zero-size headers with a reason', () => {
    const cut = readImageHeader(pngHeader(10, 10).subarray(0, 20), 'png');
    expect(cut).toMatchObject({ ok: false, problem: 'corrupt' });
    expect(readImageHeader(pngHeader(0, 10), 'png')).toMatchObject({ ok: false, reason: expect.stringMatching(/zero pixels/) });
    expect(readImageHeader(jpegHeader(10, 10).subarray(0, 12), 'jpeg')).toMatchObject({ ok: false });
  });
  it('tells a truncated PNG from a complete one', () => {
    expect(pngLooksComplete(pngHeader(8, 8))).toBe(true);
    expect(pngLooksComplete(pngHeader(8, 8, { truncated: true }))).toBe(false);
  });
});

describe('ingest limits', () => {
  it('refuses a decompression bomb and a 280-megapixel JPEG before decoding', () => {
    expect(checkImageSize('bomb.png', size(pngHeader(65536, 65536), 'png'))).toMatch(/"bomb.png" declares 65536 × 65536 pixels \(4295 megapixels\).*not decoded/);
    expect(checkImageSize('giant.jpg', size(jpegHeader(20000, 14000), 'jpeg'))).toMatch(/280 megapixels/);
    expect(checkImageSize('ok.png', { width: 1024, height: 1024 })).toBeUndefined();
    expect(checkImageSize('strip.png', { width: 40_000, height: 10 })).toMatch(/longer than 30000 pixels/);
  });
  it('refuses files over the byte limit of their kind', () => {
    expect(checkFileSize('huge.png', 'image', 300 * 1024 * 1024)).toMatch(/"huge.png" is 300 MB, more than the 200 MB/);
    expect(checkFileSize('cloud.ply', 'pointcloud', 300 * 1024 * 1024)).toBeUndefined();
  });
});

const EDGE = `${findCorpus()}images/`;

describe.skipIf(!existsSync(EDGE))('headers of the shared corpus images', () => {
  const read = (rel: string) => {
    const bytes = new Uint8Array(readFileSync(`${EDGE}${rel}`));
    const s = sniffFormat(bytes, rel);
    return size(bytes, s!.format);
  };
  it.each([
    ['edge/sharp_65536-uint32-limit.png', 65536, 65536],
    ['edge/sharp_giant-image_20000x14000.jpg', 20000, 14000],
    ['formats/pngsuite_basn0g16.png', 32, 32],
    ['formats/pillow_16bit.cropped.tif', 64, 64],
    ['formats/pillow_hopper_lzw.tif', 128, 128],
    ['formats/sharp_uncompressed_tiff.tiff', 246, 345],
    ['formats/sharp_tifftag-photoshop_16bit_rgb.tiff', 317, 211],
    ['formats/pillow_hopper_lossy.webp', 128, 128],
    ['formats/pillow_transparent_alpha.webp', 200, 150],
    ['formats/sharp_5_webp_a.webp', 300, 300],
    ['formats/sharp_animated-loop-3.webp', 370, 285],
    ['formats/sharp_Landscape_6_exif_orientation6.jpg', 450, 600],
    ['formats/pillow_old-style-jpeg-compression_4160x870.png', 4160, 870],
    ['anomaly/saa_visa_candle_defect.JPG', 1284, 1168],
  ])('%s is %i × %i', (rel, w, h) => {
    expect(read(rel)).toMatchObject({ width: w, height: h });
  });
  it('16-bit files report their bit depth', () => {
    expect(read('formats/pngsuite_basn0g16.png').bitDepth).toBe(16);
    expect(read('formats/pillow_16bit.cropped.tif').bitDepth).toBe(16);
    expect(read('formats/sharp_tifftag-photoshop_16bit_rgb.tiff').bitDepth).toBe(16);
  });
});
