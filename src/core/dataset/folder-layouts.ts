/**
 * Folder layouts of inspection datasets, as a table of recognisers: each looks at one file's path
 * (folders and name inside the drop) and, if it knows the layout, says which class, role and label
 * the file gets, or that it is a defect mask of another file. The first recogniser that answers wins.
 */
import type { CaseRole, LabelStatus } from '@/core/model';

export interface Placement {
  /** Id of the layout that placed the file. */
  layout: string;
  className: string;
  role: CaseRole;
  status: LabelStatus;
  defectType?: string;
  /** Key under which masks find this case. */
  matchKey?: string;
  /** Set when the file is a mask: the `matchKey` of the case it belongs to. */
  maskOf?: string;
}

export interface FolderLayout {
  id: string;
  title: string;
  /** `dirs` are the folders from the drop's root down to the file; `file` is the file name. */
  place: (dirs: string[], file: string) => Placement | undefined;
}

export const UNCLASSIFIED = 'unclassified';

const NORMAL_WORDS = /^(good|ok|normal)$/i;
const ANOMALY_WORDS = /^(bad|ng|defect.*|anomal.*)$/i;
// Folders that organise a dataset but do not name its class.
const STRUCTURE_WORDS = /^(train|test|val|valid|validation|images?|data|samples?|ground_truth|masks?)$/i;

export const stemOf = (file: string) => {
  const dot = file.lastIndexOf('.');
  return (dot > 0 ? file.slice(0, dot) : file).toLowerCase();
};
const MASK_SUFFIX = /[_-]mask$/i;

/** The nearest folder above `index` that is not a structural word, as the class name. */
function classAbove(dirs: string[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) if (!STRUCTURE_WORDS.test(dirs[i]) && !NORMAL_WORDS.test(dirs[i]) && !ANOMALY_WORDS.test(dirs[i])) return dirs[i];
  return undefined;
}

/** MVTec AD: `<class>/{train,test}/<good|defect>/*` and `<class>/ground_truth/<defect>/*_mask.png`. */
const mvtecAd: FolderLayout = {
  id: 'mvtec-ad',
  title: 'MVTec AD',
  place(dirs, file) {
    // The split folder is the one right above the file's own folder.
    if (dirs.length < 2) return undefined;
    const split = dirs[dirs.length - 2].toLowerCase();
    const sub = dirs[dirs.length - 1];
    if (split !== 'train' && split !== 'test' && split !== 'ground_truth') return undefined;
    const className = dirs.length >= 3 ? dirs[dirs.length - 3] : UNCLASSIFIED;
    const isGood = NORMAL_WORDS.test(sub);
    const key = (stem: string) => `${className}/${sub}/${stem}`.toLowerCase();
    if (split === 'train') {
      if (!isGood) return undefined;
      return { layout: this.id, className, role: 'reference', status: 'normal' };
    }
    if (split === 'ground_truth') {
      return { layout: this.id, className, role: 'test', status: 'anomalous', defectType: sub, maskOf: key(stemOf(file).replace(MASK_SUFFIX, '')) };
    }
    if (isGood) return { layout: this.id, className, role: 'test', status: 'normal', matchKey: key(stemOf(file)) };
    // Generic words such as "bad" say the part is defective, not what the defect is.
    return { layout: this.id, className, role: 'test', status: 'anomalous', defectType: ANOMALY_WORDS.test(sub) ? undefined : sub, matchKey: key(stemOf(file)) };
  },
};

/** VisA: `<class>/Data/Images/{Normal,Anomaly}/*` and `<class>/Data/Masks/Anomaly/*`. */
const visa: FolderLayout = {
  id: 'visa',
  title: 'VisA',
  place(dirs, file) {
    const i = dirs.length - 1;
    if (i < 0) return undefined;
    const word = dirs[i].toLowerCase();
    if (word !== 'normal' && word !== 'anomaly') return undefined;
    const className = classAbove(dirs, i) ?? UNCLASSIFIED;
    const key = `${className}/${stemOf(file).replace(MASK_SUFFIX, '')}`.toLowerCase();
    const inMasks = dirs.slice(0, i).some((d) => /^masks?$/i.test(d));
    if (inMasks) return { layout: this.id, className, role: 'test', status: 'anomalous', maskOf: key };
    return { layout: this.id, className, role: 'test', status: word === 'normal' ? 'normal' : 'anomalous', matchKey: key };
  },
};

/** Any folder named good/ok/normal or bad/ng/defect…/anomal…; a subfolder of a bad folder names the defect. */
const namedFolders: FolderLayout = {
  id: 'named-folders',
  title: 'good / bad folders',
  place(dirs) {
    for (let i = dirs.length - 1; i >= 0; i--) {
      const normal = NORMAL_WORDS.test(dirs[i]);
      const anomalous = !normal && ANOMALY_WORDS.test(dirs[i]);
      if (!normal && !anomalous) continue;
      const className = classAbove(dirs, i) ?? UNCLASSIFIED;
      if (normal) return { layout: this.id, className, role: 'test', status: 'normal' };
      const defectType = i < dirs.length - 1 ? dirs[dirs.length - 1] : undefined;
      return { layout: this.id, className, role: 'test', status: 'anomalous', defectType };
    }
    return undefined;
  },
};

/** The recognisers, most specific first. Add new layouts here. */
export const FOLDER_LAYOUTS: FolderLayout[] = [mvtecAd, visa, namedFolders];

/** Where a file without a recognised layout goes: its folder is its class, it has no label. */
export function defaultPlacement(dirs: string[]): Placement {
  return { layout: 'plain', className: classAbove(dirs, dirs.length) ?? UNCLASSIFIED, role: 'test', status: 'unlabelled' };
}

export function placeFile(dirs: string[], file: string, layouts = FOLDER_LAYOUTS): Placement {
  for (const l of layouts) {
    const p = l.place(dirs, file);
    if (p) return p;
  }
  return defaultPlacement(dirs);
}

/** True when a file name says it is a mask of a sibling file (e.g. `crack_mask.jpg`). */
export const isMaskName = (file: string) => MASK_SUFFIX.test(stemOf(file));
export const unmaskedStem = (file: string) => stemOf(file).replace(MASK_SUFFIX, '');
