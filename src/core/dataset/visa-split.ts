/**
 * VisA's own lists: `split_csv/1cls.csv` (`object,split,label,image,mask`, paths relative to the
 * VisA folder) decides which images are reference candidates (train) and which are test cases;
 * `<class>/image_anno.csv` (`image,label,mask`) describes each anomaly in words. The 2cls lists
 * describe another protocol and are ignored.
 */
import { parseCsv } from '@/core/export/csv';
import { normalisePath } from '@/core/dataset/authors-manifest';
import type { CaseRole, LabelStatus } from '@/core/model';

export interface VisaSplitEntry {
  /** Image path relative to the VisA folder, `/`-separated. */
  image: string;
  className: string;
  role: CaseRole;
  status: LabelStatus;
}

/** Rows as objects keyed by the header row (lower-cased, trimmed); undefined when a column is missing or the text is not CSV. */
function csvRecords(text: string, required: string[]): Record<string, string>[] | undefined {
  let rows: string[][];
  try {
    rows = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  } catch {
    return undefined;
  }
  const [head, ...body] = rows;
  if (!head) return undefined;
  const names = head.map((h) => h.trim().toLowerCase());
  if (!required.every((r) => names.includes(r))) return undefined;
  return body.map((cells) => Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? '').trim()])));
}

export const isVisaSplitPath = (path: string) => /(^|\/)split_csv\/1cls\.csv$/i.test(path);
export const isVisaAnnotationPath = (path: string) => /(^|\/)image_anno\.csv$/i.test(path);

/** The entries of a VisA 1cls split list, or undefined when `text` is not one. */
export function parseVisaSplit(text: string): VisaSplitEntry[] | undefined {
  const rows = csvRecords(text, ['object', 'split', 'label', 'image']);
  if (!rows) return undefined;
  return rows
    .filter((r) => r.image)
    .map((r) => ({
      image: normalisePath(r.image),
      className: r.object || 'unclassified',
      role: r.split.toLowerCase() === 'train' ? 'reference' : 'test',
      status: r.label.toLowerCase() === 'normal' ? 'normal' : 'anomalous',
    }));
}

/** Defect descriptions by image path from a VisA `image_anno.csv` (normal rows left out). */
export function parseVisaAnnotations(text: string): Map<string, string> {
  const rows = csvRecords(text, ['image', 'label']) ?? [];
  return new Map(rows.filter((r) => r.image && r.label && r.label.toLowerCase() !== 'normal').map((r) => [normalisePath(r.image), r.label]));
}
