/**
 * One file, from bytes to something storable: sniff, check limits from the header, hash, preview.
 * Runs in the ingest worker; the preview maker is passed in so node tests can run the rest.
 */
import { sha256Hex } from '@/core/identity';
import { baseName, sniffFormat, type SniffResult } from '@/core/dataset/sniff';
import { isOrganisedXyz, pngLooksComplete, readImageHeader, type ImageHeader } from '@/core/dataset/image-header';
import { checkFileSize, checkImageSize } from '@/core/dataset/ingest-limits';
import { checkImageStructure, hasStructureCheck } from '@/core/images/image-structure';
import { ImageReadError, type PrepareResult, type PreparedFile, type RefusedFile } from '@/lib/ingest/types';

export type ThumbnailMaker = (input: { bytes: Uint8Array; blob: Blob; sniffed: SniffResult; header?: ImageHeader; name: string }) => Promise<PreparedFile['thumb']>;

export interface PrepareDeps {
  makeThumbnail: ThumbnailMaker;
  /** Hashes already in the project (and seen earlier in this run): skip decoding those. */
  known: Set<string>;
}

const refuse = (reason: RefusedFile['reason'], message: string, assetId?: string): RefusedFile => ({ ok: false, reason, message, ...(assetId ? { assetId } : {}) });

const SUPPORTED = 'PNG, JPEG, WebP, BMP, GIF, TIFF, PLY, PCD, MP4, MOV or WebM';

/** `path` is the file's path inside the drop; messages name the file by it. */
export async function prepareFile(file: Blob, path: string, deps: PrepareDeps): Promise<PrepareResult> {
  const name = baseName(path);
  if (file.size === 0) return refuse('empty', `"${name}" is empty (0 bytes), so there is nothing to add.`);

  // Sniff and check the size from the first bytes, so an oversized file is never read whole.
  let bytes: Uint8Array;
  let sniffed: SniffResult | undefined;
  try {
    sniffed = sniffFormat(new Uint8Array(await file.slice(0, 4096).arrayBuffer()), name);
    if (!sniffed) return refuse('unsupported', `"${name}" is not a file the workbench can read; it takes ${SUPPORTED}.`);
    const tooBig = checkFileSize(name, sniffed.kind, file.size);
    if (tooBig) return refuse('too-large', tooBig);
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return refuse('unreadable', `"${name}" could not be read (it may have been moved, or the browser lost access); add it again.`);
  }

  let header: ImageHeader | undefined;
  if (sniffed.kind === 'image') {
    const read = readImageHeader(bytes, sniffed.format);
    if (!read.ok) return refuse(read.problem === 'unsupported' ? 'unsupported' : 'corrupt', `"${name}" cannot be opened: ${read.reason}.`);
    header = read.header;
    const over = checkImageSize(name, header);
    if (over) return refuse('too-large', over);
    if (sniffed.format === 'png' && !pngLooksComplete(bytes)) {
      return refuse('corrupt', `"${name}" is cut off (the PNG ends before its last chunk); copy the file again from its source.`);
    }
    // A float32 x y z grid is a 3D scan: it becomes a point-cloud case, not a picture.
    if (isOrganisedXyz(header)) sniffed = { kind: 'pointcloud', format: 'tiff-xyz', mime: sniffed.mime };
  }
  // PNG and JPEG are checked by structure, not by decoding: their previews are made later, for
  // the cells on screen (16-bit gray PNGs keep their stretched preview from here).
  const lazyPreview = sniffed.kind === 'image' && hasStructureCheck(sniffed.format) && !(header?.bitDepth === 16 && (header.channels === 1 || header.channels === 2));
  if (lazyPreview) {
    const check = checkImageStructure(bytes, sniffed.format);
    if (!check.ok) return refuse('corrupt', `"${name}" cannot be opened: ${check.reason}; copy the file again from its source.`);
  }

  const assetId = await sha256Hex(bytes);
  const base: PreparedFile = {
    ok: true,
    assetId,
    kind: sniffed.kind,
    format: sniffed.format,
    mime: sniffed.mime,
    sizeBytes: bytes.byteLength,
    known: deps.known.has(assetId),
    ...(header ? { width: header.width, height: header.height } : {}),
    ...(header?.bitDepth ? { bitDepth: header.bitDepth } : {}),
    ...(sniffed.extensionNote ? { note: sniffed.extensionNote } : {}),
  };
  if (base.known) return base;
  deps.known.add(assetId);
  if (lazyPreview) return base;

  try {
    base.thumb = await deps.makeThumbnail({ bytes, blob: file, sniffed, header, name });
  } catch (err) {
    deps.known.delete(assetId);
    if (err instanceof ImageReadError) return refuse(err.unsupported ? 'unsupported' : 'corrupt', `"${name}" cannot be opened: ${err.message}.`, assetId);
    return refuse('corrupt', `"${name}" could not be decoded (the file is damaged or cut off); re-export it and add it again.`, assetId);
  }
  return base;
}
