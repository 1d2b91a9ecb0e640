/// <reference lib="webworker" />
// Reads a project file off the main thread, a few entries at a time, so a zip bomb or a deeply
// nested manifest can never freeze the page; inflated files go back as transferred buffers.
import { openProjectArchive, ProjectImportError, readArchiveFiles } from '@/lib/export/project-archive';
import type { ProjectZipReply, ProjectZipRequest } from '@/lib/export/project-zip-protocol';

self.onmessage = async (e: MessageEvent<ProjectZipRequest>) => {
  const req = e.data;
  const post = (m: ProjectZipReply, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);
  try {
    if (req.kind === 'open') {
      const { manifest, entries } = await openProjectArchive(req.file, req.fileName);
      post({ id: req.id, ok: true, kind: 'open', manifest, entries });
    } else {
      const files = await readArchiveFiles(req.file, req.entries, req.fileName);
      post({ id: req.id, ok: true, kind: 'read', files }, Object.values(files).map((f) => f.buffer as ArrayBuffer));
    }
  } catch (err) {
    post({ id: req.id, ok: false, problems: err instanceof ProjectImportError ? err.problems : [`${req.fileName} could not be read${err instanceof RangeError ? ': it is too large for this browser tab' : ''}. Nothing was imported.`] });
  }
};
