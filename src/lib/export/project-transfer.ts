/**
 * Project files: export the whole project (cases, labels, prompts with versions, runs, results,
 * assets by hash) as one zip, and import such a zip into an empty or an existing project.
 * Import validates everything first — zip, manifest, every asset's SHA-256, references — and
 * then writes in a single transaction, so a bad file changes nothing.
 */
import type { Asset, AssetBlob, Case, KeyValue, Prompt, PromptVersion, Result, Run, Thumbnail } from '@/core/model';
import { resultId, sha256Hex } from '@/core/identity';
import { assetPath, MANIFEST_PATH, PRIVATE_KV, PROJECT_FORMAT, PROJECT_VERSION, type ProjectManifest } from '@/core/export/project-manifest';
import { projectDb, storageErrorText, type ProjectDb } from '@/lib/storage/db';
import { zipFiles } from '@/lib/export/zip';
import { ProjectImportError, readProjectArchive, type ProjectArchive } from '@/lib/export/project-archive';
import type { ProjectZipReply, ProjectZipRequest } from '@/lib/export/project-zip-protocol';
import { createWorkerClient, WorkerJobError, type WorkerClient } from '@/lib/worker-client';
import { defaultOptions } from '@/core/options';

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

export { ProjectImportError };

const EXT: Record<string, string> = { 'image/png': 'png', 'image/webp': 'webp', 'image/jpeg': 'jpg' };
const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

/** The whole project as zip bytes. Rendered views are not included: they are rebuilt from the assets. */
export async function exportProject(db: ProjectDb = projectDb(), now = Date.now()): Promise<Uint8Array> {
  const [assets, blobs, thumbs, cases, prompts, promptVersions, runs, results, kv] = await db.transaction(
    'r',
    [db.assets, db.blobs, db.thumbs, db.cases, db.prompts, db.promptVersions, db.runs, db.results, db.kv],
    () => Promise.all([db.assets.toArray(), db.blobs.toArray(), db.thumbs.toArray(), db.cases.toArray(), db.prompts.toArray(), db.promptVersions.toArray(), db.runs.toArray(), db.results.toArray(), db.kv.toArray()]),
  );
  const files: Record<string, Uint8Array> = {};
  const blobById = new Map(blobs.map((b) => [b.id, b.blob]));
  for (const a of assets) {
    const b = blobById.get(a.id);
    if (b) files[assetPath(a.id)] = await bytesOf(b);
  }
  const exportedAssets = assets.filter((a) => files[assetPath(a.id)]);
  const thumbEntries: ProjectManifest['thumbs'] = [];
  for (const t of thumbs) {
    const file = `thumbs/${t.id}.${EXT[t.blob.type] ?? 'bin'}`;
    files[file] = await bytesOf(t.blob);
    thumbEntries.push({ id: t.id, width: t.width, height: t.height, mime: t.blob.type, file, ...(t.placeholder ? { placeholder: true } : {}) });
  }
  const resultRows: (Omit<Result, 'artefacts'> & Pick<ProjectManifest['results'][number], 'artefactFiles'>)[] = [];
  for (const [i, r] of results.entries()) {
    const { artefacts, ...rest } = r;
    const row: (typeof resultRows)[number] = { ...rest };
    if (artefacts?.heatmap) {
      const file = `artefacts/${i}-heatmap.${EXT[artefacts.heatmap.type] ?? 'bin'}`;
      files[file] = await bytesOf(artefacts.heatmap);
      row.artefactFiles = { heatmap: { file, mime: artefacts.heatmap.type } };
    }
    const grid = artefacts?.heatmapGrid;
    if (grid) {
      // Raw scores keep pixel-level AUROC exact after a round trip; float32 bytes as stored.
      const gridFile = `artefacts/${i}-heatmap-grid.f32`;
      files[gridFile] = new Uint8Array(Float32Array.from(grid.data).buffer);
      row.artefactFiles = { ...row.artefactFiles, heatmapGrid: { file: gridFile, width: grid.width, height: grid.height } };
    }
    resultRows.push(row);
  }
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
  files[MANIFEST_PATH] = new TextEncoder().encode(JSON.stringify(manifest));
  return zipFiles(files);
}

/** Unzipping a project: copying and hashing dominate; the per-MB part covers large projects. */
const ZIP_DEADLINE = defaultOptions.deadlines.zipProject;

let zipClient: WorkerClient<ProjectZipRequest, ProjectZipReply> | undefined;

/** Unzips and checks in the project-zip worker (in this thread where there are no workers, as in tests). */
async function unzipProject(data: Uint8Array, fileName: string): Promise<ProjectArchive> {
  if (typeof Worker === 'undefined') return readProjectArchive(data, fileName);
  zipClient ??= createWorkerClient<ProjectZipRequest, ProjectZipReply>({
    create: () => new Worker(new URL('../../workers/project-zip.worker.ts', import.meta.url), { type: 'module', name: 'project-zip' }),
    deadline: ZIP_DEADLINE,
  });
  let r: ProjectZipReply;
  try {
    const buffer = data.buffer as ArrayBuffer;
    r = await zipClient.request({ data: buffer, fileName }, { what: `Reading ${fileName}`, inputBytes: data.length, transfer: [buffer] });
  } catch (err) {
    throw new ProjectImportError([`${err instanceof WorkerJobError ? err.message : `${fileName} could not be read.`} Nothing was imported.`]);
  }
  if (!r.ok) throw new ProjectImportError(r.problems);
  return { manifest: r.manifest, files: r.files };
}

/** Reads and checks a project zip completely; throws ProjectImportError with sentences. */
async function readProjectZip(data: Uint8Array, fileName: string): Promise<ProjectArchive> {
  const { manifest, files } = await unzipProject(data, fileName);
  for (const a of manifest.assets) {
    if ((await sha256Hex(files[assetPath(a.id)])) !== a.id) {
      throw new ProjectImportError([`The file of asset "${a.name}" in ${fileName} is damaged (its contents do not match its hash). Nothing was imported.`]);
    }
  }
  return { manifest, files };
}

/** Imports a project zip. Existing records win: assets by hash, cases, prompts, runs and results by id. */
export async function importProject(file: Blob, opts: { db?: ProjectDb; fileName?: string } = {}): Promise<ImportSummary> {
  const db = opts.db ?? projectDb();
  const fileName = opts.fileName ?? ((file as File).name ? `"${(file as File).name}"` : 'The file');
  const { manifest: m, files } = await readProjectZip(await bytesOf(file), fileName);

  // Everything that is not IndexedDB work happens before the transaction.
  const blobs = new Map<string, AssetBlob>(m.assets.map((a) => [a.id, { id: a.id, blob: new Blob([files[assetPath(a.id)] as Uint8Array<ArrayBuffer>], { type: a.mime }) }]));
  const thumbs: Thumbnail[] = m.thumbs.map((t) => ({ id: t.id, width: t.width, height: t.height, ...(t.placeholder ? { placeholder: true } : {}), blob: new Blob([files[t.file] as Uint8Array<ArrayBuffer>], { type: t.mime }) }));
  const results: Result[] = m.results.map((r) => {
    const { artefactFiles, ...rest } = r;
    const heat = artefactFiles?.heatmap;
    const grid = artefactFiles?.heatmapGrid;
    const artefacts: Result['artefacts'] = {
      ...(heat ? { heatmap: new Blob([files[heat.file] as Uint8Array<ArrayBuffer>], { type: heat.mime }) } : {}),
      ...(grid ? { heatmapGrid: { width: grid.width, height: grid.height, data: new Float32Array(files[grid.file].slice().buffer) } } : {}),
    };
    return { ...(rest as Result), ...(heat || grid ? { artefacts } : {}) };
  });

  const s: ImportSummary = { assetsAdded: 0, assetsSkipped: 0, casesAdded: 0, casesSkipped: 0, promptsAdded: 0, versionsAdded: 0, runsAdded: 0, resultsAdded: 0 };
  try {
    await writeProject(db, m, blobs, thumbs, results, s);
  } catch (err) {
    // One transaction: a refusal rolls back everything, so the sentence can say nothing changed.
    const text = storageErrorText(err);
    throw new ProjectImportError([`${fileName} was not imported. ${text ?? 'Writing it to the project failed; nothing was changed. Try again.'}`]);
  }
  return s;
}

async function writeProject(db: ProjectDb, m: ProjectManifest, blobs: Map<string, AssetBlob>, thumbs: Thumbnail[], results: Result[], s: ImportSummary): Promise<void> {
  await db.transaction('rw', [db.assets, db.blobs, db.thumbs, db.cases, db.prompts, db.promptVersions, db.runs, db.results, db.kv], async () => {
    for (const a of m.assets as Asset[]) {
      if (await db.assets.get(a.id)) {
        s.assetsSkipped++;
        continue;
      }
      await db.assets.add(a);
      await db.blobs.put(blobs.get(a.id)!);
      s.assetsAdded++;
    }
    for (const t of thumbs) if (!(await db.thumbs.get(t.id))) await db.thumbs.add(t);

    // A case whose file and class are already in the project is the same case under another id:
    // map it, so imported runs and results attach to the case the project already has.
    const caseIdMap = new Map<string, string>();
    for (const c of m.cases as Case[]) {
      if (await db.cases.get(c.id)) {
        s.casesSkipped++;
        continue;
      }
      const twin = (await db.cases.where('assetId').equals(c.assetId).toArray()).find((x) => x.className === c.className && x.parentId === c.parentId && JSON.stringify(x.window) === JSON.stringify(c.window));
      if (twin) {
        caseIdMap.set(c.id, twin.id);
        s.casesSkipped++;
        continue;
      }
      await db.cases.add(c);
      s.casesAdded++;
    }
    const mapCase = (id: string) => caseIdMap.get(id) ?? id;

    for (const p of m.prompts as Prompt[]) {
      if (await db.prompts.get(p.id)) continue;
      await db.prompts.add(p);
      s.promptsAdded++;
    }
    for (const v of m.promptVersions as PromptVersion[]) {
      if (await db.promptVersions.get(v.id)) continue;
      await db.promptVersions.add(v);
      s.versionsAdded++;
    }
    for (const r of m.runs as Run[]) {
      if (await db.runs.get(r.id)) continue;
      await db.runs.add({ ...r, caseIds: r.caseIds.map(mapCase) });
      s.runsAdded++;
    }
    for (const r of results) {
      const caseId = mapCase(r.caseId);
      const id = caseId === r.caseId ? r.id : resultId(r.runId, caseId, r.rep);
      if (await db.results.get(id)) continue;
      await db.results.add({ ...r, id, caseId });
      s.resultsAdded++;
    }
    for (const x of m.kv as KeyValue[]) if (!PRIVATE_KV.test(x.key) && !(await db.kv.get(x.key))) await db.kv.add(x);
  });
}

/** "washer-line-2026-11-23.awproject.zip" */
export function projectFileName(projectName: string | undefined, now = Date.now()): string {
  const base = (projectName ?? 'project').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'project';
  return `${base}-${new Date(now).toISOString().slice(0, 10)}.zip`;
}
