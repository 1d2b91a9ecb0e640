/**
 * Pixel size from an image's header, without decoding it, so a file that declares an absurd size
 * (a decompression bomb) is refused before any decoder allocates memory for it.
 */

export interface ImageHeader {
  /** px */
  width: number;
  height: number;
  /** Bits per channel sample, where the header says so. */
  bitDepth?: number;
  channels?: number;
  /** TIFF SampleFormat: true when samples are IEEE floats (depth maps, organised XYZ scans). */
  floatSamples?: boolean;
}

/**
 * True for a 3-channel float32 TIFF: an organised XYZ point cloud (MVTec 3D-AD's `xyz/*.tiff`),
 * not a picture. Decided by content, so it holds whatever the folder is called.
 */
export const isOrganisedXyz = (h: ImageHeader) => h.channels === 3 && h.bitDepth === 32 && h.floatSamples === true;

export type HeaderRead = { ok: true; header: ImageHeader } | { ok: false; problem: 'corrupt' | 'unsupported'; reason: string };

const fail = (reason: string, problem: 'corrupt' | 'unsupported' = 'corrupt'): HeaderRead => ({ ok: false, problem, reason });
const ok = (header: ImageHeader): HeaderRead =>
  header.width > 0 && header.height > 0 ? { ok: true, header } : fail('its header declares a size of zero pixels');

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
const u32le = (b: Uint8Array, i: number) => ((b[i + 3] << 24) >>> 0) + ((b[i + 2] << 16) | (b[i + 1] << 8) | b[i]);
const i32le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
const tag = (b: Uint8Array, i: number) => String.fromCharCode(b[i], b[i + 1], b[i + 2], b[i + 3]);

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function readPng(b: Uint8Array): HeaderRead {
  if (b.length < 33 || tag(b, 12) !== 'IHDR') return fail('its PNG header is missing or cut off');
  const header = { width: u32be(b, 16), height: u32be(b, 20), bitDepth: b[24], channels: PNG_CHANNELS[b[25]] };
  if (header.channels === undefined) return fail(`its PNG header names an unknown colour type ${b[25]}`);
  return ok(header);
}

/** A PNG must end with an IEND chunk; without it the file was cut off. */
export function pngLooksComplete(b: Uint8Array): boolean {
  const from = Math.max(8, b.length - 64);
  for (let i = b.length - 8; i >= from; i--) if (tag(b, i) === 'IEND') return true;
  return false;
}

// SOF markers that carry the frame size: all of C0–CF except DHT (C4), JPG (C8) and DAC (CC).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function readJpeg(b: Uint8Array): HeaderRead {
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return fail('its JPEG markers are damaged');
    while (b[i] === 0xff && i < b.length) i++;
    const marker = b[i];
    i++;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9 || marker === 0xda) return fail('its JPEG data starts before the image size is declared');
    if (i + 2 > b.length) break;
    const len = u16be(b, i);
    if (len < 2) return fail('its JPEG markers are damaged');
    if (SOF.has(marker)) {
      if (i + 8 > b.length) break;
      return ok({ bitDepth: b[i + 2], height: u16be(b, i + 3), width: u16be(b, i + 5), channels: b[i + 7] });
    }
    i += len;
  }
  return fail('its JPEG header is cut off before the image size');
}

function readWebp(b: Uint8Array): HeaderRead {
  if (b.length < 25) return fail('its WebP header is cut off');
  const chunk = tag(b, 12);
  if ((chunk === 'VP8 ' || chunk === 'VP8X') && b.length < 30) return fail('its WebP header is cut off');
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return fail('its WebP (VP8) frame header is damaged');
    return ok({ width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff, bitDepth: 8, channels: 3 });
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return fail('its WebP (lossless) header is damaged');
    const bits = u32le(b, 21);
    return ok({ width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, bitDepth: 8, channels: (bits >>> 28) & 1 ? 4 : 3 });
  }
  if (chunk === 'VP8X') {
    const w = (b[24] | (b[25] << 8) | (b[26] << 16)) + 1;
    const h = (b[27] | (b[28] << 8) | (b[29] << 16)) + 1;
    return ok({ width: w, height: h, bitDepth: 8, channels: b[20] & 0x10 ? 4 : 3 });
  }
  return fail(`its WebP container holds an unknown "${chunk.trim()}" chunk`);
}

function readBmp(b: Uint8Array): HeaderRead {
  if (b.length < 26) return fail('its BMP header is cut off');
  const dib = u32le(b, 14);
  if (dib === 12) return ok({ width: u16le(b, 18), height: u16le(b, 20), bitDepth: u16le(b, 24) });
  if (b.length < 30) return fail('its BMP header is cut off');
  // A negative height means rows are stored top-down.
  return ok({ width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)), bitDepth: u16le(b, 28) });
}

function readGif(b: Uint8Array): HeaderRead {
  if (b.length < 10) return fail('its GIF header is cut off');
  return ok({ width: u16le(b, 6), height: u16le(b, 8), bitDepth: 8 });
}

function readTiff(b: Uint8Array): HeaderRead {
  if (b.length < 8) return fail('its TIFF header is cut off');
  const le = b[0] === 0x49;
  const u16 = le ? u16le : u16be;
  const u32 = le ? u32le : u32be;
  if (u16(b, 2) === 43) return fail('it is a BigTIFF file, which the workbench cannot read; save it as a regular TIFF or PNG', 'unsupported');
  const ifd = u32(b, 4);
  if (ifd + 2 > b.length) return fail('its first TIFF directory lies past the end of the file');
  const count = u16(b, ifd);
  if (ifd + 2 + count * 12 > b.length) return fail('its first TIFF directory is cut off');
  const h: ImageHeader = { width: 0, height: 0 };
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    const id = u16(b, e);
    const type = u16(b, e + 2);
    const n = u32(b, e + 4);
    // SHORT (3) values sit in the first two bytes of the value field; LONG (4) fills it.
    const inline = type === 3 ? u16(b, e + 8) : u32(b, e + 8);
    if (id === 256) h.width = inline;
    else if (id === 257) h.height = inline;
    else if (id === 277) h.channels = inline;
    else if (id === 339) {
      // SampleFormat 3 = IEEE float; with several samples the values sit at an offset.
      const at = u32(b, e + 8);
      const first = type === 3 && n > 2 ? (at + 2 <= b.length ? u16(b, at) : undefined) : inline;
      h.floatSamples = first === 3;
    }
    else if (id === 258) {
      if (type === 3 && n > 2) {
        const at = u32(b, e + 8);
        h.bitDepth = at + 2 <= b.length ? u16(b, at) : undefined;
      } else h.bitDepth = inline;
    }
  }
  return ok(h);
}

const READERS: Record<string, (b: Uint8Array) => HeaderRead> = {
  png: readPng,
  jpeg: readJpeg,
  webp: readWebp,
  bmp: readBmp,
  gif: readGif,
  tiff: readTiff,
};

/**
 * Reads width/height (and bit depth where present) of an image of a sniffed `format`.
 * Pass the whole file or at least its first 64 KiB (JPEG headers can sit behind large EXIF blocks).
 */
export function readImageHeader(bytes: Uint8Array, format: string): HeaderRead {
  const reader = READERS[format];
  if (!reader) return fail(`the workbench has no reader for "${format}" images`, 'unsupported');
  return reader(bytes);
}
