/** Messages between `@/lib/project-transfer` and `src/workers/project-zip.worker.ts`. */
import type { ProjectManifest } from '@/core/export/project-manifest';

export type ProjectZipRequest = { id: number; data: ArrayBuffer; fileName: string };

export type ProjectZipReply = { id: number; ok: true; manifest: ProjectManifest; files: Record<string, Uint8Array> } | { id: number; ok: false; problems: string[] };
