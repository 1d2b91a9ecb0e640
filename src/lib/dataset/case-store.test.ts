import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb, type ProjectDb } from '@/lib/storage/db';
import type { Asset, Case, LabelStatus } from '@/core/model';
import { countBy, deleteCases, filterCases, listAllCases, listClasses, getThumbs, queryCases, restoreCases } from '@/lib/dataset/case-store';

function freshDb(): ProjectDb {
  return openProjectDb(`case-store-${Math.random()}`, { indexedDB, IDBKeyRange });
}

function mkCase(id: string, over: Partial<Case> = {}): Case {
  return {
    id,
    assetId: `a-${id}`,
    kind: 'image',
    name: `${id}.png`,
    className: 'bottle',
    role: 'test',
    truth: { status: 'unlabelled' as LabelStatus },
    maskAssetIds: [],
    addedAt: 1,
    ...over,
  };
}

function mkAsset(id: string): Asset {
  return { id, kind: 'image', format: 'png', mime: 'image/png', name: `${id}.png`, sizeBytes: 3, addedAt: 1 };
}

async function seed(db: ProjectDb, cases: Case[]) {
  const assetIds = new Set(cases.flatMap((c) => [c.assetId, ...c.maskAssetIds]));
  await db.cases.bulkAdd(cases);
  for (const id of assetIds) {
    await db.assets.add(mkAsset(id));
    await db.blobs.add({ id, blob: new Blob([id], { type: 'image/png' }) });
    await db.thumbs.add({ id, blob: new Blob([`t-${id}`], { type: 'image/webp' }), width: 8, height: 8 });
  }
}

/** Every row of every table the browser touches, blobs read back as text, for exact comparisons. */
async function dump(db: ProjectDb) {
  const text = async (rows: { id: string; blob: Blob }[]) => Promise.all(rows.map(async (r) => ({ ...r, blob: await r.blob.text() })));
  return {
    cases: await db.cases.orderBy('id').toArray(),
    assets: await db.assets.orderBy('id').toArray(),
    blobs: await text(await db.blobs.orderBy('id').toArray()),
    thumbs: await text(await db.thumbs.orderBy('id').toArray()),
    renders: await db.renders.orderBy('id').toArray(),
  };
}

describe('case queries', () => {
  const cases = [
    mkCase('b10', { name: 'bottle/test/good/010.png', truth: { status: 'normal' } }),
    mkCase('b2', { name: 'bottle/test/good/002.png', truth: { status: 'normal' } }),
    mkCase('b3', { name: 'bottle/test/broken_large/000.png', truth: { status: 'anomalous', defectType: 'broken_large' } }),
    mkCase('c1', { className: 'cable', name: 'cable/train/good/000.png', role: 'reference', truth: { status: 'normal' } }),
    mkCase('p1', { className: 'bagel', kind: 'pointcloud', name: 'bagel/000.ply' }),
    mkCase('v1', { className: 'belt', kind: 'video', name: 'belt/run.mp4', truth: { status: 'unsure' } }),
  ];

  it('lists every case by class, then by name with numbers in order', async () => {
    const db = freshDb();
    await seed(db, cases);
    expect((await listAllCases(db)).map((c) => c.id)).toEqual(['p1', 'v1', 'b3', 'b2', 'b10', 'c1']);
  });

  it('filters by class, kind, label, role and name', async () => {
    const db = freshDb();
    await seed(db, cases);
    expect((await queryCases(db, { classNames: ['bottle'] })).map((c) => c.id)).toEqual(['b3', 'b2', 'b10']);
    expect((await queryCases(db, { classNames: ['bottle', 'cable'], labels: ['normal'] })).map((c) => c.id)).toEqual(['b2', 'b10', 'c1']);
    expect((await queryCases(db, { kinds: ['pointcloud', 'video'] })).map((c) => c.id)).toEqual(['p1', 'v1']);
    expect((await queryCases(db, { roles: ['reference'] })).map((c) => c.id)).toEqual(['c1']);
    expect((await queryCases(db, { search: 'BROKEN' })).map((c) => c.id)).toEqual(['b3']);
    expect((await queryCases(db, { labels: ['unlabelled'] })).map((c) => c.id)).toEqual(['p1']);
    expect(await queryCases(db, { classNames: ['bottle'], search: 'cable' })).toEqual([]);
  });

  it('treats a case without a label as unlabelled', () => {
    const odd = { ...mkCase('x'), truth: undefined } as unknown as Case;
    expect(filterCases([odd], { labels: ['unlabelled'] })).toHaveLength(1);
  });

  it('counts cases per class and per label', async () => {
    const db = freshDb();
    await seed(db, cases);
    expect(await listClasses(db)).toEqual([
      { key: 'bagel', count: 1 },
      { key: 'belt', count: 1 },
      { key: 'bottle', count: 3 },
      { key: 'cable', count: 1 },
    ]);
    expect(countBy(cases, (c) => c.truth.status)).toEqual([
      { key: 'anomalous', count: 1 },
      { key: 'normal', count: 3 },
      { key: 'unlabelled', count: 1 },
      { key: 'unsure', count: 1 },
    ]);
  });

  it('finds thumbnails by asset id and leaves missing ones out', async () => {
    const db = freshDb();
    await seed(db, cases.slice(0, 2));
    const m = await getThumbs(db, ['a-b10', 'a-nope']);
    expect([...m.keys()]).toEqual(['a-b10']);
    expect(await m.get('a-b10')!.blob.text()).toBe('t-a-b10');
  });
});

describe('deleting cases', () => {
  it('removes the case and its asset, blob, thumbnail and renders, and restore puts back exactly the same rows', async () => {
    const db = freshDb();
    await seed(db, [mkCase('x', { maskAssetIds: ['m1'], truth: { status: 'anomalous', defectType: 'crack', note: 'n', source: 'folder', at: 5 } }), mkCase('y')]);
    await db.renders.add({ id: 'a-x:h', assetId: 'a-x', specHash: 'h', spec: { v: 1 }, images: [], createdAt: 2 });
    const before = await dump(db);

    const deleted = await deleteCases(db, ['x']);
    expect(deleted.cases.map((c) => c.id)).toEqual(['x']);
    const after = await dump(db);
    expect(after.cases.map((c) => c.id)).toEqual(['y']);
    expect(after.assets.map((a) => a.id)).toEqual(['a-y']);
    expect(after.blobs.map((a) => a.id)).toEqual(['a-y']);
    expect(after.thumbs.map((a) => a.id)).toEqual(['a-y']);
    expect(after.renders).toEqual([]);

    await restoreCases(db, deleted);
    expect(await dump(db)).toEqual(before);
  });

  it('keeps an asset that another case still uses, as its image or as a mask', async () => {
    const db = freshDb();
    await seed(db, [
      mkCase('x', { assetId: 'shared', maskAssetIds: ['m1'] }),
      mkCase('y', { assetId: 'shared' }),
      mkCase('z', { maskAssetIds: ['m1'] }),
    ]);
    const deleted = await deleteCases(db, ['x']);
    expect(deleted.assets).toEqual([]);
    expect(await db.assets.get('shared')).toBeDefined();
    expect(await db.assets.get('m1')).toBeDefined();

    const second = await deleteCases(db, ['y', 'z']);
    expect(second.assets.map((a) => a.id).sort()).toEqual(['a-z', 'm1', 'shared']);
    expect(await db.assets.count()).toBe(0);
    expect(await db.thumbs.count()).toBe(0);
  });

  it('takes sub-cases with their parent and ignores unknown ids', async () => {
    const db = freshDb();
    await seed(db, [mkCase('v', { kind: 'video' }), mkCase('w1', { assetId: 'a-v', parentId: 'v' }), mkCase('w2', { assetId: 'a-v', parentId: 'v' }), mkCase('o')]);
    const before = await dump(db);
    const deleted = await deleteCases(db, ['v', 'nope']);
    expect(deleted.cases.map((c) => c.id).sort()).toEqual(['v', 'w1', 'w2']);
    expect((await db.cases.toArray()).map((c) => c.id)).toEqual(['o']);
    expect(await db.assets.get('a-v')).toBeUndefined();
    await restoreCases(db, deleted);
    expect(await dump(db)).toEqual(before);
  });

  it('large deletions (everything, or most of the project) remove and restore exactly the same rows', async () => {
    const db = freshDb();
    const many = Array.from({ length: 1200 }, (_, i) => mkCase(`m${i}`, { maskAssetIds: i % 4 === 0 ? [`mask${i}`] : [] }));
    await seed(db, many);
    const before = await dump(db);

    const most = await deleteCases(db, many.slice(0, 1100).map((c) => c.id));
    expect(most.cases).toHaveLength(1100);
    expect(await db.cases.count()).toBe(100);
    expect(await db.assets.count()).toBe(100 + 25);
    await restoreCases(db, most);
    expect(await dump(db)).toEqual(before);

    const all = await deleteCases(db, many.map((c) => c.id));
    expect(all.assets).toHaveLength(1200 + 300);
    for (const t of [db.cases, db.assets, db.blobs, db.thumbs]) expect(await t.count()).toBe(0);
    await restoreCases(db, all);
    expect(await dump(db)).toEqual(before);
  }, 60_000);

  it('does nothing for an empty or unknown selection', async () => {
    const db = freshDb();
    await seed(db, [mkCase('a')]);
    const deleted = await deleteCases(db, ['nope']);
    expect(deleted.cases).toEqual([]);
    expect(await db.cases.count()).toBe(1);
  });
});
