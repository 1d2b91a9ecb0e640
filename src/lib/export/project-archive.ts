/**
 * Reads a project zip into its manifest and files without trusting it: sizes are checked before
 * inflating, inflation stops at what each entry declared, and the manifest's nesting is bounded
 * before it is parsed. Runs in the project-zip worker in the app, in-process in tests.
 */
import { checkManifest, MANIFEST_PATH, type ProjectManifest } from '@/core/export/project-manifest';
import { PROJECT_LIMITS, type ProjectLimits } from '@/core/export/project-limits';
import { unzipWithLimits, ZipReadError } from '@/lib/export/zip';

/** A refusal users can read: the file is not imported and nothing changed. */
export class ProjectImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'ProjectImportError';
  }
}

export interface ProjectArchive {
  manifest: ProjectManifest;
  files: Record<string, Uint8Array>;
}

/** Unzips and checks a project file; throws ProjectImportError with sentences. */
export function readProjectArchive(data: Uint8Array, fileName: string, limits: ProjectLimits = PROJECT_LIMITS): ProjectArchive {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipWithLimits(data, fileName, { maxEntries: limits.maxEntries, maxTotalBytes: limits.maxTotalBytes, maxEntryBytes: { [MANIFEST_PATH]: limits.maxManifestBytes } });
  } catch (err) {
    throw new ProjectImportError([err instanceof ZipReadError ? err.message : `${fileName} could not be read. Nothing was imported.`]);
  }
  const manifestBytes = files[MANIFEST_PATH];
  if (!manifestBytes) throw new ProjectImportError([`${fileName} is not an Anomaly Workbench project file: it has no ${MANIFEST_PATH}. Nothing was imported.`]);
  const checked = checkManifest(new TextDecoder().decode(manifestBytes), new Set(Object.keys(files)), fileName, limits.maxJsonDepth);
  if (!checked.ok) throw new ProjectImportError([...checked.problems, 'Nothing was imported.']);
  return { manifest: checked.manifest, files };
}
