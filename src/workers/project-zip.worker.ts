/// <reference lib="webworker" />
// Unzips and checks a project file off the main thread, so a zip bomb or a deeply nested
// manifest can never freeze the page; the files go back as transferred buffers.
import { ProjectImportError, readProjectArchive } from '@/lib/export/project-archive';
import type { ProjectZipReply, ProjectZipRequest } from '@/lib/export/project-zip-protocol';

self.onmessage = (e: MessageEvent<ProjectZipRequest>) => {
  const { id, data, fileName } = e.data;
  const post = (m: ProjectZipReply, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);
  try {
    const { manifest, files } = readProjectArchive(new Uint8Array(data), fileName);
    post({ id, ok: true, manifest, files }, Object.values(files).map((f) => f.buffer as ArrayBuffer));
  } catch (err) {
    post({ id, ok: false, problems: err instanceof ProjectImportError ? err.problems : [`${fileName} could not be read${err instanceof RangeError ? ': it is too large for this browser tab' : ''}. Nothing was imported.`] });
  }
};
