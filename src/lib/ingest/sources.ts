/**
 * Files from the places a user can give them: a drop (files and whole folders, walked through the
 * entries API) or a file input (with `webkitdirectory`, paths come from `webkitRelativePath`).
 */
import type { IngestSource } from '@/lib/ingest/run';
import type { IngestIssue } from '@/lib/ingest/types';

export interface CollectedSources {
  sources: IngestSource[];
  issues: IngestIssue[];
}

export function sourcesFromFiles(files: Iterable<File>): IngestSource[] {
  return [...files].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

// Minimal shapes of the entries API (FileSystemEntry …) so tests can pass fakes.
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
interface FileEntryLike extends EntryLike {
  file: (ok: (f: File) => void, fail: (e: unknown) => void) => void;
}
interface DirEntryLike extends EntryLike {
  createReader: () => { readEntries: (ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void) => void };
}

const cleanPath = (p: string) => p.replace(/^\/+/, '');

/**
 * Takes everything out of a DataTransfer synchronously — its items are emptied as soon as the
 * event handler yields — then walks folders asynchronously.
 */
export function collectDataTransfer(dt: DataTransfer): Promise<CollectedSources> {
  const entries: EntryLike[] = [];
  const loose: File[] = [];
  for (const item of Array.from(dt.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = (item as DataTransferItem & { webkitGetAsEntry?: () => EntryLike | null }).webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  if (!entries.length && !loose.length) loose.push(...Array.from(dt.files ?? []));
  return walkEntries(entries, loose);
}

export async function walkEntries(entries: EntryLike[], loose: File[] = []): Promise<CollectedSources> {
  const out: CollectedSources = { sources: loose.map((file) => ({ file, path: file.name })), issues: [] };
  const visit = async (entry: EntryLike): Promise<void> => {
    if (entry.isFile) {
      try {
        const file = await new Promise<File>((ok, fail) => (entry as FileEntryLike).file(ok, fail));
        out.sources.push({ file, path: cleanPath(entry.fullPath) || file.name });
      } catch {
        out.issues.push({ path: cleanPath(entry.fullPath), reason: 'unreadable', message: `"${entry.name}" could not be read (the browser was denied access); check its permissions and add it again.` });
      }
      return;
    }
    if (!entry.isDirectory) return;
    const reader = (entry as DirEntryLike).createReader();
    const children: EntryLike[] = [];
    try {
      // readEntries hands out a limited batch per call (100 in Chromium): call until it is empty.
      for (;;) {
        const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
        if (!batch.length) break;
        children.push(...batch);
      }
    } catch {
      out.issues.push({
        path: cleanPath(entry.fullPath),
        reason: 'unreadable-folder',
        message: `The folder "${cleanPath(entry.fullPath)}" could not be read (the browser was denied access), so ${children.length ? 'some of ' : ''}the files in it were not added; check its permissions and add it again.`,
      });
    }
    for (const c of children) await visit(c);
  };
  for (const e of entries) await visit(e);
  return out;
}
