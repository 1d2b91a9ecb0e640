/**
 * 16-bit grayscale PNGs (depth maps, X-ray, thermal) usually fill a small part of 0–65535, so a
 * browser's plain 16→8-bit conversion shows them black. These helpers read such a PNG's samples
 * (the zlib inflate is passed in) and stretch them to the image's own range for previews.
 */

export interface Gray16Png {
  /** px */
  width: number;
  height: number;
  /** Colour type 0 (gray) or 4 (gray + alpha). */
  colorType: 0 | 4;
  /** Concatenated IDAT payloads (still zlib-compressed). */
  idat: Uint8Array;
}

const u32 = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);

/** The chunks of a 16-bit, non-interlaced gray PNG, or undefined for any other PNG. */
export function readGray16Png(b: Uint8Array): Gray16Png | undefined {
  if (b.length < 33 || b[24] !== 16 || (b[25] !== 0 && b[25] !== 4) || b[28] !== 0) return undefined;
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let i = 8; i + 8 <= b.length; ) {
    const len = u32(b, i);
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    if (i + 12 + len > b.length) return undefined;
    if (type === 'IDAT') {
      parts.push(b.subarray(i + 8, i + 8 + len));
      size += len;
    }
    if (type === 'IEND') break;
    i += 12 + len;
  }
  const idat = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    idat.set(p, at);
    at += p.length;
  }
  return { width: u32(b, 16), height: u32(b, 20), colorType: b[25] as 0 | 4, idat };
}

function paeth(a: number, b: number, c: number) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes PNG row filters in place and returns the samples as 16-bit values. */
export function unfilterGray16(raw: Uint8Array, img: Pick<Gray16Png, 'width' | 'height' | 'colorType'>): Uint16Array {
  const bpp = img.colorType === 4 ? 4 : 2;
  const stride = img.width * bpp;
  if (raw.length < (stride + 1) * img.height) throw new Error('its PNG image data is shorter than its declared size, so the file is cut off');
  const out = new Uint8Array(stride * img.height);
  for (let y = 0; y < img.height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      const v = raw[src + x];
      out[row + x] = filter === 0 ? v : filter === 1 ? v + a : filter === 2 ? v + b : filter === 3 ? v + ((a + b) >> 1) : paeth(a, b, c) + v;
    }
  }
  const samples = new Uint16Array(out.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = (out[i * 2] << 8) | out[i * 2 + 1];
  return samples;
}

/** RGBA 8-bit with gray stretched from the image's min..max (alpha kept). */
export function stretchGray16(samples: Uint16Array, img: Pick<Gray16Png, 'width' | 'height' | 'colorType'>): Uint8ClampedArray {
  const step = img.colorType === 4 ? 2 : 1;
  const n = img.width * img.height;
  let min = 65535;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = samples[i * step];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = max > min ? 255 / (max - min) : 0;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const v = (samples[i * step] - min) * scale;
    out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = v;
    out[i * 4 + 3] = step === 2 ? samples[i * 2 + 1] >> 8 : 255;
  }
  return out;
}
