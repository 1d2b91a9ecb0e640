/** A structurally valid PNG (right chunk CRCs, one IDAT of stored deflate blocks) of any size, for tests. */
import { crc32 } from '../crc32';

const enc = (s: string) => [...s].map((c) => c.charCodeAt(0));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

function chunk(type: string, data: number[]): number[] {
  const td = new Uint8Array([...enc(type), ...data]);
  return [...be32(data.length), ...td, ...be32(crc32(td))];
}

/** RGB 8-bit; the pixel data is a zlib stream of stored blocks, so no compressor is needed. */
export function validPng(width: number, height: number, fill = 128): Uint8Array<ArrayBuffer> {
  const raw: number[] = [];
  for (let y = 0; y < height; y++) raw.push(0, ...new Array(width * 3).fill(fill));
  const z: number[] = [0x78, 0x01];
  for (let i = 0; i < raw.length || i === 0; i += 65535) {
    const part = raw.slice(i, i + 65535);
    const last = i + 65535 >= raw.length;
    z.push(last ? 1 : 0, part.length & 255, part.length >>> 8, ~part.length & 255, (~part.length >>> 8) & 255, ...part);
  }
  let a = 1, b = 0;
  for (const v of raw) {
    a = (a + v) % 65521;
    b = (b + a) % 65521;
  }
  z.push(...be32(((b << 16) | a) >>> 0));
  const ihdr = [...be32(width), ...be32(height), 8, 2, 0, 0, 0];
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...chunk('IDAT', z), ...chunk('IEND', [])]);
}
