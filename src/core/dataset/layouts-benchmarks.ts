/**
 * Layouts of the field's benchmark datasets beyond MVTec AD and VisA, each written from the
 * dataset's published description and its authors' loaders:
 * MVTec 3D-AD (organised XYZ TIFF + RGB + masks), MVTec LOCO (several masks per image),
 * Real3D-AD and Anomaly-ShapeNet (point clouds with per-point label files).
 */
import { NORMAL_WORDS, UNCLASSIFIED, fromEnd, stemOf, type FolderLayout, type Placement } from '@/core/dataset/layout-words';

const extOf = (file: string) => file.slice(file.lastIndexOf('.') + 1).toLowerCase();

/** MVTec 3D-AD: `<class>/{train,validation,test}/<good|defect>/{rgb,xyz,gt}/NNN.*` — names restart at 000 per folder. */
export const mvtec3d: FolderLayout = {
  id: 'mvtec-3d-ad',
  title: 'MVTec 3D-AD',
  place({ dirs, file }) {
    if (dirs.length < 3) return undefined;
    const modality = fromEnd(dirs, 1);
    const split = fromEnd(dirs, 3);
    if ((modality !== 'rgb' && modality !== 'xyz' && modality !== 'gt') || (split !== 'train' && split !== 'validation' && split !== 'test')) return undefined;
    const sub = dirs[dirs.length - 2];
    const good = NORMAL_WORDS.test(sub);
    if (split !== 'test' && !good) return undefined;
    const className = dirs[dirs.length - 4] ?? UNCLASSIFIED;
    // The scan (xyz) is the case; its photo and its mask share split, folder and number.
    const key = `${className}/${split}/${sub}/${stemOf(file)}`.toLowerCase();
    const base: Placement = { layout: this.id, className, role: split === 'test' ? 'test' : 'reference', status: good ? 'normal' : 'anomalous', ...(good ? {} : { defectType: sub }) };
    if (modality === 'xyz') return { ...base, matchKey: key };
    if (modality === 'rgb') return { ...base, companionOf: key };
    return { ...base, maskOf: key };
  },
};

const LOCO_KINDS: Record<string, string> = { logical_anomalies: 'logical', structural_anomalies: 'structural' };

/**
 * MVTec LOCO: `<class>/{train,validation}/good`, `<class>/test/{good,logical_anomalies,structural_anomalies}`,
 * and `<class>/ground_truth/<type>/NNN/00k.png` — one folder of masks per test image.
 * (`train/good` and `test/good` look like MVTec AD and are placed by that layout, identically.)
 */
export const mvtecLoco: FolderLayout = {
  id: 'mvtec-loco',
  title: 'MVTec LOCO AD',
  place({ dirs, file }) {
    if (dirs.length >= 3 && fromEnd(dirs, 3) === 'ground_truth' && LOCO_KINDS[fromEnd(dirs, 2)!]) {
      const type = fromEnd(dirs, 2)!;
      const className = dirs[dirs.length - 4] ?? UNCLASSIFIED;
      return { layout: this.id, className, role: 'test', status: 'anomalous', defectType: type, anomalyKind: LOCO_KINDS[type], maskOf: `${className}/${type}/${fromEnd(dirs, 1)}`.toLowerCase() };
    }
    if (dirs.length < 2) return undefined;
    const split = fromEnd(dirs, 2);
    const sub = fromEnd(dirs, 1)!;
    const className = dirs[dirs.length - 3] ?? UNCLASSIFIED;
    if (split === 'validation' && sub === 'good') return { layout: this.id, className, role: 'reference', status: 'normal' };
    if (split !== 'test' || !LOCO_KINDS[sub]) return undefined;
    return { layout: this.id, className, role: 'test', status: 'anomalous', defectType: sub, anomalyKind: LOCO_KINDS[sub], matchKey: `${className}/${sub}/${stemOf(file)}`.toLowerCase() };
  },
};

const REAL3D_TEST = /^\d+_(good|bulge|sink)(_cut)?$/;

/** Real3D-AD: `<class>/train/*template*.pcd`, `<class>/test/<n>_{good,bulge,sink}[_cut].pcd`, `<class>/gt/<stem>.txt` (`x y z label`). */
export const real3dAd: FolderLayout = {
  id: 'real3d-ad',
  title: 'Real3D-AD',
  place({ dirs, file }) {
    if (dirs.length < 2) return undefined;
    const folder = fromEnd(dirs, 1);
    const stem = stemOf(file);
    const ext = extOf(file);
    const className = dirs[dirs.length - 2];
    const key = `${className}/${stem}`.toLowerCase();
    if (folder === 'train' && ext === 'pcd' && stem.includes('template')) return { layout: this.id, className, role: 'reference', status: 'normal' };
    const m = REAL3D_TEST.exec(stem);
    if (!m) return undefined;
    if (folder === 'test' && ext === 'pcd') {
      return m[1] === 'good' ? { layout: this.id, className, role: 'test', status: 'normal', matchKey: key } : { layout: this.id, className, role: 'test', status: 'anomalous', defectType: m[1], matchKey: key };
    }
    if (folder === 'gt' && ext === 'txt') return { layout: this.id, className, role: 'test', status: 'anomalous', defectType: m[1], maskOf: key, pointLabels: true };
    return undefined;
  },
};

/**
 * Anomaly-ShapeNet: `dataset/pcd/<class>/train/<class>_template<k>.pcd`,
 * `test/<class>_positive<k>.pcd` (normal), `test/<class>_<defect><k>.pcd`, `GT/<stem>.txt` (`x,y,z,label`).
 */
export const anomalyShapeNet: FolderLayout = {
  id: 'anomaly-shapenet',
  title: 'Anomaly-ShapeNet',
  place({ dirs, file }) {
    if (dirs.length < 2) return undefined;
    const folder = fromEnd(dirs, 1);
    const className = dirs[dirs.length - 2];
    const stem = stemOf(file);
    const prefix = `${className.toLowerCase()}_`;
    if (!stem.startsWith(prefix)) return undefined;
    const rest = stem.slice(prefix.length);
    const ext = extOf(file);
    const key = `${className}/${stem}`.toLowerCase();
    if (folder === 'train' && ext === 'pcd' && /^template\d*$/.test(rest)) return { layout: this.id, className, role: 'reference', status: 'normal' };
    const m = /^([a-z_]+?)(\d+)$/.exec(rest);
    if (!m) return undefined;
    if (folder === 'test' && ext === 'pcd') {
      return m[1] === 'positive' ? { layout: this.id, className, role: 'test', status: 'normal', matchKey: key } : { layout: this.id, className, role: 'test', status: 'anomalous', defectType: m[1], matchKey: key };
    }
    if (folder === 'gt' && ext === 'txt') return { layout: this.id, className, role: 'test', status: 'anomalous', defectType: m[1], maskOf: key, pointLabels: true };
    return undefined;
  },
};

// Files datasets ship beside their data: read as metadata or simply known, never "skipped".
const DATASET_FILES = /^(readme|licen[cs]e)(\.(txt|md|pdf))?$|^(camera_parameters|defects_config)\.json$|^image_anno\.csv$|^[12]cls(_\w+)?\.csv$/i;

/** Readmes, licences, calibration, defect configs and split lists of the datasets above. */
export const datasetFiles: FolderLayout = {
  id: 'dataset-files',
  title: 'dataset metadata',
  place({ dirs, file }) {
    // A readme dropped on its own is just a file the workbench cannot read; inside a dataset folder it is the dataset's.
    if (!dirs.length || !DATASET_FILES.test(file)) return undefined;
    return { layout: this.id, className: UNCLASSIFIED, role: 'test', status: 'unlabelled', metadata: true };
  },
};
