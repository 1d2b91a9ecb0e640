/**
 * Loads the sample project from `/sample/` (made by `npm run sample`) into the project database:
 * assets, blobs, thumbnails, labelled cases and one prompt per class. Loading twice adds nothing:
 * files already present (same SHA-256) are skipped.
 */
import type { Asset, Case, Prompt, PromptVersion, Thumbnail } from '@/core/model';
import { SAMPLE_FORMAT, type SampleFile, type SampleManifest } from '@/core/sample/sample-project';
import { projectDb, type ProjectDb } from '@/lib/db';

export interface SampleLoadSummary {
  added: number;
  skipped: number;
  prompts: number;
}

const MIME: Record<string, string> = { png: 'image/png', ply: 'application/octet-stream' };

export async function sha256Hex(data: BufferSource): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A WebP (JPEG where WebP encoding is missing) of at most 256 px per side. */
export async function makeThumbnail(id: string, blob: Blob): Promise<{ thumb: Thumbnail; width: number; height: number }> {
  const bmp = await createImageBitmap(blob);
  try {
    const scale = Math.min(1, 256 / Math.max(bmp.width, bmp.height));
    const w = Math.max(1, Math.round(bmp.width * scale));
    const h = Math.max(1, Math.round(bmp.height * scale));
    const canvas = new OffscreenCanvas(w, h);
    canvas.getContext('2d')!.drawImage(bmp, 0, 0, w, h);
    let out = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    if (out.type !== 'image/webp') out = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    return { thumb: { id, blob: out, width: w, height: h }, width: bmp.width, height: bmp.height };
  } finally {
    bmp.close();
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

async function addFile(db: ProjectDb, base: string, f: SampleFile): Promise<boolean> {
  const bytes = await (await fetchOk(`${base}${f.path}`)).arrayBuffer();
  const id = await sha256Hex(bytes);
  if ((await db.cases.where('assetId').equals(id).count()) > 0) return false;
  const format = f.path.split('.').pop()!.toLowerCase();
  const blob = new Blob([bytes], { type: MIME[format] ?? 'application/octet-stream' });
  const name = f.path.split('/').pop()!;
  const now = Date.now();
  const asset: Asset = { id, kind: f.kind, format, mime: blob.type, name, sizeBytes: bytes.byteLength, addedAt: now };
  let thumb: Thumbnail | undefined;
  if (f.kind === 'image') {
    const t = await makeThumbnail(id, blob);
    thumb = t.thumb;
    asset.width = t.width;
    asset.height = t.height;
  }
  const c: Case = {
    id: crypto.randomUUID(),
    assetId: id,
    kind: f.kind,
    name: f.path,
    className: f.className,
    role: f.role,
    truth: { status: f.truth.status, defectType: f.truth.defectType, source: 'import', at: now },
    maskAssetIds: [],
    addedAt: now,
  };
  // All awaits on other work are done: the transaction only touches IndexedDB.
  await db.transaction('rw', [db.assets, db.blobs, db.thumbs, db.cases], async () => {
    if (!(await db.assets.get(id))) {
      await db.assets.add(asset);
      await db.blobs.add({ id, blob });
      if (thumb) await db.thumbs.put(thumb);
    }
    await db.cases.add(c);
  });
  return true;
}

async function canonicalHash(value: unknown): Promise<string> {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v;
  return sha256Hex(new TextEncoder().encode(JSON.stringify(canon(value))));
}

/** Fetches `/sample/manifest.json` and everything it lists into the project. */
export async function loadSampleProject(opts: { base?: string; db?: ProjectDb; onProgress?: (done: number, total: number) => void } = {}): Promise<SampleLoadSummary> {
  const base = opts.base ?? `${import.meta.env.BASE_URL}sample/`;
  const db = opts.db ?? projectDb();
  const manifest = (await (await fetchOk(`${base}manifest.json`)).json()) as SampleManifest;
  if (manifest.format !== SAMPLE_FORMAT || !Array.isArray(manifest.files)) {
    throw new Error(`${base}manifest.json is not a sample project manifest; run "npm run sample" to remake it.`);
  }
  const summary: SampleLoadSummary = { added: 0, skipped: 0, prompts: 0 };
  let done = 0;
  opts.onProgress?.(0, manifest.files.length);
  // A few files at a time: fast, without flooding the browser.
  const queue = [...manifest.files];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        if (await addFile(db, base, f)) summary.added++;
        else summary.skipped++;
        opts.onProgress?.(++done, manifest.files.length);
      }
    }),
  );
  for (const p of manifest.prompts ?? []) {
    if ((await db.prompts.where('name').equals(p.name).count()) > 0) continue;
    const now = Date.now();
    const promptId = crypto.randomUUID();
    const body = { source: 'sample', task: p.task, classes: [{ className: p.className, context: p.classContext, tolerated: p.tolerated }], rules: p.rules.map((r) => ({ ...r, enabled: true, className: p.className })) };
    const version: PromptVersion = { id: crypto.randomUUID(), promptId, version: 1, createdAt: now, hash: await canonicalHash(body), body, message: 'From the sample project' };
    const prompt: Prompt = { id: promptId, name: p.name, createdAt: now, updatedAt: now, headVersionId: version.id };
    await db.transaction('rw', [db.prompts, db.promptVersions], async () => {
      await db.prompts.add(prompt);
      await db.promptVersions.add(version);
    });
    summary.prompts++;
  }
  if (!(await db.kv.get('project.name'))) await db.kv.put({ key: 'project.name', value: manifest.name });
  return summary;
}
