/**
 * Project files: export the whole project (cases, labels, prompts with versions, runs, results,
 * assets by hash) as one zip, and import such a zip into an empty or an existing project. Both
 * stream: export writes entry by entry into a Blob of parts, import reads the file a few entries
 * at a time, so memory stays bounded for 10,000 cases. Both report progress and can be cancelled.
 * Import checks the zip's directory and manifest before anything is written, then writes files
 * in batches (invisible until their cases exist) and the records in one last transaction; a damaged
 * entry, a refusal or a cancel removes what the import added, so a bad file changes nothing.
 */
import type { Asset, Case, KeyValue, Prompt, PromptVersion, Result, Run, Thumbnail } from '@/core/model';
import { resultId, sha256Hex } from '@/core/identity';
import { jsonChunks } from '@/core/json-chunks';
import { defaultOptions } from '@/core/options';
import { assetPath, MANIFEST_PATH, PRIVATE_KV, PROJECT_FORMAT, PROJECT_VERSION, type ProjectManifest } from '@/core/export/project-manifest';
import { projectDb, storageErrorText, type ProjectDb } from '@/lib/storage/db';
import { ZipBlobWriter, type ZipEntry } from '@/lib/export/zip';
import { openProjectArchive, ProjectImportError, readArchiveFiles, type OpenedArchive } from '@/lib/export/project-archive';
import type { ProjectZipReply, ProjectZipRequest } from '@/lib/export/project-zip-protocol';
import { createWorkerClient, WorkerJobError, type WorkerClient } from '@/lib/worker-client';

export interface ImportSummary {
  assetsAdded: number;
  assetsSkipped: number;
  casesAdded: number;
  casesSkipped: number;
  promptsAdded: number;
  versionsAdded: number;
  runsAdded: number;
  resultsAdded: number;
}

/** How far an export (in files) or an import (in bytes read) has come. */
export interface TransferProgress {
  done: number;
  total: number;
}

export interface TransferOptions {
  signal?: AbortSignal;
  onProgress?: (p: TransferProgress) => void;
}

/** The user cancelled; for an import, nothing was changed. */
export class TransferCancelled extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferCancelled';
  }
}

export { ProjectImportError };

const EXT: Record<string, string> = { 'image/png': 'png', 'image/webp': 'webp', 'image/jpeg': 'jpg' };
const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
/** Records read from the database per step of an export. */
const EXPORT_PAGE = 200;
/** Compressed bytes and entries read from the file per step of an import. */
const IMPORT_BATCH_BYTES = 4 * 1024 * 1024;
const IMPORT_BATCH_ENTRIES = 500;

function* pages<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Counts progress and stops at a cancel. */
function tracker(total: number, opts: TransferOptions, cancelled: string) {
  let done = 0;
  opts.onProgress?.({ done, total });
  return {
    check() {
      if (opts.signal?.aborted) throw new TransferCancelled(cancelled);
    },
    step(n: number) {
      done += n;
      opts.onProgress?.({ done: Math.min(done, total), total });
    },
  };
}

/**
 * The whole project as a zip Blob, written entry by entry (the manifest last). Rendered views are
 * not included: they are rebuilt from the assets.
 */
export async function exportProject(db: ProjectDb = projectDb(), now = Date.now(), opts: TransferOptions = {}): Promise<Blob> {
  const [assets, thumbIds, resultIds, cases, prompts, promptVersions, runs, kv] = await db.transaction(
    'r',
    [db.assets, db.thumbs, db.cases, db.prompts, db.promptVersions, db.runs, db.results, db.kv],
    () =>
      Promise.all([
        db.assets.toArray(),
        db.thumbs.toCollection().primaryKeys(),
        db.results.toCollection().primaryKeys(),
        db.cases.toArray(),
        db.prompts.toArray(),
        db.promptVersions.toArray(),
        db.runs.toArray(),
        db.kv.toArray(),
      ]),
  );
  const zip = new ZipBlobWriter();
  const progress = tracker(assets.length + thumbIds.length + resultIds.length, opts, 'The export was cancelled.');

  const exportedAssets: Asset[] = [];
  for (const page of pages(assets, EXPORT_PAGE)) {
    progress.check();
    const blobs = await db.blobs.bulkGet(page.map((a) => a.id));
    // Blobs stored in IndexedDB are read from disk: asking for a page at once overlaps the waits.
    const bytes = await Promise.all(blobs.map((b) => b && bytesOf(b.blob)));
    for (const [k, a] of page.entries()) {
      const b = bytes[k];
      if (!b) continue;
      await zip.add(assetPath(a.id), b);
      exportedAssets.push(a);
    }
    progress.step(page.length);
  }

  const thumbEntries: ProjectManifest['thumbs'] = [];
  for (const page of pages(thumbIds, EXPORT_PAGE)) {
    progress.check();
    const thumbs = await db.thumbs.bulkGet(page);
    const bytes = await Promise.all(thumbs.map((t) => t && bytesOf(t.blob)));
    for (const [k, t] of thumbs.entries()) {
      if (!t) continue;
      const file = `thumbs/${t.id}.${EXT[t.blob.type] ?? 'bin'}`;
      await zip.add(file, bytes[k]!);
      thumbEntries.push({ id: t.id, width: t.width, height: t.height, mime: t.blob.type, file, ...(t.placeholder ? { placeholder: true } : {}) });
    }
    progress.step(page.length);
  }

  const resultRows: ProjectManifest['results'] = [];
  for (const page of pages(resultIds, EXPORT_PAGE)) {
    progress.check();
    const results = await db.results.bulkGet(page);
    const heatmaps = await Promise.all(results.map((r) => r?.artefacts?.heatmap && bytesOf(r.artefacts.heatmap)));
    for (const [k, r] of results.entries()) {
      if (!r) continue;
      const i = resultRows.length;
      const { artefacts, ...rest } = r;
      const row: ProjectManifest['results'][number] = { ...rest };
      if (artefacts?.heatmap) {
        const file = `artefacts/${i}-heatmap.${EXT[artefacts.heatmap.type] ?? 'bin'}`;
        await zip.add(file, heatmaps[k]!);
        row.artefactFiles = { heatmap: { file, mime: artefacts.heatmap.type } };
      }
      const grid = artefacts?.heatmapGrid;
      if (grid) {
        // Raw scores keep pixel-level AUROC exact after a round trip; float32 bytes as stored.
        const gridFile = `artefacts/${i}-heatmap-grid.f32`;
        await zip.add(gridFile, new Uint8Array(Float32Array.from(grid.data).buffer));
        row.artefactFiles = { ...row.artefactFiles, heatmapGrid: { file: gridFile, width: grid.width, height: grid.height } };
      }
      resultRows.push(row);
    }
    progress.step(page.length);
  }

  progress.check();
  const name = kv.find((x) => x.key === 'project.name')?.value;
  const manifest = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    exportedAt: now,
    projectName: typeof name === 'string' ? name : undefined,
    assets: exportedAssets,
    thumbs: thumbEntries,
    cases,
    prompts,
    promptVersions,
    runs,
    results: resultRows,
    kv: kv.filter((x) => !PRIVATE_KV.test(x.key)),
  };
  // Written in pieces: with tens of thousands of rows, one JSON string would be the export's largest allocation.
  await zip.addPieces(MANIFEST_PATH, jsonChunks(manifest));
  return zip.finish();
}

/** Reading a batch of a project file: copying and inflating dominate; the per-MB part covers large batches. */
const ZIP_DEADLINE = defaultOptions.deadlines.zipProject;

let zipClient: WorkerClient<ProjectZipRequest, ProjectZipReply> | undefined;

interface ArchiveReader {
  open(): Promise<OpenedArchive>;
  read(entries: ZipEntry[]): Promise<Record<string, Uint8Array>>;
}

/** Reads a project file in the project-zip worker (in this thread where there are no workers, as in tests). */
function archiveReader(file: Blob, fileName: string): ArchiveReader {
  if (typeof Worker === 'undefined') return { open: () => openProjectArchive(file, fileName), read: (entries) => readArchiveFiles(file, entries, fileName) };
  zipClient ??= createWorkerClient<ProjectZipRequest, ProjectZipReply>({
    create: () => new Worker(new URL('../../workers/project-zip.worker.ts', import.meta.url), { type: 'module', name: 'project-zip' }),
    deadline: ZIP_DEADLINE,
  });
  const client = zipClient;
  const ask = async (req: Parameters<typeof client.request>[0], inputBytes: number) => {
    let r: ProjectZipReply;
    try {
      r = await client.request(req, { what: `Reading ${fileName}`, inputBytes });
    } catch (err) {
      throw new ProjectImportError([`${err instanceof WorkerJobError ? err.message : `${fileName} could not be read.`} Nothing was imported.`]);
    }
    if (!r.ok) throw new ProjectImportError(r.problems);
    return r;
  };
  return {
    async open() {
      const r = await ask({ kind: 'open', file, fileName }, 0);
      if (r.kind !== 'open') throw new ProjectImportError([`${fileName} could not be read. Nothing was imported.`]);
      return { manifest: r.manifest, entries: r.entries };
    },
    async read(entries) {
      const r = await ask({ kind: 'read', file, fileName, entries }, entries.reduce((n, e) => n + e.declaredBytes, 0));
      if (r.kind !== 'read') throw new ProjectImportError([`${fileName} could not be read. Nothing was imported.`]);
      return r.files;
    },
  };
}

/** Keeps the first record of each id: a file listing one twice imports it once. */
function firstById<T>(rows: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(key(r)) && !!seen.add(key(r)));
}

async function missingKeys(keys: readonly string[], existing: (keys: string[]) => Promise<unknown[]>): Promise<Set<string>> {
  const found = new Set((await existing([...new Set(keys)])) as string[]);
  return new Set(keys.filter((k) => !found.has(k)));
}

/** What an import adds, worked out before anything is written. Existing records win. */
async function planImport(db: ProjectDb, m: ProjectManifest) {
  const newAssetIds = await missingKeys(m.assets.map((a) => a.id), (ids) => db.assets.where('id').anyOf(ids).primaryKeys());
  const newThumbIds = await missingKeys(m.thumbs.map((t) => t.id), (ids) => db.thumbs.where('id').anyOf(ids).primaryKeys());
  const existingCases = await missingKeys(m.cases.map((c) => c.id), (ids) => db.cases.where('id').anyOf(ids).primaryKeys());
  const freshCases = (m.cases as Case[]).filter((c) => existingCases.has(c.id));

  // A case whose file and class are already in the project is the same case under another id:
  // map it, so imported runs and results attach to the case the project already has.
  const sameAsset = new Map<string, Case[]>();
  for (const c of await db.cases.where('assetId').anyOf([...new Set(freshCases.map((c) => c.assetId))]).toArray()) sameAsset.set(c.assetId, [...(sameAsset.get(c.assetId) ?? []), c]);
  const caseIdMap = new Map<string, string>();
  const cases: Case[] = [];
  for (const c of firstById(freshCases, (c) => c.id)) {
    const twin = sameAsset.get(c.assetId)?.find((x) => x.className === c.className && x.parentId === c.parentId && JSON.stringify(x.window) === JSON.stringify(c.window));
    if (twin) caseIdMap.set(c.id, twin.id);
    else cases.push(c);
  }
  const mapCase = (id: string) => caseIdMap.get(id) ?? id;

  const newPrompts = await missingKeys(m.prompts.map((p) => p.id), (ids) => db.prompts.where('id').anyOf(ids).primaryKeys());
  const newVersions = await missingKeys(m.promptVersions.map((v) => v.id), (ids) => db.promptVersions.where('id').anyOf(ids).primaryKeys());
  const newRuns = await missingKeys(m.runs.map((r) => r.id), (ids) => db.runs.where('id').anyOf(ids).primaryKeys());
  const mappedResults = m.results.map((r) => {
    const caseId = mapCase(r.caseId);
    return { ...r, id: caseId === r.caseId ? r.id : resultId(r.runId, caseId, r.rep), caseId };
  });
  const newResults = await missingKeys(mappedResults.map((r) => r.id), (ids) => db.results.where('id').anyOf(ids).primaryKeys());
  const kvRows = (m.kv as KeyValue[]).filter((x) => !PRIVATE_KV.test(x.key));
  const newKv = await missingKeys(kvRows.map((x) => x.key), (keys) => db.kv.where('key').anyOf(keys).primaryKeys());

  const assets = firstById((m.assets as Asset[]).filter((a) => newAssetIds.has(a.id)), (a) => a.id);
  return {
    assets,
    thumbs: firstById(m.thumbs.filter((t) => newThumbIds.has(t.id)), (t) => t.id),
    cases,
    casesSkipped: m.cases.length - cases.length,
    prompts: firstById((m.prompts as Prompt[]).filter((p) => newPrompts.has(p.id)), (p) => p.id),
    versions: firstById((m.promptVersions as PromptVersion[]).filter((v) => newVersions.has(v.id)), (v) => v.id),
    runs: firstById((m.runs as Run[]).filter((r) => newRuns.has(r.id)), (r) => r.id).map((r) => ({ ...r, caseIds: r.caseIds.map(mapCase) })),
    results: firstById(mappedResults.filter((r) => newResults.has(r.id)), (r) => r.id),
    kv: firstById(kvRows.filter((x) => newKv.has(x.key)), (x) => x.key),
  };
}

/** Keys an import has written so far, to take back on failure or cancel. */
interface Added {
  assets: string[];
  thumbs: string[];
  results: string[];
}

async function takeBack(db: ProjectDb, added: Added) {
  await db.transaction('rw', [db.assets, db.blobs, db.thumbs, db.results], async () => {
    await db.assets.bulkDelete(added.assets);
    await db.blobs.bulkDelete(added.assets);
    await db.thumbs.bulkDelete(added.thumbs);
    await db.results.bulkDelete(added.results);
  });
}

/** Imports a project zip. Existing records win: assets by hash, cases, prompts, runs and results by id. */
export async function importProject(file: Blob, opts: { db?: ProjectDb; fileName?: string } & TransferOptions = {}): Promise<ImportSummary> {
  const db = opts.db ?? projectDb();
  const fileName = opts.fileName ?? ((file as File).name ? `"${(file as File).name}"` : 'The file');
  const cancelled = 'The import was cancelled; nothing was changed.';
  if (opts.signal?.aborted) throw new TransferCancelled(cancelled);
  const reader = archiveReader(file, fileName);
  const { manifest: m, entries } = await reader.open();
  const entryOf = new Map(entries.map((e) => [e.name, e]));
  const plan = await planImport(db, m);

  const filesOfResult = (r: ProjectManifest['results'][number]) => [r.artefactFiles?.heatmap?.file, r.artefactFiles?.heatmapGrid?.file].filter((f): f is string => !!f);
  const needed = [...plan.assets.map((a) => assetPath(a.id)), ...plan.thumbs.map((t) => t.file), ...plan.results.flatMap(filesOfResult)];
  const progress = tracker(
    needed.reduce((n, f) => n + (entryOf.get(f)?.compressedBytes ?? 0), 0),
    opts,
    cancelled,
  );

  /** Reads the files of `items` a batch at a time and hands each batch to `write`. */
  async function inBatches<T>(items: readonly T[], files: (t: T) => string[], write: (batch: T[], bytes: Record<string, Uint8Array>) => Promise<void>) {
    let batch: T[] = [];
    let batchEntries: ZipEntry[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (!batch.length) return;
      progress.check();
      await write(batch, batchEntries.length ? await reader.read(batchEntries) : {});
      progress.step(batchBytes);
      batch = [];
      batchEntries = [];
      batchBytes = 0;
    };
    for (const item of items) {
      const es = files(item).map((f) => entryOf.get(f)!);
      batch.push(item);
      batchEntries.push(...es);
      batchBytes += es.reduce((n, e) => n + e.compressedBytes, 0);
      if (batchBytes >= IMPORT_BATCH_BYTES || batchEntries.length >= IMPORT_BATCH_ENTRIES) await flush();
    }
    await flush();
  }

  const added: Added = { assets: [], thumbs: [], results: [] };
  try {
    await inBatches(plan.assets, (a) => [assetPath(a.id)], async (batch, bytes) => {
      for (const a of batch) {
        if ((await sha256Hex(bytes[assetPath(a.id)])) !== a.id) {
          throw new ProjectImportError([`The file of asset "${a.name}" in ${fileName} is damaged (its contents do not match its hash). Nothing was imported.`]);
        }
      }
      await db.transaction('rw', [db.assets, db.blobs], async () => {
        await db.assets.bulkAdd(batch);
        await db.blobs.bulkAdd(batch.map((a) => ({ id: a.id, blob: new Blob([bytes[assetPath(a.id)] as Uint8Array<ArrayBuffer>], { type: a.mime }) })));
      });
      added.assets.push(...batch.map((a) => a.id));
    });
    await inBatches(plan.thumbs, (t) => [t.file], async (batch, bytes) => {
      const rows: Thumbnail[] = batch.map((t) => ({ id: t.id, width: t.width, height: t.height, ...(t.placeholder ? { placeholder: true } : {}), blob: new Blob([bytes[t.file] as Uint8Array<ArrayBuffer>], { type: t.mime }) }));
      await db.thumbs.bulkAdd(rows);
      added.thumbs.push(...rows.map((t) => t.id));
    });
    // Results before the runs they belong to: no view shows a result of a run it does not know.
    await inBatches(plan.results, filesOfResult, async (batch, bytes) => {
      const rows: Result[] = batch.map(({ artefactFiles, ...rest }) => {
        const heat = artefactFiles?.heatmap;
        const grid = artefactFiles?.heatmapGrid;
        const artefacts: Result['artefacts'] = {
          ...(heat ? { heatmap: new Blob([bytes[heat.file] as Uint8Array<ArrayBuffer>], { type: heat.mime }) } : {}),
          ...(grid ? { heatmapGrid: { width: grid.width, height: grid.height, data: new Float32Array(bytes[grid.file].slice().buffer) } } : {}),
        };
        return { ...(rest as Result), ...(heat || grid ? { artefacts } : {}) };
      });
      await db.results.bulkAdd(rows);
      added.results.push(...rows.map((r) => r.id));
    });
    progress.check();
    await db.transaction('rw', [db.cases, db.prompts, db.promptVersions, db.runs, db.kv], async () => {
      await db.cases.bulkAdd(plan.cases);
      await db.prompts.bulkAdd(plan.prompts);
      await db.promptVersions.bulkAdd(plan.versions);
      await db.runs.bulkAdd(plan.runs);
      await db.kv.bulkAdd(plan.kv);
    });
  } catch (err) {
    await takeBack(db, added).catch(() => undefined);
    if (err instanceof ProjectImportError || err instanceof TransferCancelled) throw err;
    const text = storageErrorText(firstFailure(err));
    throw new ProjectImportError([`${fileName} was not imported. ${text ?? 'Writing it to the project failed; nothing was changed. Try again.'}`]);
  }
  return {
    assetsAdded: plan.assets.length,
    assetsSkipped: m.assets.length - plan.assets.length,
    casesAdded: plan.cases.length,
    casesSkipped: plan.casesSkipped,
    promptsAdded: plan.prompts.length,
    versionsAdded: plan.versions.length,
    runsAdded: plan.runs.length,
    resultsAdded: plan.results.length,
  };
}

/** A bulk write fails with a list; its first entry says why. */
function firstFailure(err: unknown): unknown {
  const failures = (err as { failures?: unknown[] } | undefined)?.failures;
  return failures?.length ? failures[0] : err;
}

/** "washer-line-2026-11-23.awproject.zip" */
export function projectFileName(projectName: string | undefined, now = Date.now()): string {
  const base = (projectName ?? 'project').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'project';
  return `${base}-${new Date(now).toISOString().slice(0, 10)}.zip`;
}
