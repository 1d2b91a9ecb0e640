/**
 * Loads the sample project from `/sample/` (made by `npm run sample`) into the project database
 * through the same steps as a dropped file (sniff, hash, preview, one transaction per file), with
 * its labels, and one prompt per class whose references are the class's reference cases.
 * Loading twice adds nothing: files already present (same SHA-256) are skipped.
 */
import { SAMPLE_FORMAT, type SampleFile, type SampleManifest } from '@/core/sample/sample-project';
import { conveyorFrames, CONVEYOR_VIDEO } from '@/core/sample/conveyor-video';
import { samplePromptBody } from '@/core/sample/sample-prompt-body';
import { projectDb, storageErrorText, type ProjectDb } from '@/lib/storage/db';
import { knownAssetIds, saveCase } from '@/lib/ingest/store';
import { prepareFile } from '@/lib/ingest/prepare';
import { makeThumbnail } from '@/lib/ingest/thumbnail';
import { createPrompt } from '@/lib/prompt/prompt-store';

export interface SampleLoadSummary {
  added: number;
  skipped: number;
  prompts: number;
  /** Files this browser could not make (a video without a WebCodecs encoder). */
  notMade: string[];
}

/** Draws and encodes a file the manifest describes by seed; undefined when this browser cannot. */
async function generatedFile(f: SampleFile): Promise<Blob | undefined> {
  if (f.generate?.kind !== 'conveyor-video') return undefined;
  try {
    const { encodeRgbFramesToWebm } = await import('@/lib/video/media');
    return await encodeRgbFramesToWebm(conveyorFrames(f.generate), CONVEYOR_VIDEO);
  } catch {
    return undefined;
  }
}

async function fetchOk(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new Error(`The sample file ${url} could not be fetched; check that the app is served with its public/sample folder (run "npm run sample" to make it).`);
  }
  if (!res.ok) throw new Error(`The sample file ${url} is missing (HTTP ${res.status}); run "npm run sample" and reload.`);
  return res;
}

/** Fetches `/sample/manifest.json` and everything it lists into the project. */
export async function loadSampleProject(opts: { base?: string; db?: ProjectDb; onProgress?: (done: number, total: number) => void } = {}): Promise<SampleLoadSummary> {
  const base = opts.base ?? `${import.meta.env.BASE_URL}sample/`;
  const db = opts.db ?? projectDb();
  const manifest = (await (await fetchOk(`${base}manifest.json`)).json()) as SampleManifest;
  if (manifest.format !== SAMPLE_FORMAT || !Array.isArray(manifest.files)) {
    throw new Error(`${base}manifest.json is not a sample project manifest; run "npm run sample" to remake it.`);
  }
  const summary: SampleLoadSummary = { added: 0, skipped: 0, prompts: 0, notMade: [] };
  const known = await knownAssetIds(db);
  /** Case id per manifest path, whether added now or already present. */
  const caseIds = new Map<string, string>();
  let done = 0;
  opts.onProgress?.(0, manifest.files.length);
  // A few files at a time: fast, without flooding the browser.
  const queue = [...manifest.files];
  let storageFault: string | undefined;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let f = queue.shift(); f && !storageFault; f = queue.shift()) {
        const blob = f.generate ? await generatedFile(f) : await (await fetchOk(`${base}${f.path}`)).blob();
        if (!blob) {
          summary.notMade.push(f.path);
          opts.onProgress?.(++done, manifest.files.length);
          continue;
        }
        const prepared = await prepareFile(blob, f.path, { makeThumbnail, known });
        if (!prepared.ok) throw new Error(`${prepared.message} (sample file ${f.path}; run "npm run sample" to remake the sample.)`);
        const fileName = f.path.split('/').pop()!;
        const now = Date.now();
        const outcome = prepared.known
          ? ({ status: 'duplicate' } as const)
          : await saveCase(db, prepared, blob, { path: f.path, fileName, className: f.className, role: f.role, truth: { status: f.truth.status, defectType: f.truth.defectType, ...(f.truth.anomalyKind ? { anomalyKind: f.truth.anomalyKind } : {}), source: 'import', at: now } }, now);
        if (outcome.status === 'no-room') {
          // The other lanes stop at their next file; what is saved stays, and the count is told.
          storageFault = outcome.message;
          break;
        }
        if (outcome.status === 'added') {
          summary.added++;
          caseIds.set(f.path, outcome.caseId);
        } else {
          summary.skipped++;
          const existing = await db.cases.where('assetId').equals(prepared.assetId).first();
          if (existing) caseIds.set(f.path, existing.id);
        }
        opts.onProgress?.(++done, manifest.files.length);
      }
    }),
  );
  if (storageFault) {
    throw new Error(`Loading the sample project stopped: ${summary.added} of ${manifest.files.length} files were saved (each one whole), the rest were not. ${storageFault}`);
  }
  try {
    await addSamplePrompts(manifest, caseIds, db, summary);
  } catch (err) {
    const text = storageErrorText(err);
    if (text) throw new Error(`The sample's files were saved, but its prompts were not. ${text}`);
    throw err;
  }
  return summary;
}

async function addSamplePrompts(manifest: SampleManifest, caseIds: Map<string, string>, db: ProjectDb, summary: SampleLoadSummary): Promise<void> {
  for (const p of manifest.prompts ?? []) {
    if ((await db.prompts.where('name').equals(p.name).count()) > 0) continue;
    const refs = manifest.files.filter((f) => f.className === p.className && f.role === 'reference').flatMap((f) => caseIds.get(f.path) ?? []);
    await createPrompt(p.name, samplePromptBody(p, refs), db);
    summary.prompts++;
  }
  if (!(await db.kv.get('project.name'))) await db.kv.put({ key: 'project.name', value: manifest.name });
}
