/**
 * The words folder layouts share: what a folder name says about a label, and how a file's stem
 * is read. Kept apart from the layout table so each layout file can use them.
 */
import type { CaseRole, LabelStatus } from '@/core/model';

export interface Placement {
  /** Id of the layout that placed the file. */
  layout: string;
  className: string;
  role: CaseRole;
  status: LabelStatus;
  defectType?: string;
  /** Logical or structural (MVTec LOCO): a case attribute and a metrics breakdown. */
  anomalyKind?: string;
  /** Key under which masks and companions find this case. */
  matchKey?: string;
  /** Set when the file is a mask: the `matchKey` of the case it belongs to. */
  maskOf?: string;
  /** Set when the mask gives one label per point (text `x y z label`), not per pixel. */
  pointLabels?: boolean;
  /** Set when the file is another view of a case (the RGB image of a 3D scan): that case's `matchKey`. */
  companionOf?: string;
  /** A file the layout knows but that is not data (readme, licence, calibration, split lists). */
  metadata?: boolean;
}

/** Where a file is: folders from the drop's root down to it, and its name. */
export interface PlaceInput {
  dirs: string[];
  file: string;
  /**
   * How many leading `dirs` are the dropped folder itself (0 for loose files, else 1). Its name
   * was chosen by whoever packed the data (`Anomaly-ShapeNet-v2`), so it may name a class but
   * must not decide a label.
   */
  rootDepth: number;
}

export interface FolderLayout {
  id: string;
  title: string;
  place: (at: PlaceInput) => Placement | undefined;
}

export const UNCLASSIFIED = 'unclassified';

export const NORMAL_WORDS = /^(good|ok|normal)$/i;
// Whole words only: `anomal.*` once matched `Anomaly-ShapeNet-v2` and labelled a whole dataset.
export const ANOMALY_WORDS = /^(bad|ng|defects?|defective|anomaly|anomalies|anomalous)$/i;
// Folders that organise a dataset but do not name its class.
export const STRUCTURE_WORDS = /^(train|test|val|valid|validation|images?|data|samples?|ground_truth|masks?|gt|rgb|xyz|pcd|dataset)$/i;
const MASK_SUFFIX = /[_-]mask$/i;

export const stemOf = (file: string) => {
  const dot = file.lastIndexOf('.');
  return (dot > 0 ? file.slice(0, dot) : file).toLowerCase();
};

/** True when a file name says it is a mask of a sibling file (e.g. `crack_mask.jpg`). */
export const isMaskName = (file: string) => MASK_SUFFIX.test(stemOf(file));
export const unmaskedStem = (file: string) => stemOf(file).replace(MASK_SUFFIX, '');

const isLabelWord = (d: string) => NORMAL_WORDS.test(d) || ANOMALY_WORDS.test(d);

/** The nearest folder above `index` that is not a structural or label word, as the class name. */
export function classAbove(dirs: string[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) if (!STRUCTURE_WORDS.test(dirs[i]) && !isLabelWord(dirs[i])) return dirs[i];
  return undefined;
}

/** `dirs[index]`, lower-cased, counted from the end (`at(dirs, 1)` is the file's own folder). */
export const fromEnd = (dirs: string[], n: number): string | undefined => dirs[dirs.length - n]?.toLowerCase();
