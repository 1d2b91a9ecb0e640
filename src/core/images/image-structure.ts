/**
 * Structural checks of PNG and JPEG files without decoding pixels: enough to catch a damaged or
 * cut-off file at ingest (chunk lengths and CRCs, marker chains, an end marker). Damage inside
 * compressed pixel data that keeps the structure intact is caught at first decode instead.
 */
import { crc32 } from './crc32';

export type StructureCheck = { ok: true } | { ok: false; reason: string };

const OK: StructureCheck = { ok: true };
const bad = (reason: string): StructureCheck => ({ ok: false, reason });
const u32 = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Every chunk within the file with a matching CRC, IHDR first, IDAT present and contiguous, IEND last. */
export function checkPngStructure(b: Uint8Array): StructureCheck {
  if (b.length < 8 || PNG_SIG.some((v, i) => b[i] !== v)) return bad('its PNG signature is damaged');
  let i = 8;
  let index = 0;
  let idat: 'none' | 'open' | 'closed' = 'none';
  while (i + 12 <= b.length) {
    const len = u32(b, i);
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    if (len > b.length - i - 12) return bad(`its PNG chunk "${type.replace(/[^\x20-\x7e]/g, '?')}" runs past the end of the file (the file is cut off or damaged)`);
    if (index === 0 && type !== 'IHDR') return bad('its PNG header chunk is missing');
    if (crc32(b, i + 4, i + 8 + len) !== u32(b, i + 8 + len)) return bad(`its PNG chunk "${type.replace(/[^\x20-\x7e]/g, '?')}" is damaged (checksum mismatch)`);
    if (type === 'IDAT') {
      if (idat === 'closed') return bad('its PNG image data is split by other chunks');
      idat = 'open';
    } else if (idat === 'open') idat = 'closed';
    if (type === 'IEND') return idat === 'none' ? bad('its PNG has no image data') : OK;
    i += 12 + len;
    index++;
  }
  return bad('it is cut off (the PNG ends before its last chunk)');
}

/**
 * Segments from SOI to the first scan chained by their lengths, then entropy-coded data up to an
 * EOI marker: a JPEG without EOI was cut off. Progressive files repeat scans; each is walked.
 */
export function checkJpegStructure(b: Uint8Array): StructureCheck {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return bad('its JPEG start marker is damaged');
  let i = 2;
  let frame = false;
  while (i < b.length) {
    if (b[i] !== 0xff) return bad('its JPEG markers are damaged');
    while (i < b.length && b[i] === 0xff) i++;
    if (i >= b.length) break;
    const m = b[i++];
    if (m === 0xd9) return frame ? OK : bad('its JPEG ends before any image frame');
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) continue;
    if (i + 2 > b.length) break;
    const len = (b[i] << 8) | b[i + 1];
    if (len < 2 || i + len > b.length) return i + len > b.length ? bad('it is cut off (the JPEG ends inside a segment)') : bad('its JPEG markers are damaged');
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) frame = true;
    i += len;
    if (m === 0xda) {
      if (!frame) return bad('its JPEG data starts before the image size is declared');
      // Entropy-coded data: FF 00 is a stuffed byte and FF D0–D7 a restart; any other FF xx ends the scan.
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0 && !(b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7))) i++;
      if (i + 1 >= b.length) break;
    }
  }
  return bad('it is cut off (the JPEG has no end marker)');
}

const CHECKS: Record<string, (b: Uint8Array) => StructureCheck> = { png: checkPngStructure, jpeg: checkJpegStructure };

/** Whether `format` has a structural check (others are checked by decoding). */
export function hasStructureCheck(format: string): boolean {
  return format in CHECKS;
}

export function checkImageStructure(b: Uint8Array, format: string): StructureCheck {
  return CHECKS[format]?.(b) ?? OK;
}
