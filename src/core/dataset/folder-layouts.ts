/**
 * Folder layouts of inspection datasets, as a table of recognisers: each looks at one file's path
 * (folders and name inside the drop) and, if it knows the layout, says which class, role and label
 * the file gets, or that it is a mask or companion of another file, or dataset metadata. The first
 * recogniser that answers wins, so the most specific come first.
 */
import {
  ANOMALY_WORDS, NORMAL_WORDS, UNCLASSIFIED, classAbove, fromEnd, isMaskName, stemOf, unmaskedStem,
  type FolderLayout, type PlaceInput, type Placement,
} from '@/core/dataset/layout-words';
import { anomalyShapeNet, datasetFiles, mvtec3d, mvtecLoco, real3dAd } from '@/core/dataset/layouts-benchmarks';

export { UNCLASSIFIED, isMaskName, stemOf, unmaskedStem, type FolderLayout, type Placement };

const MASK_SUFFIX = /[_-]mask$/i;

/** MVTec AD: `<class>/{train,test}/<good|defect>/*` and `<class>/ground_truth/<defect>/*_mask.png`. */
const mvtecAd: FolderLayout = {
  id: 'mvtec-ad',
  title: 'MVTec AD',
  place({ dirs, file }) {
    // The split folder is the one right above the file's own folder.
    if (dirs.length < 2) return undefined;
    const split = fromEnd(dirs, 2)!;
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
  place({ dirs, file, rootDepth }) {
    const i = dirs.length - 1;
    if (i < rootDepth) return undefined;
    const word = dirs[i].toLowerCase();
    if (word !== 'normal' && word !== 'anomaly') return undefined;
    const className = classAbove(dirs, i) ?? UNCLASSIFIED;
    const key = `${className}/${stemOf(file).replace(MASK_SUFFIX, '')}`.toLowerCase();
    const inMasks = dirs.slice(0, i).some((d) => /^masks?$/i.test(d));
    if (inMasks) return { layout: this.id, className, role: 'test', status: 'anomalous', maskOf: key };
    return { layout: this.id, className, role: 'test', status: word === 'normal' ? 'normal' : 'anomalous', matchKey: key };
  },
};

/** Any folder named good/ok/normal or bad/ng/defect(s)/anomaly…; a subfolder of a bad folder names the defect. */
const namedFolders: FolderLayout = {
  id: 'named-folders',
  title: 'good / bad folders',
  place({ dirs, rootDepth }) {
    for (let i = dirs.length - 1; i >= rootDepth; i--) {
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
export const FOLDER_LAYOUTS: FolderLayout[] = [datasetFiles, mvtec3d, mvtecLoco, anomalyShapeNet, real3dAd, mvtecAd, visa, namedFolders];

/** The title of a layout id, for reports. */
export const layoutTitle = (id: string, layouts = FOLDER_LAYOUTS) => layouts.find((l) => l.id === id)?.title;

/** Where a file without a recognised layout goes: its folder is its class, it has no label. */
export function defaultPlacement(dirs: string[]): Placement {
  return { layout: 'plain', className: classAbove(dirs, dirs.length) ?? UNCLASSIFIED, role: 'test', status: 'unlabelled' };
}

/**
 * Places one file. The first folder of a path with folders is the dropped folder itself
 * (`rootDepth` 1): it may name the class, never the label.
 */
export function placeFile(dirs: string[], file: string, layouts = FOLDER_LAYOUTS, rootDepth = dirs.length > 0 ? 1 : 0): Placement {
  const at: PlaceInput = { dirs, file, rootDepth };
  for (const l of layouts) {
    const p = l.place(at);
    if (p) return p;
  }
  return defaultPlacement(dirs);
}
