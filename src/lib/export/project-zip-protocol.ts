/** Messages between `@/lib/export/project-transfer` and `src/workers/project-zip.worker.ts`. */
import type { ProjectManifest } from '@/core/export/project-manifest';
import type { ZipEntry } from '@/lib/export/zip';

/** `open` checks the directory and manifest; `read` inflates some entries. The file is passed as a Blob (no copy). */
export type ProjectZipRequest = { id: number; kind: 'open'; file: Blob; fileName: string } | { id: number; kind: 'read'; file: Blob; fileName: string; entries: ZipEntry[] };

export type ProjectZipReply =
  | { id: number; ok: true; kind: 'open'; manifest: ProjectManifest; entries: ZipEntry[] }
  | { id: number; ok: true; kind: 'read'; files: Record<string, Uint8Array> }
  | { id: number; ok: false; problems: string[] };
