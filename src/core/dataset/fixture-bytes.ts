/**
 * Tiny byte builders for tests: headers of each format with a chosen size, so sniffing and header
 * readers can be tested without binary fixtures. Not valid for decoding unless stated.
 */

const enc = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];

/** PNG signature + IHDR (+ IEND unless `truncated`). */
export function pngHeader(width: number, height: number, { bitDepth = 8, colorType = 2, truncated = false } = {}): Uint8Array<ArrayBuffer> {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const ihdr = [...be32(13), ...enc('IHDR'), ...be32(width), ...be32(height), bitDepth, colorType, 0, 0, 0, 0, 0, 0, 0];
  const iend = truncated ? [] : [0, 0, 0, 0, ...enc('IEND'), 0xae, 0x42, 0x60, 0x82];
  return new Uint8Array([...sig, ...ihdr, ...iend]);
}

/** JPEG with an APP0 segment, then SOF0 (or SOF2 when `progressive`). */
export function jpegHeader(width: number, height: number, { progressive = false } = {}): Uint8Array<ArrayBuffer> {
  const app0 = [0xff, 0xe0, ...be16(16), ...enc('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, progressive ? 0xc2 : 0xc0, ...be16(17), 8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]);
}

export function webpHeader(width: number, height: number, chunk: 'VP8 ' | 'VP8L' | 'VP8X' = 'VP8X'): Uint8Array<ArrayBuffer> {
  let body: number[];
  if (chunk === 'VP8 ') body = [...enc('VP8 '), ...le32(10), 0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(width), ...le16(height)];
  else if (chunk === 'VP8L') {
    const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
    body = [...enc('VP8L'), ...le32(5), 0x2f, ...le32(bits >>> 0)];
  } else body = [...enc('VP8X'), ...le32(10), 0x10, 0, 0, 0, ...le32(width - 1).slice(0, 3), ...le32(height - 1).slice(0, 3)];
  return new Uint8Array([...enc('RIFF'), ...le32(4 + body.length), ...enc('WEBP'), ...body, 0, 0]);
}

export function bmpHeader(width: number, height: number, bitsPerPixel = 24): Uint8Array<ArrayBuffer> {
  return new Uint8Array([...enc('BM'), ...le32(54), 0, 0, 0, 0, ...le32(54), ...le32(40), ...le32(width), ...le32(height), ...le16(1), ...le16(bitsPerPixel), ...new Array(24).fill(0)]);
}

export function gifHeader(width: number, height: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array([...enc('GIF89a'), ...le16(width), ...le16(height), 0, 0, 0]);
}

/** A TIFF whose first IFD gives width, height (LONG or SHORT), bits per sample and samples per pixel. */
export function tiffHeader(width: number, height: number, { bigEndian = false, bitsPerSample = 8, samples = 1 } = {}): Uint8Array<ArrayBuffer> {
  const u16 = bigEndian ? be16 : le16;
  const u32 = bigEndian ? be32 : le32;
  const entry = (tag: number, type: number, value: number) => [...u16(tag), ...u16(type), ...u32(1), ...(type === 3 ? [...u16(value), 0, 0] : u32(value))];
  const entries = [entry(256, 4, width), entry(257, 3, height), entry(258, 3, bitsPerSample), entry(277, 3, samples)];
  return new Uint8Array([...(bigEndian ? enc('MM') : enc('II')), ...u16(42), ...u32(8), ...u16(entries.length), ...entries.flat(), ...u32(0)]);
}

export const textBytes = (s: string) => new Uint8Array(enc(s));

/** An ISO-BMFF file start: an `ftyp` box with `brand`. */
export const ftyp = (brand: string) => new Uint8Array([...be32(20), ...enc('ftyp'), ...enc(brand), 0, 0, 2, 0, ...enc('isom')]);

export const ebml = (docType: string) => new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, ...enc(docType)]);

/** A decodable little-endian uncompressed TIFF: one strip, `samples` per pixel of `bits` (8/16). */
export function tiffImage(width: number, height: number, samples: number, bits: 8 | 16, values: number[]): Uint8Array<ArrayBuffer> {
  const pixelBytes = values.flatMap((v) => (bits === 16 ? le16(v) : [v]));
  const entries: number[][] = [];
  const e = (tag: number, type: number, count: number, value: number) => entries.push([...le16(tag), ...le16(type), ...le32(count), ...(type === 3 ? [...le16(value), 0, 0] : le32(value))]);
  const ifdAt = 8;
  const nEntries = 9;
  const bpsAt = ifdAt + 2 + nEntries * 12 + 4;
  const dataAt = bpsAt + samples * 2;
  e(256, 3, 1, width);
  e(257, 3, 1, height);
  e(258, 3, samples, samples > 2 ? bpsAt : bits);
  e(259, 3, 1, 1);
  e(262, 3, 1, samples >= 3 ? 2 : 1);
  e(273, 4, 1, dataAt);
  e(277, 3, 1, samples);
  e(278, 3, 1, height);
  e(279, 4, 1, pixelBytes.length);
  const bps = samples > 2 ? Array.from({ length: samples }, () => le16(bits)).flat() : new Array(samples * 2).fill(0);
  return new Uint8Array([...enc('II'), ...le16(42), ...le32(ifdAt), ...le16(nEntries), ...entries.flat(), ...le32(0), ...bps, ...pixelBytes]);
}

/**
 * An organised XYZ cloud as MVTec 3D-AD stores it: little-endian uncompressed TIFF, 3 float32
 * samples per pixel (x, y, z), one strip. `xyz` holds width × height × 3 values; zeros mark holes.
 */
export function xyzTiff(width: number, height: number, xyz: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const pixels = new Uint8Array(new Float32Array(Array.from(xyz)).buffer);
  const entries: number[][] = [];
  const e = (tag: number, type: number, count: number, value: number) => entries.push([...le16(tag), ...le16(type), ...le32(count), ...(type === 3 && count === 1 ? [...le16(value), 0, 0] : le32(value))]);
  const ifdAt = 8;
  const nEntries = 11;
  const bpsAt = ifdAt + 2 + nEntries * 12 + 4;
  const fmtAt = bpsAt + 6;
  const dataAt = fmtAt + 6;
  e(256, 3, 1, width);
  e(257, 3, 1, height);
  e(258, 3, 3, bpsAt);
  e(259, 3, 1, 1);
  e(262, 3, 1, 2);
  e(273, 4, 1, dataAt);
  e(277, 3, 1, 3);
  e(278, 3, 1, height);
  e(279, 4, 1, pixels.length);
  e(284, 3, 1, 1);
  e(339, 3, 3, fmtAt);
  return new Uint8Array([...enc('II'), ...le16(42), ...le32(ifdAt), ...le16(nEntries), ...entries.flat(), ...le32(0), ...le16(32), ...le16(32), ...le16(32), ...le16(3), ...le16(3), ...le16(3), ...pixels]);
}
