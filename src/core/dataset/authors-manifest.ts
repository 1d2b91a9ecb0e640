/**
 * The dataset list used by the method's reference scripts: a JSON array of
 * `{object_type, defect_img_path, good_img_path, label, defect_type}`.
 * Careful: there `label` 1 means GOOD (no anomaly) and 0 means DEFECTIVE — the opposite of the
 * usual anomaly-is-positive convention.
 */
import type { LabelStatus } from '@/core/model';

export interface ManifestEntry {
  /** Path of the query image, with `/` separators. */
  path: string;
  /** Path of the image the scripts used as the normal reference. */
  goodPath?: string;
  className: string;
  status: LabelStatus;
  defectType?: string;
}

interface RawEntry {
  object_type?: unknown;
  defect_img_path?: unknown;
  good_img_path?: unknown;
  label?: unknown;
  defect_type?: unknown;
}

export const normalisePath = (p: string) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+/g, '/');

/** The entries of an authors' manifest, or undefined when `text` is not one. */
export function parseAuthorsManifest(text: string): ManifestEntry[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(data) || data.length === 0) return undefined;
  const entries: ManifestEntry[] = [];
  for (const raw of data as RawEntry[]) {
    if (!raw || typeof raw !== 'object' || typeof raw.defect_img_path !== 'string') return undefined;
    const label = Number(raw.label);
    if (label !== 0 && label !== 1) return undefined;
    const good = label === 1;
    const defect = typeof raw.defect_type === 'string' && raw.defect_type && raw.defect_type !== 'good' ? raw.defect_type : undefined;
    entries.push({
      path: normalisePath(raw.defect_img_path),
      goodPath: typeof raw.good_img_path === 'string' ? normalisePath(raw.good_img_path) : undefined,
      className: typeof raw.object_type === 'string' && raw.object_type ? raw.object_type : 'unclassified',
      status: good ? 'normal' : 'anomalous',
      defectType: good ? undefined : defect,
    });
  }
  return entries;
}
