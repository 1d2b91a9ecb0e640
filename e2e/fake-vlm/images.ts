/**
 * Decodes the images a request carries (data URLs: PNG, JPEG) and measures facts about their
 * pixels, so tests can prove which pixels reached the model.
 */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 8 bit. */
  data: Uint8Array;
}

export interface ImageFacts {
  index: number;
  mime: string;
  /** Encoded size, bytes. */
  bytes: number;
  width: number;
  height: number;
  /** Mean colour, 0–255 per channel, rounded. */
  meanRgb: [number, number, number];
  /** Share of strongly red pixels (r > 150, g < 90, b < 90), 0–1: the fake "defect". */
  redFraction: number;
  /** Centre of the red pixels, normalised 0–1, when there are any. */
  redCentre?: [number, number];
  /** Share of dark brown pixels (40 < r < 100, r − g > 25, g < 40, b < 35), 0–1: a subtle defect. */
  darkFraction: number;
  error?: string;
}

const MAX_PIXELS = 40_000_000;

export function decodeDataUrl(url: string): { mime: string; bytes: Buffer; image?: DecodedImage; error?: string } {
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (!m) return { mime: 'unknown', bytes: Buffer.alloc(0), error: 'not a base64 data URL' };
  const mime = m[1];
  const bytes = Buffer.from(m[2], 'base64');
  try {
    if (mime === 'image/png') {
      const png = PNG.sync.read(bytes);
      return { mime, bytes, image: { width: png.width, height: png.height, data: new Uint8Array(png.data) } };
    }
    if (mime === 'image/jpeg') {
      const j = jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: MAX_PIXELS / 1e6, formatAsRGBA: true });
      return { mime, bytes, image: { width: j.width, height: j.height, data: j.data } };
    }
    return { mime, bytes, error: `cannot decode ${mime}` };
  } catch (err) {
    return { mime, bytes, error: err instanceof Error ? err.message : String(err) };
  }
}

export function imageFacts(index: number, url: string): ImageFacts {
  const d = decodeDataUrl(url);
  if (!d.image) return { index, mime: d.mime, bytes: d.bytes.length, width: 0, height: 0, meanRgb: [0, 0, 0], redFraction: 0, darkFraction: 0, error: d.error };
  const { width, height, data } = d.image;
  let r = 0;
  let g = 0;
  let b = 0;
  let red = 0;
  let dark = 0;
  let rx = 0;
  let ry = 0;
  const n = width * height;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    r += data[o];
    g += data[o + 1];
    b += data[o + 2];
    if (data[o] > 40 && data[o] < 100 && data[o] - data[o + 1] > 25 && data[o + 1] < 40 && data[o + 2] < 35) dark++;
    if (data[o] > 150 && data[o + 1] < 90 && data[o + 2] < 90) {
      red++;
      rx += i % width;
      ry += Math.floor(i / width);
    }
  }
  return {
    index,
    mime: d.mime,
    bytes: d.bytes.length,
    width,
    height,
    meanRgb: [Math.round(r / n), Math.round(g / n), Math.round(b / n)],
    redFraction: red / n,
    darkFraction: dark / n,
    redCentre: red ? [rx / red / width, ry / red / height] : undefined,
  };
}

/** Mean absolute difference of two images' mean colours (cheap, size-independent), 0–255. */
export function meanColourDistance(a: ImageFacts, b: ImageFacts): number {
  return (Math.abs(a.meanRgb[0] - b.meanRgb[0]) + Math.abs(a.meanRgb[1] - b.meanRgb[1]) + Math.abs(a.meanRgb[2] - b.meanRgb[2])) / 3;
}
