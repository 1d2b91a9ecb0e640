/** Shapes shared by the ingest worker, the runner and the store. */
import type { AssetKind } from '@/core/model';

export type SkipReason = 'unsupported' | 'corrupt' | 'duplicate' | 'too-large' | 'empty' | 'unreadable' | 'unreadable-folder' | 'orphan-mask' | 'no-room';

/** A file the worker has read, hashed and (for new files) previewed. */
export interface PreparedFile {
  ok: true;
  /** Lowercase hex SHA-256 of the bytes. */
  assetId: string;
  kind: AssetKind;
  format: string;
  mime: string;
  sizeBytes: number;
  width?: number;
  height?: number;
  bitDepth?: number;
  /** Sentence when the extension disagreed with the content. */
  note?: string;
  /** True when the bytes were already known before this file, so nothing was decoded. */
  known: boolean;
  thumb?: { blob: Blob; width: number; height: number; placeholder?: boolean };
}

export interface RefusedFile {
  ok: false;
  reason: SkipReason;
  /** A sentence naming the file and what to do. */
  message: string;
  assetId?: string;
}

export type PrepareResult = PreparedFile | RefusedFile;

export interface IngestIssue {
  path: string;
  reason: SkipReason;
  message: string;
}

/** Longest side of a thumbnail, px. */
export const THUMB_MAX_SIDE_PX = 256;

/**
 * Thrown by decoders with a reason a user can act on (a sentence fragment, no file name).
 * `unsupported` = a valid file the workbench cannot read, as opposed to a damaged one.
 */
export class ImageReadError extends Error {
  constructor(
    message: string,
    readonly unsupported: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImageReadError';
  }
}
