import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findCorpus } from '../../../scripts/find-corpus';
import { crc32 } from './crc32';
import { checkImageStructure, checkJpegStructure, checkPngStructure } from './image-structure';

const CORPUS = findCorpus();
const dirs = ['images/anomaly', 'images/formats', 'images/edge'].map((d) => join(CORPUS, d)).filter(existsSync);
if (!dirs.length) console.log(`Image corpus not found at ${CORPUS}: structure checks use generated files only.`);
const realFiles = dirs.flatMap((d) => readdirSync(d).filter((f) => /\.(png|jpe?g)$/i.test(f)).map((f) => join(d, f)));

function chunk(type: string, data: Uint8Array): Buffer {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  td.copy(out, 4);
  out.writeUInt32BE(zlibCrc32(td) >>> 0, 8 + data.length);
  return out;
}

function png(w = 16, h = 8): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc(h * (w * 3 + 1), 7);
  const idat = deflateSync(raw);
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat.subarray(0, 10)), chunk('IDAT', idat.subarray(10)), chunk('IEND', new Uint8Array())]));
}

describe('image structure without decoding', () => {
  it('computes the same CRC-32 as zlib', () => {
    const b = new Uint8Array(10_003).map((_, i) => (i * 7919) & 255);
    expect(crc32(b)).toBe(zlibCrc32(b) >>> 0);
    expect(crc32(b, 5, 9_001)).toBe(zlibCrc32(b.subarray(5, 9_001)) >>> 0);
  });

  it('accepts a whole PNG and names what is wrong with damaged ones', () => {
    const good = png();
    expect(checkPngStructure(good)).toEqual({ ok: true });
    const flipped = good.slice();
    flipped[60] ^= 0x10;
    expect(checkPngStructure(flipped)).toMatchObject({ ok: false, reason: expect.stringMatching(/checksum/) });
    expect(checkPngStructure(good.slice(0, good.length - 12))).toMatchObject({ ok: false, reason: expect.stringMatching(/cut off/) });
    expect(checkPngStructure(good.slice(0, 70))).toMatchObject({ ok: false, reason: expect.stringMatching(/cut off|past the end/) });
  });

  for (const file of realFiles)
    it(`accepts the real file ${file.slice(CORPUS.length)} and refuses it cut short or with a flipped byte`, () => {
      const b = new Uint8Array(readFileSync(file));
      const format = /\.png$/i.test(file) ? 'png' : 'jpeg';
      expect(checkImageStructure(b, format)).toEqual({ ok: true });
      expect(checkImageStructure(b.slice(0, Math.floor(b.length * 0.7)), format).ok).toBe(false);
      if (format === 'png') {
        const m = b.slice();
        m[Math.floor(b.length / 2)] ^= 0x55;
        expect(checkImageStructure(m, format).ok).toBe(false);
      }
    });

  it('refuses a JPEG without an end marker or with a broken segment chain', () => {
    const jpeg = realFiles.find((f) => /\.jpe?g$/i.test(f));
    if (!jpeg) return;
    const b = new Uint8Array(readFileSync(jpeg));
    expect(checkJpegStructure(b.slice(0, b.length - 2))).toMatchObject({ ok: false, reason: expect.stringMatching(/no end marker|cut off/) });
    const m = b.slice();
    m[2] = 0x12;
    expect(checkJpegStructure(m)).toMatchObject({ ok: false, reason: expect.stringMatching(/markers are damaged/) });
  });
});
