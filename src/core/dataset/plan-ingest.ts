/**
 * Turns the list of dropped paths into a plan: per file its class, role, label and, for masks,
 * the file they belong to. Pure: the shell reads bytes and manifests, this decides what they mean.
 */
import type { CaseRole, LabelSource, LabelStatus } from '@/core/model';
import { FOLDER_LAYOUTS, isMaskName, placeFile, stemOf, unmaskedStem, type FolderLayout } from '@/core/dataset/folder-layouts';
import { normalisePath, parseAuthorsManifest, type ManifestEntry } from '@/core/dataset/authors-manifest';

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
}

export interface IngestPlan {
  files: PlannedFile[];
  /** Paths read as dataset manifests (not files to store). */
  manifests: string[];
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
 * Plans an ingest. `manifestTexts` holds the text of every `.json` file in the drop (path → text);
 * those that are authors' manifests label the files they list and are not stored themselves.
 */
export function planIngest(dropped: DroppedPath[], manifestTexts: Map<string, string> = new Map(), layouts: FolderLayout[] = FOLDER_LAYOUTS): IngestPlan {
  const notes: string[] = [];
  const manifests: string[] = [];
  const manifestEntries: ManifestEntry[] = [];
  for (const [path, text] of manifestTexts) {
    const entries = parseAuthorsManifest(text);
    if (!entries) continue;
    manifests.push(path);
    manifestEntries.push(...entries);
  }
  const manifestSet = new Set(manifests);
  const paths = dropped.map((d) => d.path).filter((p) => !manifestSet.has(p));

  type Work = PlannedFile & { matchKey?: string };
  const files: Work[] = paths.map((path) => {
    const { dirs, file } = splitPath(path);
    const p = placeFile(dirs, file, layouts);
    const f: Work = { path, className: p.className, role: p.role, status: p.status, layout: p.layout };
    if (p.defectType) f.defectType = p.defectType;
    if (p.status !== 'unlabelled') f.source = 'folder';
    if (p.matchKey) f.matchKey = p.matchKey;
    if (p.maskOf) f.maskOf = p.maskOf;
    return f;
  });

  // Layout masks carry the key of their case; resolve it to that case's path.
  const byKey = new Map<string, string>();
  const byDirStem = new Map<string, string>();
  for (const f of files) {
    if (f.maskOf) continue;
    if (f.matchKey) byKey.set(f.matchKey, f.path);
    const { dirs, file } = splitPath(f.path);
    if (!isMaskName(file)) byDirStem.set(`${dirs.join('/')}/${stemOf(file)}`.toLowerCase(), f.path);
  }
  for (const f of files) {
    if (f.maskOf) {
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

  return { files, manifests, notes };
}

/** Masks last, so every mask finds its case already stored. */
export function orderForIngest<T extends { maskOf?: string; orphanMask?: boolean }>(files: T[]): T[] {
  return [...files.filter((f) => !f.maskOf && !f.orphanMask), ...files.filter((f) => f.maskOf || f.orphanMask)];
}
