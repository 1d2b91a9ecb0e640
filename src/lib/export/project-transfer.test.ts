import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb, QUOTA_MESSAGE, type ProjectDb } from '@/lib/storage/db';
import { exportProject, importProject, ProjectImportError, TransferCancelled, type TransferProgress } from '@/lib/export/project-transfer';
import { unzipFiles, zipFiles } from '@/lib/export/zip';
import type { Case, Result } from '@/core/model';

const freshDb = () => openProjectDb(`t-${Math.random()}`, { indexedDB, IDBKeyRange });
const bytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function seed(db: ProjectDb) {
  const files = [new Uint8Array([137, 80, 78, 71, 1, 2, 3]), new Uint8Array([137, 80, 78, 71, 4, 5, 6])];
  const ids = files.map(sha);
  for (const [i, f] of files.entries()) {
    await db.assets.add({ id: ids[i], kind: 'image', format: 'png', mime: 'image/png', name: `p${i}.png`, sizeBytes: f.length, width: 2, height: 2, addedAt: 1 });
    await db.blobs.add({ id: ids[i], blob: new Blob([f], { type: 'image/png' }) });
    await db.thumbs.add({ id: ids[i], blob: new Blob([new Uint8Array([9, i])], { type: 'image/webp' }), width: 2, height: 2, ...(i ? { placeholder: true } : {}) });
  }
  const cases: Case[] = ids.map((assetId, i) => ({ id: `c${i}`, assetId, kind: 'image', name: `washer/p${i}.png`, className: 'washer', role: i ? 'test' : 'reference', truth: { status: i ? 'anomalous' : 'normal', defectType: i ? 'scratch' : undefined, source: 'hand', at: 5 }, maskAssetIds: [], addedAt: 1 }));
  await db.cases.bulkAdd(cases);
  await db.prompts.add({ id: 'p1', name: 'Washer', createdAt: 1, updatedAt: 2, headVersionId: 'v2' });
  await db.promptVersions.bulkAdd([
    { id: 'v1', promptId: 'p1', version: 1, createdAt: 1, hash: 'h1', body: { task: 'a' } },
    { id: 'v2', promptId: 'p1', version: 2, createdAt: 2, hash: 'h2', body: { task: 'b', rules: [{ id: 'R1', text: 'closed rim' }] } },
  ]);
  await db.runs.add({ id: 'r1', name: 'Offline baseline', detector: 'baseline', params: { threshold: 0.5 }, caseIds: ['c1'], repeat: 1, status: 'done', createdAt: 3 });
  const result: Result = { id: 'r1:c1:0', runId: 'r1', caseId: 'c1', rep: 0, status: 'ok', verdict: 'anomalous', score: 0.9, scoreSource: 'baseline', reasoning: 'Local baseline: peak at upper left', artefacts: { heatmap: new Blob([new Uint8Array([1, 1, 2])], { type: 'image/png' }), heatmapGrid: { width: 2, height: 1, data: new Float32Array([0.25, 1.5]) } }, createdAt: 4 };
  await db.results.add(result);
  await db.kv.bulkAdd([{ key: 'project.name', value: 'Line 3' }, { key: 'provider.apiKey', value: 'sk-secret' }]);
}

async function snapshot(db: ProjectDb) {
  const blobBytes = async (b?: Blob) => (b ? [...new Uint8Array(await b.arrayBuffer())] : undefined);
  return {
    assets: await db.assets.orderBy('id').toArray(),
    blobs: await Promise.all((await db.blobs.orderBy('id').toArray()).map(async (b) => [b.id, b.blob.type, await blobBytes(b.blob)])),
    thumbs: await Promise.all((await db.thumbs.orderBy('id').toArray()).map(async (t) => [t.id, t.blob.type, t.placeholder, await blobBytes(t.blob)])),
    cases: await db.cases.orderBy('id').toArray(),
    prompts: await db.prompts.toArray(),
    versions: await db.promptVersions.orderBy('id').toArray(),
    runs: await db.runs.toArray(),
    results: await Promise.all((await db.results.toArray()).map(async ({ artefacts, ...r }) => ({ ...r, heat: await blobBytes(artefacts?.heatmap), grid: artefacts?.heatmapGrid && { ...artefacts.heatmapGrid, data: Array.from(artefacts.heatmapGrid.data) } }))),
  };
}

describe('project export and import', () => {
  it('round-trips cases, labels, prompts with versions, runs, results and blobs into an empty project', async () => {
    const a = freshDb();
    await seed(a);
    const zip = await exportProject(a, 10);
    const b = freshDb();
    const s = await importProject(zip, { db: b });
    expect(s).toMatchObject({ assetsAdded: 2, casesAdded: 2, promptsAdded: 1, versionsAdded: 2, runsAdded: 1, resultsAdded: 1 });
    expect(await snapshot(b)).toEqual(await snapshot(a));
    expect((await b.kv.get('project.name'))?.value).toBe('Line 3');
  });

  it('imports all or nothing when the disk fills midway, and says so in one sentence', async () => {
    const a = freshDb();
    await seed(a);
    const zip = await exportProject(a, 10);
    const b = freshDb();
    // The browser refuses the third row written: everything before it must roll back.
    let rows = 0;
    const refuse = () => {
      if (++rows >= 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    b.cases.hook('creating', refuse);
    b.prompts.hook('creating', refuse);
    b.assets.hook('creating', refuse);
    const err = await importProject(zip, { db: b, fileName: '"line3.zip"' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProjectImportError);
    expect((err as Error).message).toBe(`"line3.zip" was not imported. ${QUOTA_MESSAGE}`);
    expect((err as Error).message).not.toMatch(/QuotaExceededError/);
    expect(await b.assets.count()).toBe(0);
    expect(await b.blobs.count()).toBe(0);
    expect(await b.cases.count()).toBe(0);
  });

  it('reports progress on export and import, and a cancelled import changes nothing', async () => {
    const a = freshDb();
    await seed(a);
    const exportSteps: TransferProgress[] = [];
    const zip = await exportProject(a, 10, { onProgress: (p) => exportSteps.push(p) });
    // 2 assets + 2 thumbnails + 1 result, counted up to the end.
    expect(exportSteps.at(-1)).toEqual({ done: 5, total: 5 });

    const b = freshDb();
    await b.cases.add({ id: 'keep', assetId: 'x'.repeat(64), kind: 'image', name: 'mine.png', className: 'k', role: 'test', truth: { status: 'normal' }, maskAssetIds: [], addedAt: 1 });
    const before = await snapshot(b);
    const stop = new AbortController();
    // Cancelled once the first files are written: they are taken back.
    const err = await importProject(zip, { db: b, signal: stop.signal, onProgress: (p) => p.done > 0 && stop.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransferCancelled);
    expect((err as Error).message).toBe('The import was cancelled; nothing was changed.');
    expect(await snapshot(b)).toEqual(before);

    const importSteps: TransferProgress[] = [];
    await importProject(zip, { db: b, onProgress: (p) => importSteps.push(p) });
    expect(importSteps.at(-1)!.done).toBe(importSteps.at(-1)!.total);
    expect(await b.cases.count()).toBe(3);
  });

  it('stops an export when cancelled', async () => {
    const a = freshDb();
    await seed(a);
    const stop = new AbortController();
    stop.abort();
    await expect(exportProject(a, 10, { signal: stop.signal })).rejects.toBeInstanceOf(TransferCancelled);
  });

  it('never puts an API key in the file', async () => {
    const a = freshDb();
    await seed(a);
    const files = unzipFiles(await bytes(await exportProject(a)));
    expect(new TextDecoder().decode(files['manifest.json'])).not.toContain('sk-secret');
  });

  it('skips duplicates by hash and id when importing into the same project', async () => {
    const a = freshDb();
    await seed(a);
    const before = await snapshot(a);
    const s = await importProject(await exportProject(a), { db: a });
    expect(s).toMatchObject({ assetsAdded: 0, assetsSkipped: 2, casesAdded: 0, casesSkipped: 2, runsAdded: 0, resultsAdded: 0 });
    expect(await snapshot(a)).toEqual(before);
  });

  it('attaches imported results to an existing case with the same file instead of duplicating it', async () => {
    const a = freshDb();
    await seed(a);
    const zip = await exportProject(a);
    const b = freshDb();
    const asset = (await a.assets.get((await a.cases.get('c1'))!.assetId))!;
    await b.assets.add(asset);
    await b.blobs.add((await a.blobs.get(asset.id))!);
    await b.cases.add({ ...(await a.cases.get('c1'))!, id: 'mine' });
    await importProject(zip, { db: b });
    expect(await b.cases.count()).toBe(2);
    expect((await b.results.toArray()).map((r) => [r.id, r.caseId])).toEqual([['r1:mine:0', 'mine']]);
    expect((await b.runs.get('r1'))?.caseIds).toEqual(['mine']);
  });

  const refusals: [string, (zip: Uint8Array) => Uint8Array, RegExp][] = [
    ['a truncated zip', (z) => z.subarray(0, Math.floor(z.length / 2)), /not a readable zip archive/],
    ['random bytes', () => new Uint8Array(500).fill(7), /not a readable zip archive/],
    ['a foreign zip', () => zipFiles({ 'readme.txt': new TextEncoder().encode('hi') }), /not an Anomaly Workbench project file/],
    ['a manifest nested 100,000 levels deep', (z) => { const f = unzipFiles(z); f['manifest.json'] = new TextEncoder().encode('['.repeat(100_000)); return zipFiles(f); }, /nests more than 64 levels deep/],
    ['a newer format', (z) => edit(z, (m) => ({ ...m, version: 99 })), /newer version of the workbench/],
    ['a manifest with a broken field', (z) => edit(z, (m) => ({ ...m, cases: [{ ...(m.cases as object[])[0], role: 'boss' }] })), /does not match project format 1/],
    ['an asset whose bytes were changed', (z) => { const f = unzipFiles(z); const k = Object.keys(f).find((x) => x.startsWith('assets/'))!; f[k] = new Uint8Array([0]); return zipFiles(f); }, /is damaged \(its contents do not match its hash\)/],
    ['an asset that inflates past the size it declares', (z) => lieAboutAsset(z), /inflates to more than the 1 KB it declares/],
    ['a missing asset file', (z) => { const f = unzipFiles(z); delete f[Object.keys(f).find((x) => x.startsWith('assets/'))!]; return zipFiles(f); }, /lacks the file of asset/],
  ];

  /** An asset entry of 64 KB whose directory record declares 1 KB, as a hostile zip would. */
  function lieAboutAsset(zip: Uint8Array): Uint8Array {
    const f = unzipFiles(zip);
    const name = Object.keys(f).find((x) => x.startsWith('assets/'))!;
    const out = zipFiles({ ...f, [name]: new Uint8Array(64 * 1024) });
    const v = new DataView(out.buffer);
    for (let i = 0; i + 46 <= out.length; i++) {
      if (v.getUint32(i, true) !== 0x02014b50) continue;
      if (new TextDecoder().decode(out.subarray(i + 46, i + 46 + v.getUint16(i + 28, true))) === name) v.setUint32(i + 24, 1024, true);
    }
    return out;
  }

  function edit(zip: Uint8Array, change: (m: Record<string, unknown>) => unknown): Uint8Array {
    const f = unzipFiles(zip);
    f['manifest.json'] = new TextEncoder().encode(JSON.stringify(change(JSON.parse(new TextDecoder().decode(f['manifest.json'])))));
    return zipFiles(f);
  }

  for (const [what, damage, message] of refusals) {
    it(`refuses ${what} with a sentence and changes nothing`, async () => {
      const a = freshDb();
      await seed(a);
      const zip = await bytes(await exportProject(a));
      const target = freshDb();
      await target.cases.add({ id: 'keep', assetId: 'x'.repeat(64), kind: 'image', name: 'mine.png', className: 'k', role: 'test', truth: { status: 'normal' }, maskAssetIds: [], addedAt: 1 });
      const before = await snapshot(target);
      const err = await importProject(new Blob([damage(zip) as Uint8Array<ArrayBuffer>]), { db: target, fileName: '"line3.zip"' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProjectImportError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toMatch(/Nothing was imported\.$/);
      expect(await snapshot(target)).toEqual(before);
    });
  }
});
