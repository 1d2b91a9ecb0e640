/**
 * The TIFF seam: the only module that imports the `tiff` package. Turns the first page of a TIFF
 * (8/16-bit, gray or RGB(A), uncompressed, LZW or Deflate) into 8-bit RGBA for previews.
 */
import { decode } from 'tiff';
import { ImageReadError } from '@/lib/ingest/types';

export interface RgbaImage {
  /** px */
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major. */
  data: Uint8ClampedArray;
}

const COMPRESSION_NAMES: Record<number, string> = { 6: 'old-style JPEG', 7: 'JPEG', 34712: 'JPEG 2000', 34887: 'LERC', 50001: 'WebP' };

/** Decodes the first page; throws an `ImageReadError` whose message is a sentence fragment (no file name). */
export function decodeTiffToRgba(bytes: Uint8Array): RgbaImage {
  let ifd;
  try {
    [ifd] = decode(bytes, { pages: [0] });
  } catch (err) {
    const compression = readCompression(bytes);
    if (compression !== undefined && COMPRESSION_NAMES[compression]) {
      throw new ImageReadError(`it uses ${COMPRESSION_NAMES[compression]} compression inside TIFF, which the workbench cannot read; save it as PNG or as an uncompressed or LZW TIFF`, true, { cause: err });
    }
    throw new ImageReadError('its TIFF data is damaged or uses a feature the workbench cannot read; save it again as PNG or TIFF', false, { cause: err });
  }
  if (!ifd) throw new ImageReadError('it holds no TIFF image', false);
  const { width, height } = ifd;
  const samples = ifd.samplesPerPixel || 1;
  const src = ifd.data as ArrayLike<number>;
  if (src.length < width * height * samples) throw new ImageReadError('its TIFF image data is shorter than its declared size, so the file is cut off', false);
  const type = ifd.type; // photometric interpretation: 0 WhiteIsZero, 1 BlackIsZero, 2 RGB, 3 palette, 5 CMYK
  if (type === 5) throw new ImageReadError('it is a CMYK TIFF, which the workbench cannot show; convert it to RGB', true);
  const out = new Uint8ClampedArray(width * height * 4);
  const n = width * height;

  if (type === 3 && ifd.palette) {
    const pal = ifd.palette;
    for (let i = 0; i < n; i++) {
      const c = pal[src[i]] ?? [0, 0, 0];
      out[i * 4] = c[0] >> 8;
      out[i * 4 + 1] = c[1] >> 8;
      out[i * 4 + 2] = c[2] >> 8;
      out[i * 4 + 3] = 255;
    }
    return { width, height, data: out };
  }

  // Deep single-channel images (depth maps, 16-bit scans) are stretched to their own range, or
  // they show as black; colour images keep their tones.
  const gray = samples <= 2;
  const deep = ifd.bitsPerSample > 8 || src instanceof Float32Array || src instanceof Float64Array;
  let lo = 0;
  let scale = deep ? 255 / 65535 : 1;
  if (deep && gray) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = src[i * samples];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    lo = min;
    scale = max > min ? 255 / (max - min) : 1;
  } else if (src instanceof Float32Array || src instanceof Float64Array) scale = 255;
  const to8 = (v: number) => (v - lo) * scale;
  const invert = type === 0;
  for (let i = 0; i < n; i++) {
    const s = i * samples;
    if (gray) {
      const v = invert ? 255 - to8(src[s]) : to8(src[s]);
      out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = v;
      out[i * 4 + 3] = samples === 2 ? (deep ? src[s + 1] / 257 : src[s + 1]) : 255;
    } else {
      out[i * 4] = to8(src[s]);
      out[i * 4 + 1] = to8(src[s + 1]);
      out[i * 4 + 2] = to8(src[s + 2]);
      out[i * 4 + 3] = samples >= 4 && ifd.alpha ? (deep ? src[s + 3] / 257 : src[s + 3]) : 255;
    }
  }
  return { width, height, data: out };
}

function readCompression(b: Uint8Array): number | undefined {
  if (b.length < 8) return undefined;
  const le = b[0] === 0x49;
  const u16 = (i: number) => (le ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  const u32 = (i: number) => (le ? (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 2 ** 24 : b[i] * 2 ** 24 + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]));
  const ifd = u32(4);
  if (ifd + 2 > b.length) return undefined;
  const count = u16(ifd);
  for (let k = 0; k < count && ifd + 2 + k * 12 + 12 <= b.length; k++) {
    const e = ifd + 2 + k * 12;
    if (u16(e) === 259) return u16(e + 8);
  }
  return undefined;
}

export interface XyzGrid {
  /** px */
  width: number;
  height: number;
  /** x y z per pixel, row-major, as stored (zeros mark holes). */
  xyz: Float32Array;
}

/**
 * Decodes an organised XYZ scan (3-channel float32 TIFF, MVTec 3D-AD's `xyz/*.tiff`); throws an
 * `ImageReadError` with a sentence fragment when the file is not one or is damaged.
 */
export function decodeXyzTiff(bytes: Uint8Array): XyzGrid {
  let ifd;
  try {
    [ifd] = decode(bytes, { pages: [0] });
  } catch (err) {
    throw new ImageReadError('its TIFF data is damaged or uses a feature the workbench cannot read', false, { cause: err });
  }
  if (!ifd) throw new ImageReadError('it holds no TIFF image', false);
  const data = ifd.data as unknown;
  if (ifd.samplesPerPixel !== 3 || !(data instanceof Float32Array)) {
    throw new ImageReadError('it is a TIFF image, not an organised XYZ scan (three float32 channels x, y, z)', true);
  }
  if (data.length < ifd.width * ifd.height * 3) throw new ImageReadError('its XYZ data is shorter than its declared size, so the file is cut off', false);
  return { width: ifd.width, height: ifd.height, xyz: data };
}
