/**
 * Reads a project zip without trusting it and without holding it: the directory's sizes are
 * checked before anything is inflated, the manifest's nesting is bounded before it is parsed, and
 * the files are then inflated a few at a time, each stopped at what it declared. Runs in the
 * project-zip worker in the app, in-process in tests.
 */
import { checkManifest, MANIFEST_PATH, type ProjectManifest } from '@/core/export/project-manifest';
import { PROJECT_LIMITS, type ProjectLimits } from '@/core/export/project-limits';
import { readZipDirectory, readZipEntries, ZipReadError, type ZipEntry } from '@/lib/export/zip';

/** A refusal users can read: the file is not imported and nothing changed. */
export class ProjectImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'ProjectImportError';
  }
}

/** A project file whose directory and manifest were checked; its files are read on demand. */
export interface OpenedArchive {
  manifest: ProjectManifest;
  entries: ZipEntry[];
}

async function sentences<T>(fileName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ProjectImportError) throw err;
    throw new ProjectImportError([err instanceof ZipReadError ? err.message : `${fileName} could not be read. Nothing was imported.`]);
  }
}

/** Checks a project file's directory and manifest; throws ProjectImportError with sentences. */
export function openProjectArchive(file: Blob, fileName: string, limits: ProjectLimits = PROJECT_LIMITS): Promise<OpenedArchive> {
  return sentences(fileName, async () => {
    const entries = await readZipDirectory(file, fileName, { maxEntries: limits.maxEntries, maxTotalBytes: limits.maxTotalBytes, maxEntryBytes: { [MANIFEST_PATH]: limits.maxManifestBytes } });
    const manifestEntry = entries.find((e) => e.name === MANIFEST_PATH);
    if (!manifestEntry) throw new ProjectImportError([`${fileName} is not an Anomaly Workbench project file: it has no ${MANIFEST_PATH}. Nothing was imported.`]);
    const manifestBytes = (await readZipEntries(file, [manifestEntry], fileName))[MANIFEST_PATH];
    const checked = checkManifest(new TextDecoder().decode(manifestBytes), new Set(entries.map((e) => e.name)), fileName, limits.maxJsonDepth);
    if (!checked.ok) throw new ProjectImportError([...checked.problems, 'Nothing was imported.']);
    return { manifest: checked.manifest, entries };
  });
}

/** Inflates some entries of a checked project file; throws ProjectImportError with sentences. */
export function readArchiveFiles(file: Blob, entries: readonly ZipEntry[], fileName: string): Promise<Record<string, Uint8Array>> {
  return sentences(fileName, () => readZipEntries(file, entries, fileName));
}
