/**
 * The zip seam: the only module that imports fflate. Zip archives for project files, and the
 * zlib compressor the sample generator uses for PNG.
 */
import { Inflate, unzipSync, zipSync, zlibSync, type Zippable } from 'fflate';
import { numberText } from '@/core/number-text';

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

/** What a zip may hold before anything is inflated (bytes and counts). */
export interface ZipLimits {
  maxEntries: number;
  /** Per named entry, its own ceiling (e.g. the manifest). */
  maxEntryBytes?: Record<string, number>;
  maxTotalBytes: number;
}

interface DirEntry {
  name: string;
  method: number;
  compressedBytes: number;
  declaredBytes: number;
  localOffset: number;
}

const MB = 1024 * 1024;
const sizeText = (bytes: number) => (bytes < MB ? `${numberText(Math.ceil(bytes / 1024))} KB` : `${numberText(Math.round(bytes / MB))} MB`);
/** Deflate expands at most ~1032×: compressed bytes handed on per step are sized so one step cannot run far past what an entry declared. */
const DEFLATE_MAX_RATIO = 1032;
const MIN_STEP = 1024;
const MAX_STEP = 256 * 1024;

/** The central directory: every entry with its declared sizes, read without inflating anything. */
function readDirectory(data: Uint8Array, fileName: string): DirEntry[] {
  const bad = () => new ZipReadError(`${fileName} is not a readable zip archive (it may be damaged or incomplete). Nothing was imported.`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad();
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipReadError(`${fileName} is a ZIP64 archive; project files exported by the workbench never are. Nothing was imported.`);
  const entries: DirEntry[] = [];
  let p = dirOffset;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > data.length || view.getUint32(p, true) !== 0x02014b50) throw bad();
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > data.length) throw bad();
    entries.push({
      name: decoder.decode(data.subarray(p + 46, p + 46 + nameLen)),
      method: view.getUint16(p + 10, true),
      compressedBytes: view.getUint32(p + 20, true),
      declaredBytes: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** One entry's bytes, inflated with a running total: more than it declared means damage or a bomb, and stops at once. */
function inflateEntry(data: Uint8Array, e: DirEntry, fileName: string): Uint8Array {
  const bad = () => new ZipReadError(`The entry "${e.name}" in ${fileName} is damaged. Nothing was imported.`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const p = e.localOffset;
  if (p + 30 > data.length || view.getUint32(p, true) !== 0x04034b50) throw bad();
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + e.compressedBytes > data.length) throw bad();
  const packed = data.subarray(start, start + e.compressedBytes);
  if (e.method === 0) {
    if (packed.length !== e.declaredBytes) throw bad();
    return packed.slice();
  }
  if (e.method !== 8) throw new ZipReadError(`The entry "${e.name}" in ${fileName} uses a compression method the workbench does not read. Nothing was imported.`);
  const out = new Uint8Array(e.declaredBytes);
  let filled = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow) return;
    if (filled + chunk.length > out.length) {
      overflow = true;
      return;
    }
    out.set(chunk, filled);
    filled += chunk.length;
  });
  try {
    for (let i = 0; i < packed.length && !overflow; ) {
      const step = Math.min(MAX_STEP, Math.max(MIN_STEP, Math.floor((out.length - filled) / DEFLATE_MAX_RATIO)));
      const end = Math.min(packed.length, i + step);
      inflater.push(packed.subarray(i, end), end === packed.length);
      i = end;
    }
  } catch {
    throw bad();
  }
  if (overflow) {
    throw new ZipReadError(`The entry "${e.name}" in ${fileName} inflates to more than the ${sizeText(e.declaredBytes)} it declares, so reading stopped there (a damaged file or a zip bomb). Nothing was imported.`);
  }
  if (filled !== out.length) throw bad();
  return out;
}

/**
 * Reads a zip without trusting it: the directory's declared sizes are checked against `limits`
 * before anything is inflated, and each entry is inflated with a running total that stops the
 * moment it passes what the entry declared. Memory stays within the declared, checked total.
 */
export function unzipWithLimits(data: Uint8Array, fileName: string, limits: ZipLimits): Record<string, Uint8Array> {
  const entries = readDirectory(data, fileName).filter((e) => !e.name.endsWith('/'));
  if (entries.length > limits.maxEntries) {
    throw new ZipReadError(`${fileName} holds ${numberText(entries.length)} files, more than the ${numberText(limits.maxEntries)} a project file may hold. Nothing was imported.`);
  }
  let total = 0;
  for (const e of entries) {
    const own = limits.maxEntryBytes?.[e.name];
    if (own !== undefined && e.declaredBytes > own) {
      throw new ZipReadError(`"${e.name}" in ${fileName} declares ${sizeText(e.declaredBytes)}, more than the ${sizeText(own)} it may have, so nothing was inflated. Nothing was imported.`);
    }
    total += e.declaredBytes;
  }
  if (total > limits.maxTotalBytes) {
    throw new ZipReadError(`${fileName} would inflate to ${sizeText(total)}, more than the ${sizeText(limits.maxTotalBytes)} a project file may hold in this browser, so nothing was inflated. Nothing was imported.`);
  }
  const files: Record<string, Uint8Array> = {};
  for (const e of entries) files[e.name] = inflateEntry(data, e, fileName);
  return files;
}
