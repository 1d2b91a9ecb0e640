/** What the workbench agrees to open, per kind, checked before anything is decoded. */
import { numberText } from '@/core/number-text';
import type { AssetKind } from '@/core/model';
import type { ImageHeader } from '@/core/dataset/image-header';

export interface KindLimits {
  maxBytes: number;
  /** Images only: largest pixel count (width × height) accepted. */
  maxMegapixels?: number;
  /** Images only: longest side accepted (browsers cannot draw larger canvases). */
  maxSidePx?: number;
}

const MB = 1024 * 1024;

export const INGEST_LIMITS: Record<AssetKind, KindLimits> = {
  image: { maxBytes: 200 * MB, maxMegapixels: 50, maxSidePx: 30_000 },
  // Files are read whole to be hashed (SHA-256 has no streaming form in the browser).
  pointcloud: { maxBytes: 1024 * MB },
  video: { maxBytes: 1024 * MB },
};

const fmtMb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;

/** A sentence when a file is too big in bytes for its kind, else undefined. */
export function checkFileSize(name: string, kind: AssetKind, sizeBytes: number, limits = INGEST_LIMITS): string | undefined {
  const max = limits[kind].maxBytes;
  if (sizeBytes <= max) return undefined;
  return `"${name}" is ${fmtMb(sizeBytes)}, more than the ${fmtMb(max)} the workbench accepts for a ${kind === 'pointcloud' ? 'point cloud' : kind}; split or compress it and add it again.`;
}

/** A sentence when an image's declared pixel size is over the limits, else undefined. */
export function checkImageSize(name: string, header: ImageHeader, limits = INGEST_LIMITS): string | undefined {
  const { maxMegapixels = Infinity, maxSidePx = Infinity } = limits.image;
  const mp = (header.width * header.height) / 1e6;
  const size = `${numberText(header.width)} × ${numberText(header.height)} pixels`;
  if (mp > maxMegapixels) {
    return `"${name}" declares ${size} (${mp >= 100 ? Math.round(mp) : mp.toFixed(1)} megapixels), more than the ${maxMegapixels} megapixels the workbench opens, so it was not decoded; scale it down and add it again.`;
  }
  if (Math.max(header.width, header.height) > maxSidePx) {
    return `"${name}" declares ${size}; a side longer than ${maxSidePx} pixels cannot be shown, so it was not decoded; scale it down and add it again.`;
  }
  return undefined;
}
