/**
 * The zip seam: the only module that imports fflate. Zip archives for project files, and the
 * zlib compressor the sample generator uses for PNG.
 */
import { unzipSync, zipSync, zlibSync, type Zippable } from 'fflate';

/** zlib-compresses bytes (level 9); same input → same output for this fflate version. */
export function zlibCompress(data: Uint8Array): Uint8Array {
  return zlibSync(data, { level: 9 });
}

/** Builds a zip from path → bytes. Already-compressed media (PNG, JPEG, video) are stored. */
export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  const input: Zippable = {};
  for (const [path, data] of Object.entries(files)) {
    const stored = /\.(png|jpe?g|webp|mp4|webm|mov|mkv|zip|gz)$/i.test(path);
    input[path] = [data, { level: stored ? 0 : 6, mtime: new Date('2000-01-01T00:00:00Z') }];
  }
  return zipSync(input);
}

export class ZipReadError extends Error {}

/** Reads every file of a zip. Throws ZipReadError (with a sentence) when the bytes are not a readable zip. */
export function unzipFiles(data: Uint8Array, fileName = 'The file'): Record<string, Uint8Array> {
  try {
    return unzipSync(data);
  } catch {
    throw new ZipReadError(`${fileName} is not a readable zip archive (it may be damaged or incomplete). Nothing was imported.`);
  }
}
