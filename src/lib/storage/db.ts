/**
 * The storage seam: the only module that imports Dexie. Tables follow `@/core/model`.
 * Tests in node pass `fake-indexeddb`'s factory through `openProjectDb`.
 */
import Dexie, { type EntityTable } from 'dexie';
import type {
  Asset,
  AssetBlob,
  Case,
  KeyValue,
  Prompt,
  PromptVersion,
  Render,
  Result,
  Run,
  Thumbnail,
} from '@/core/model';

export type ProjectDb = Dexie & {
  assets: EntityTable<Asset, 'id'>;
  blobs: EntityTable<AssetBlob, 'id'>;
  thumbs: EntityTable<Thumbnail, 'id'>;
  cases: EntityTable<Case, 'id'>;
  renders: EntityTable<Render, 'id'>;
  prompts: EntityTable<Prompt, 'id'>;
  promptVersions: EntityTable<PromptVersion, 'id'>;
  runs: EntityTable<Run, 'id'>;
  results: EntityTable<Result, 'id'>;
  kv: EntityTable<KeyValue, 'key'>;
};

export const DEFAULT_DB_NAME = 'anomaly-workbench';

export function openProjectDb(
  name = DEFAULT_DB_NAME,
  deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange },
): ProjectDb {
  const db = new Dexie(name, deps) as ProjectDb;
  db.version(1).stores({
    assets: '&id, kind, addedAt',
    blobs: '&id',
    thumbs: '&id',
    cases: '&id, assetId, className, role, kind, truth.status, addedAt, parentId',
    renders: '&id, assetId',
    prompts: '&id, name, updatedAt',
    promptVersions: '&id, promptId, [promptId+version], hash',
    runs: '&id, promptVersionId, createdAt',
    results: '&id, runId, caseId, [runId+caseId], requestHash',
    kv: '&key',
  });
  return db;
}

let shared: ProjectDb | undefined;

/** The project database of this browser tab (opened on first use). */
export function projectDb(): ProjectDb {
  shared ??= openProjectDb();
  return shared;
}

export { Dexie };

/** True when an error means the browser refused to store more (disk full or quota). */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: string; inner?: { name?: string } } | undefined;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

export const QUOTA_MESSAGE =
  'The browser has no room left for this project (disk full or storage quota reached). Nothing was half-saved: free disk space or delete cases, then try again.';

/** IndexedDB refusals that are about the storage, not about the data written. */
const STORAGE_FAULTS = new Set(['UnknownError', 'InvalidStateError', 'DatabaseClosedError', 'OpenFailedError', 'AbortError', 'VersionError', 'ReadOnlyError', 'DataCloneError']);

/**
 * The one sentence for a storage refusal, wherever it happens (sample load, import, ingest,
 * renders, results); undefined when `err` is not one, so callers keep their own sentence.
 */
export function storageErrorText(err: unknown): string | undefined {
  if (isQuotaError(err)) return QUOTA_MESSAGE;
  const e = err as { name?: string; inner?: { name?: string } } | undefined;
  const name = e?.inner?.name ?? e?.name;
  if (name && STORAGE_FAULTS.has(name)) return `The browser's storage refused to save (${name}). Nothing was half-saved; reload the page and try again.`;
  return undefined;
}
