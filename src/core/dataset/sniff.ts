/**
 * Content sniffing: what a file is, from its first bytes. The extension is only a hint; when it
 * disagrees with the content, the content wins and a note says so.
 */
import type { AssetKind } from '@/core/model';

export interface SniffedFormat {
  kind: AssetKind;
  /** Short format id, e.g. 'png', 'jpeg', 'tiff', 'ply', 'pcd', 'mp4', 'mov', 'webm', 'mkv'. */
  format: string;
  mime: string;
}

export interface SniffResult extends SniffedFormat {
  /** Set when the file's extension names another format, as a sentence. */
  extensionNote?: string;
}

/** How many leading bytes sniffing needs (callers may pass more). */
export const SNIFF_BYTES = 2048;

interface Signature extends SniffedFormat {
  label: string;
  extensions: string[];
  test: (b: Uint8Array) => boolean;
}

const ascii = (b: Uint8Array, at: number, s: string) => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

const bytesAt = (b: Uint8Array, at: number, sig: number[]) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

function textHead(b: Uint8Array, max = SNIFF_BYTES): string {
  let s = '';
  const n = Math.min(b.length, max);
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[i]);
  return s;
}

// BMP has only a two-letter magic, so the DIB header size must also be one of the known ones.
const BMP_DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function isPcd(b: Uint8Array): boolean {
  if (ascii(b, 0, '# .PCD')) return true;
  const head = textHead(b);
  const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  return /^(VERSION|FIELDS)\s/.test(firstLine) && /^VERSION\s/m.test(head) && /^FIELDS\s/m.test(head);
}

function ebmlDocType(b: Uint8Array): string | undefined {
  const head = textHead(b, 64);
  if (head.includes('webm')) return 'webm';
  if (head.includes('matroska')) return 'matroska';
  return undefined;
}

/** The table of known formats, tried in order. */
export const SIGNATURES: Signature[] = [
  { kind: 'image', format: 'png', mime: 'image/png', label: 'PNG image', extensions: ['png'], test: (b) => bytesAt(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { kind: 'image', format: 'jpeg', mime: 'image/jpeg', label: 'JPEG image', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], test: (b) => bytesAt(b, 0, [0xff, 0xd8, 0xff]) },
  { kind: 'image', format: 'webp', mime: 'image/webp', label: 'WebP image', extensions: ['webp'], test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { kind: 'image', format: 'gif', mime: 'image/gif', label: 'GIF image', extensions: ['gif'], test: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  {
    kind: 'image', format: 'tiff', mime: 'image/tiff', label: 'TIFF image', extensions: ['tif', 'tiff'],
    test: (b) => bytesAt(b, 0, [0x49, 0x49, 0x2a, 0x00]) || bytesAt(b, 0, [0x4d, 0x4d, 0x00, 0x2a]) || bytesAt(b, 0, [0x49, 0x49, 0x2b, 0x00]) || bytesAt(b, 0, [0x4d, 0x4d, 0x00, 0x2b]),
  },
  {
    kind: 'image', format: 'bmp', mime: 'image/bmp', label: 'BMP image', extensions: ['bmp', 'dib'],
    test: (b) => ascii(b, 0, 'BM') && b.length >= 18 && BMP_DIB_SIZES.has(b[14] | (b[15] << 8) | (b[16] << 16) | (b[17] << 24)),
  },
  { kind: 'pointcloud', format: 'ply', mime: 'application/x-ply', label: 'PLY point cloud', extensions: ['ply'], test: (b) => ascii(b, 0, 'ply\n') || ascii(b, 0, 'ply\r\n') },
  { kind: 'pointcloud', format: 'pcd', mime: 'application/x-pcd', label: 'PCD point cloud', extensions: ['pcd'], test: isPcd },
  { kind: 'video', format: 'mov', mime: 'video/quicktime', label: 'QuickTime video', extensions: ['mov', 'qt'], test: (b) => (ascii(b, 4, 'ftyp') && ascii(b, 8, 'qt  ')) || ascii(b, 4, 'moov') || ascii(b, 4, 'mdat') || ascii(b, 4, 'wide') },
  { kind: 'video', format: 'mp4', mime: 'video/mp4', label: 'MP4 video', extensions: ['mp4', 'm4v'], test: (b) => ascii(b, 4, 'ftyp') },
  { kind: 'video', format: 'webm', mime: 'video/webm', label: 'WebM video', extensions: ['webm'], test: (b) => bytesAt(b, 0, [0x1a, 0x45, 0xdf, 0xa3]) && ebmlDocType(b) !== 'matroska' },
  { kind: 'video', format: 'mkv', mime: 'video/x-matroska', label: 'Matroska video', extensions: ['mkv'], test: (b) => bytesAt(b, 0, [0x1a, 0x45, 0xdf, 0xa3]) },
];

export function extensionOf(name: string): string {
  const base = name.split('/').pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

const BY_EXTENSION = new Map(SIGNATURES.flatMap((s) => s.extensions.map((e) => [e, s] as const)));

/** The label of the format an extension usually stands for, if any. */
export function formatForExtension(name: string): SniffedFormat | undefined {
  const s = BY_EXTENSION.get(extensionOf(name));
  return s && { kind: s.kind, format: s.format, mime: s.mime };
}

/**
 * What the bytes are (pass at least the first `SNIFF_BYTES`), or undefined when no known format
 * matches. `name` only serves the note about a misleading extension.
 */
export function sniffFormat(head: Uint8Array, name = ''): SniffResult | undefined {
  const sig = SIGNATURES.find((s) => s.test(head));
  if (!sig) return undefined;
  const result: SniffResult = { kind: sig.kind, format: sig.format, mime: sig.mime };
  const ext = extensionOf(name);
  const claimed = BY_EXTENSION.get(ext);
  if (ext && !sig.extensions.includes(ext) && !(claimed && claimed.format === sig.format)) {
    result.extensionNote = claimed
      ? `"${baseName(name)}" is named like a ${claimed.label} but its content is a ${sig.label}; it was read as ${sig.label}.`
      : `"${baseName(name)}" has the unusual extension ".${ext}"; its content is a ${sig.label}.`;
  }
  return result;
}

export function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}
