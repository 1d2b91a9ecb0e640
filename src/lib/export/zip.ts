/**
 * The zip seam: the only module that imports fflate. Zip archives for project files, and the
 * zlib compressor the sample generator uses for PNG.
 */
import { Inflate, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync, zlibSync, type Zippable } from 'fflate';
import { numberText } from '@/core/number-text';

/** Already-compressed media are stored; everything else is deflated. */
const STORED = /\.(png|jpe?g|webp|mp4|webm|mov|mkv|zip|gz)$/i;
const MTIME = new Date('2000-01-01T00:00:00Z');

/** zlib-compresses bytes (level 9); same input → same output for this fflate version. */
export function zlibCompress(data: Uint8Array): Uint8Array {
  return zlibSync(data, { level: 9 });
}

/** Builds a zip from path → bytes. Already-compressed media (PNG, JPEG, video) are stored. */
export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  const input: Zippable = {};
  for (const [path, data] of Object.entries(files)) {
    input[path] = [data, { level: STORED.test(path) ? 0 : 6, mtime: MTIME }];
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

/** One entry as the central directory declares it; `end` bounds its local header and data (the next entry's start). */
export interface ZipEntry {
  name: string;
  method: number;
  compressedBytes: number;
  declaredBytes: number;
  localOffset: number;
  end: number;
}

const MB = 1024 * 1024;
const sizeText = (bytes: number) => (bytes < MB ? `${numberText(Math.ceil(bytes / 1024))} KB` : `${numberText(Math.round(bytes / MB))} MB`);
/** Deflate expands at most ~1032×: compressed bytes handed on per step are sized so one step cannot run far past what an entry declared. */
const DEFLATE_MAX_RATIO = 1032;
const MIN_STEP = 1024;
const MAX_STEP = 256 * 1024;
const EOCD_MAX = 22 + 65535;

const unreadable = (fileName: string) => new ZipReadError(`${fileName} is not a readable zip archive (it may be damaged or incomplete). Nothing was imported.`);

/** Where the central directory is, from the archive's tail (`tail` ends where the archive ends). */
function findDirectory(tail: Uint8Array, tailStart: number, fileName: string): { count: number; dirOffset: number; dirBytes: number } {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const count = view.getUint16(i + 10, true);
    const dirBytes = view.getUint32(i + 12, true);
    const dirOffset = view.getUint32(i + 16, true);
    if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipReadError(`${fileName} is a ZIP64 archive; project files exported by the workbench never are. Nothing was imported.`);
    if (dirOffset + dirBytes > tailStart + i) throw unreadable(fileName);
    return { count, dirOffset, dirBytes };
  }
  throw unreadable(fileName);
}

/** The central directory: every entry with its declared sizes, read without inflating anything. */
function parseDirectory(dir: Uint8Array, count: number, dirOffset: number, fileName: string): ZipEntry[] {
  const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const entries: ZipEntry[] = [];
  let p = 0;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > dir.length || view.getUint32(p, true) !== 0x02014b50) throw unreadable(fileName);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > dir.length) throw unreadable(fileName);
    entries.push({
      name: decoder.decode(dir.subarray(p + 46, p + 46 + nameLen)),
      method: view.getUint16(p + 10, true),
      compressedBytes: view.getUint32(p + 20, true),
      declaredBytes: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      end: dirOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  // Each entry ends where the next begins (or at the directory): reads never run past it.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i + 1 < byOffset.length; i++) byOffset[i].end = byOffset[i + 1].localOffset;
  return entries.filter((e) => !e.name.endsWith('/'));
}

/** Checks the declared counts and sizes against `limits` before anything is inflated. */
function checkLimits(entries: ZipEntry[], fileName: string, limits: ZipLimits) {
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
}

/**
 * One entry's bytes from `data` (archive bytes starting at offset `base`), inflated with a running
 * total: more than it declared means damage or a bomb, and stops at once.
 */
function inflateEntry(data: Uint8Array, base: number, e: ZipEntry, fileName: string): Uint8Array {
  const bad = () => new ZipReadError(`The entry "${e.name}" in ${fileName} is damaged. Nothing was imported.`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const p = e.localOffset - base;
  const limit = Math.min(data.length, e.end - base);
  if (p < 0 || p + 30 > limit || view.getUint32(p, true) !== 0x04034b50) throw bad();
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + e.compressedBytes > limit) throw bad();
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
  const tailStart = Math.max(0, data.length - EOCD_MAX);
  const { count, dirOffset, dirBytes } = findDirectory(data.subarray(tailStart), tailStart, fileName);
  const entries = parseDirectory(data.subarray(dirOffset, dirOffset + dirBytes), count, dirOffset, fileName);
  checkLimits(entries, fileName, limits);
  const files: Record<string, Uint8Array> = {};
  for (const e of entries) files[e.name] = inflateEntry(data, 0, e, fileName);
  return files;
}

const blobBytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

/**
 * The directory of a zip held in a Blob (a dropped File stays on disk): only the tail and the
 * directory are read, and the declared sizes are checked against `limits`.
 */
export async function readZipDirectory(file: Blob, fileName: string, limits: ZipLimits): Promise<ZipEntry[]> {
  if (file.size < 22) throw unreadable(fileName);
  const tailStart = Math.max(0, file.size - EOCD_MAX);
  const { count, dirOffset, dirBytes } = findDirectory(await blobBytes(file.slice(tailStart)), tailStart, fileName);
  const entries = parseDirectory(await blobBytes(file.slice(dirOffset, dirOffset + dirBytes)), count, dirOffset, fileName);
  checkLimits(entries, fileName, limits);
  return entries;
}

/**
 * Inflates `entries` of a zip held in a Blob, reading each run of adjacent entries with one
 * slice, so memory holds only these entries, never the archive.
 */
export async function readZipEntries(file: Blob, entries: readonly ZipEntry[], fileName: string): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j].localOffset === sorted[j - 1].end) j++;
    const base = sorted[i].localOffset;
    const bytes = await blobBytes(file.slice(base, Math.min(file.size, sorted[j - 1].end)));
    for (let k = i; k < j; k++) files[sorted[k].name] = inflateEntry(bytes, base, sorted[k], fileName);
    i = j;
  }
  return files;
}

/** Output is gathered into Blob parts of about this size, so the archive never sits in memory as one array. */
const PART_BYTES = 4 * MB;
/** Deflated entries are fed in slices of this size, with a pause between, so no slice blocks the page for long. */
const FEED_BYTES = 256 * 1024;

/**
 * Writes a zip entry by entry into a Blob made of parts: memory holds the entry being written
 * and at most one part, and the browser may keep finished parts on disk.
 */
export class ZipBlobWriter {
  private parts: Blob[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private failure: unknown;
  private readonly zip = new Zip((err, chunk, final) => {
    if (err) this.failure = err;
    else this.take(chunk, final);
  });

  /** Bytes of archive written so far. */
  bytes = 0;

  private take(chunk: Uint8Array, final: boolean) {
    this.bytes += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (final || this.pendingBytes >= PART_BYTES) {
      this.parts.push(new Blob(this.pending as Uint8Array<ArrayBuffer>[]));
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  /** Adds one entry; a large deflated one is fed in slices with a pause between. */
  async add(path: string, data: Uint8Array): Promise<void> {
    const file = STORED.test(path) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    file.mtime = MTIME;
    this.zip.add(file);
    if (file instanceof ZipPassThrough || data.length <= FEED_BYTES) file.push(data, true);
    else {
      for (let i = 0; i < data.length; i += FEED_BYTES) {
        file.push(data.subarray(i, i + FEED_BYTES), i + FEED_BYTES >= data.length);
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    if (this.failure) throw this.failure;
  }

  /** Adds one deflated entry written piece by piece (text is UTF-8 encoded), with a pause between pieces. */
  async addPieces(path: string, pieces: Iterable<string | Uint8Array>): Promise<void> {
    const file = new ZipDeflate(path, { level: 6 });
    file.mtime = MTIME;
    this.zip.add(file);
    const utf8 = new TextEncoder();
    let held: Uint8Array | undefined;
    for (const piece of pieces) {
      // One piece is held back, so the last one can be pushed as the end of the entry.
      if (held) {
        file.push(held, false);
        await new Promise((r) => setTimeout(r, 0));
        if (this.failure) throw this.failure;
      }
      held = typeof piece === 'string' ? utf8.encode(piece) : piece;
    }
    file.push(held ?? new Uint8Array(0), true);
    if (this.failure) throw this.failure;
  }

  /** Ends the archive and returns it. */
  finish(type = 'application/zip'): Blob {
    this.zip.end();
    if (this.failure) throw this.failure;
    return new Blob(this.parts, { type });
  }
}
