/**
 * Turns the list of dropped paths into a plan: per file its class, role, label and, for masks,
 * the file they belong to. Pure: the shell reads bytes and manifests, this decides what they mean.
 */
import type { CaseRole, LabelSource, LabelStatus } from '@/core/model';
import { FOLDER_LAYOUTS, isMaskName, layoutTitle, placeFile, stemOf, unmaskedStem, type FolderLayout } from '@/core/dataset/folder-layouts';
import { normalisePath, parseAuthorsManifest, type ManifestEntry } from '@/core/dataset/authors-manifest';
import { isVisaAnnotationPath, isVisaSplitPath, parseVisaAnnotations, parseVisaSplit, type VisaSplitEntry } from '@/core/dataset/visa-split';

export interface DroppedPath {
  /** Path inside the drop, `/`-separated, e.g. `mvtec/bottle/test/crack/000.png`. */
  path: string;
}

export interface PlannedFile {
  path: string;
  className: string;
  role: CaseRole;
  status: LabelStatus;
  defectType?: string;
  /** Where the label came from: folder names, a manifest, or nothing. */
  source?: LabelSource;
  layout: string;
  /** Set for masks: the path of the file whose case gets this mask. */
  maskOf?: string;
  /** Set for masks whose image is not in the drop. */
  orphanMask?: boolean;
  /** Set when the mask labels points (`x y z label` text), not pixels. */
  pointLabels?: boolean;
  /** Set for another view of a case (the RGB photo of a 3D scan): the path of that case's file. */
  companionOf?: string;
  /** Set for companions whose case is not in the drop. */
  orphanCompanion?: boolean;
  /** Logical or structural (MVTec LOCO). */
  anomalyKind?: string;
}

export interface RecognisedLayout {
  id: string;
  title: string;
  /** Files the layout placed (cases, masks and companions). */
  files: number;
}

export interface IngestPlan {
  files: PlannedFile[];
  /** Paths read as dataset manifests (not files to store). */
  manifests: string[];
  /** Dataset files known as metadata (readmes, licences, calibration, split lists): not stored. */
  metadata: string[];
  /** The dataset layouts found in the drop, most files first. */
  layouts: RecognisedLayout[];
  /** Sentences about the drop as a whole (e.g. manifest entries without a file). */
  notes: string[];
}

const splitPath = (path: string) => {
  const parts = normalisePath(path).split('/').filter(Boolean);
  return { dirs: parts.slice(0, -1), file: parts[parts.length - 1] ?? '' };
};

const SUFFIX_SEGMENTS = [5, 4, 3, 2];

/** Finds dropped files by the tail of a manifest path (the manifest's root folder differs from the drop's). */
function suffixIndex(paths: string[]) {
  const index = new Map<string, string | null>();
  for (const p of paths) {
    const parts = normalisePath(p).toLowerCase().split('/');
    for (const n of SUFFIX_SEGMENTS) {
      if (parts.length < n) continue;
      const k = parts.slice(-n).join('/');
      index.set(k, index.has(k) && index.get(k) !== p ? null : p);
    }
  }
  return (manifestPath: string): string | undefined => {
    const parts = manifestPath.toLowerCase().split('/');
    for (const n of SUFFIX_SEGMENTS) {
      if (parts.length < n) continue;
      const hit = index.get(parts.slice(-n).join('/'));
      if (hit) return hit;
    }
    return undefined;
  };
}

/**
 * Plans an ingest. `texts` holds the text of every `.json` and `.csv` file in the drop (path → text):
 * authors' manifests and VisA split lists label the files they list; neither is stored itself.
 */
export function planIngest(dropped: DroppedPath[], texts: Map<string, string> = new Map(), layouts: FolderLayout[] = FOLDER_LAYOUTS): IngestPlan {
  const notes: string[] = [];
  const manifests: string[] = [];
  const manifestEntries: ManifestEntry[] = [];
  const splitEntries: VisaSplitEntry[] = [];
  const annotations = new Map<string, string>();
  for (const [path, text] of texts) {
    if (isVisaSplitPath(path)) {
      const entries = parseVisaSplit(text);
      if (entries) {
        splitEntries.push(...entries);
        notes.push(`Reference candidates and test cases follow VisA's split list "${path.split('/').pop()}".`);
      }
      continue;
    }
    if (isVisaAnnotationPath(path)) {
      for (const [image, label] of parseVisaAnnotations(text)) annotations.set(image, label);
      continue;
    }
    const entries = parseAuthorsManifest(text);
    if (!entries) continue;
    manifests.push(path);
    manifestEntries.push(...entries);
  }
  const manifestSet = new Set(manifests);
  const metadata: string[] = [];
  type Work = PlannedFile & { matchKey?: string };
  const files: Work[] = [];
  for (const path of dropped.map((d) => d.path)) {
    if (manifestSet.has(path)) continue;
    const { dirs, file } = splitPath(path);
    const p = placeFile(dirs, file, layouts);
    if (p.metadata) {
      metadata.push(path);
      continue;
    }
    const f: Work = { path, className: p.className, role: p.role, status: p.status, layout: p.layout };
    if (p.defectType) f.defectType = p.defectType;
    if (p.anomalyKind) f.anomalyKind = p.anomalyKind;
    if (p.status !== 'unlabelled') f.source = 'folder';
    if (p.matchKey) f.matchKey = p.matchKey;
    if (p.maskOf) f.maskOf = p.maskOf;
    if (p.pointLabels) f.pointLabels = true;
    if (p.companionOf) f.companionOf = p.companionOf;
    files.push(f);
  }
  const paths = files.map((f) => f.path);

  // Layout masks carry the key of their case; resolve it to that case's path.
  const byKey = new Map<string, string>();
  const byDirStem = new Map<string, string>();
  for (const f of files) {
    if (f.maskOf || f.companionOf) continue;
    if (f.matchKey) byKey.set(f.matchKey, f.path);
    const { dirs, file } = splitPath(f.path);
    if (!isMaskName(file)) byDirStem.set(`${dirs.join('/')}/${stemOf(file)}`.toLowerCase(), f.path);
  }
  for (const f of files) {
    if (f.companionOf) {
      const target = byKey.get(f.companionOf);
      if (target) f.companionOf = target;
      else {
        delete f.companionOf;
        f.orphanCompanion = true;
      }
    } else if (f.maskOf) {
      const target = byKey.get(f.maskOf);
      if (target) f.maskOf = target;
      else {
        delete f.maskOf;
        f.orphanMask = true;
      }
    } else {
      // A `name_mask.ext` beside `name.ext` is that file's mask, whatever the layout.
      const { dirs, file } = splitPath(f.path);
      const target = isMaskName(file) ? byDirStem.get(`${dirs.join('/')}/${unmaskedStem(file)}`.toLowerCase()) : undefined;
      if (target) f.maskOf = target;
    }
    delete f.matchKey;
  }

  // Manifest labels override folder names: the manifest is what the dataset's authors meant.
  if (manifestEntries.length) {
    const find = suffixIndex(paths);
    const byPath = new Map(files.map((f) => [f.path, f]));
    let missing = 0;
    for (const e of manifestEntries) {
      const hit = find(e.path);
      const f = hit ? byPath.get(hit) : undefined;
      if (!f || f.maskOf) {
        missing += 1;
        continue;
      }
      f.className = e.className;
      f.status = e.status;
      f.defectType = e.defectType;
      f.source = 'import';
      f.role = 'test';
      f.layout = 'authors-manifest';
    }
    if (missing) notes.push(`${missing} of ${manifestEntries.length} images listed in the dataset manifest were not in this drop.`);
  }

  if (splitEntries.length || annotations.size) applyVisaLists(files, paths, splitEntries, annotations);

  const counts = new Map<string, number>();
  for (const f of files) if (f.layout !== 'plain') counts.set(f.layout, (counts.get(f.layout) ?? 0) + 1);
  const recognised = [...counts].map(([id, n]) => ({ id, title: layoutTitle(id, layouts) ?? (id === 'authors-manifest' ? "the method's dataset manifest" : id), files: n })).sort((a, b) => b.files - a.files);
  return { files, manifests, metadata, layouts: recognised, notes };
}

/** VisA's split list decides role and label of the images it names; its annotations name the defect. */
function applyVisaLists(files: PlannedFile[], paths: string[], split: VisaSplitEntry[], annotations: Map<string, string>) {
  const find = suffixIndex(paths);
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const e of split) {
    const f = byPath.get(find(e.image) ?? '');
    if (!f || f.maskOf) continue;
    f.role = e.role;
    f.status = e.status;
    f.source = 'import';
    if (e.status === 'normal') delete f.defectType;
  }
  for (const [image, label] of annotations) {
    const f = byPath.get(find(image) ?? '');
    if (f && !f.maskOf && f.status === 'anomalous') f.defectType = label;
  }
}

const isAttachment = (f: { maskOf?: string; orphanMask?: boolean; companionOf?: string; orphanCompanion?: boolean }) => Boolean(f.maskOf || f.orphanMask || f.companionOf || f.orphanCompanion);

/** Masks and companions last, so each finds its case already stored. */
export function orderForIngest<T extends { maskOf?: string; orphanMask?: boolean; companionOf?: string; orphanCompanion?: boolean }>(files: T[]): T[] {
  return [...files.filter((f) => !isAttachment(f)), ...files.filter(isAttachment)];
}
