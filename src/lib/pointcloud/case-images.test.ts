import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import type { Case } from '@/core/model';
import { normalizeRenderSpec } from '@/core/pointcloud/render-spec';
import { parsePointCloud } from '@/core/pointcloud/parse-point-cloud';
import { renderForSpec } from '@/core/pointcloud/render-pipeline';
import { writePly } from '@/core/pointcloud/testing/fixture-writers';
import { imagesForModalities, renderCase, type PointCloudImageDeps } from '@/lib/pointcloud/case-images';
import { renderSpecHash } from '@/core/pointcloud/render-spec';
import { renderSpecFor, saveRenderSpec } from '@/lib/pointcloud/render-specs';

const rows: number[][] = [];
for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) rows.push([i / 29, j / 29, Math.sin(i / 5) * 0.1]);
const bytes = writePly({ encoding: 'binary_little_endian', elements: [{ name: 'vertex', props: [{ name: 'x', type: 'float' }, { name: 'y', type: 'float' }, { name: 'z', type: 'float' }], rows }] });

async function setup() {
  const db = openProjectDb(`pc-${Math.random()}`, { indexedDB, IDBKeyRange });
  const c: Case = { id: 'c1', assetId: 'a1', kind: 'pointcloud', name: 'part.ply', className: 'bracket', role: 'test', truth: { status: 'unlabelled' }, maskAssetIds: [], addedAt: 1 };
  await db.assets.add({ id: 'a1', kind: 'pointcloud', format: 'ply', mime: 'application/octet-stream', name: 'part.ply', sizeBytes: bytes.length, addedAt: 1 });
  await db.blobs.add({ id: 'a1', blob: new Blob([bytes as BlobPart]) });
  await db.cases.add(c);
  let renders = 0;
  // The worker's job done in-process; PNG encoding stands in as raw RGBA bytes.
  const deps: PointCloudImageDeps = {
    db,
    now: () => 42,
    render: async (_key, blob, name, spec, opts) => {
      renders++;
      const cloud = parsePointCloud(new Uint8Array(await blob.arrayBuffer()), name);
      const { views, keptPoints } = renderForSpec(cloud, spec);
      return { views: views.map((v) => ({ label: v.label, pose: v.pose, width: v.width, height: v.height, png: new Blob([v.rgba as BlobPart], { type: 'image/x-rgba' }) })), keptPoints, renderMs: 0, thumb: opts.thumbSide ? new Blob(['t']) : undefined };
    },
  };
  return { db, c, deps, count: () => renders };
}

describe('point-cloud case images', () => {
  it('renders once per (asset, spec), then reads the cache', async () => {
    const { db, c, deps, count } = await setup();
    const { spec } = await renderSpecFor(c, db);
    const first = await renderCase(c, spec, deps);
    expect(first).toHaveLength(9);
    expect(first[0].caption).toBe('shaded view +Z front');
    expect(first[0].width).toBe(336);
    expect(count()).toBe(1);
    expect(await db.renders.count()).toBe(1);
    expect(await db.thumbs.get('a1')).toBeDefined();
    const again = await renderCase(c, spec, deps);
    expect(count()).toBe(1);
    expect(again.map((i) => i.caption)).toEqual(first.map((i) => i.caption));
    const bytesBack = new Uint8Array(await again[0].blob.arrayBuffer());
    expect(bytesBack.length).toBe(336 * 336 * 4);
  });

  it('concurrent callers share one render', async () => {
    const { c, deps, count } = await setup();
    const spec = normalizeRenderSpec({ views: { kind: 'faces6' } });
    const [a, b] = await Promise.all([renderCase(c, spec, deps), renderCase(c, spec, deps)]);
    expect(a).toHaveLength(6);
    expect(b).toHaveLength(6);
    expect(count()).toBe(1);
  });

  it('uses the case spec over the class spec over the default, and renders again when it changes', async () => {
    const { db, c, deps, count } = await setup();
    expect((await renderSpecFor(c, db)).source).toBe('default');
    await saveRenderSpec({ className: 'bracket' }, normalizeRenderSpec({ style: 'depth', views: { kind: 'faces6' } }), db);
    const cls = await renderSpecFor(c, db);
    expect(cls.source).toBe('class');
    const imgs = await renderCase(c, cls.spec, deps);
    expect(imgs.map((i) => i.caption)).toContain('depth view +X');
    await saveRenderSpec({ caseId: 'c1' }, normalizeRenderSpec({ style: 'depth', views: { kind: 'ring', n: 4, elevationDeg: 20 }, layout: 'grid' }), db);
    const own = await renderSpecFor(c, db);
    expect(own.source).toBe('case');
    const grid = await renderCase(c, own.spec, deps);
    expect(grid).toHaveLength(1);
    expect(grid[0].width).toBe(336 * 2);
    expect(count()).toBe(2);
    expect(await db.renders.where('assetId').equals('a1').count()).toBe(2);
    await saveRenderSpec({ caseId: 'c1' }, undefined, db);
    expect((await renderSpecFor(c, db)).source).toBe('class');
  });

  it('says which case is missing its file', async () => {
    const { db, c, deps } = await setup();
    await db.blobs.delete('a1');
    await expect(renderCase(c, normalizeRenderSpec({}), deps)).rejects.toThrow(/part\.ply.*add the file again/);
  });

  it('sends the renders, the RGB photo, or both captioned, as the spec says; a case without a photo keeps its renders', async () => {
    const { db, c, deps, count } = await setup();
    const photo = new Blob(['rgb'], { type: 'image/png' });
    await db.assets.add({ id: 'p1', kind: 'image', format: 'png', mime: 'image/png', name: '000.png', sizeBytes: 3, width: 40, height: 30, addedAt: 1 });
    await db.blobs.add({ id: 'p1', blob: photo });
    const withPhoto: Case = { ...c, companionAssetIds: ['p1'] };
    const base = normalizeRenderSpec({ views: { kind: 'faces6' }, sizePx: 224 });
    const renders = await imagesForModalities(withPhoto, base, deps);
    expect(renders).toHaveLength(6);
    expect(renders.some((i) => i.meta?.companion)).toBe(false);
    const only = await imagesForModalities(withPhoto, normalizeRenderSpec({ ...base, modalities: 'photo' }), deps);
    expect(only.map((i) => i.caption)).toEqual(['RGB photo of the same part (000.png)']);
    expect(only[0]).toMatchObject({ width: 40, height: 30 });
    const both = await imagesForModalities(withPhoto, normalizeRenderSpec({ ...base, modalities: 'both' }), deps);
    expect(both).toHaveLength(7);
    expect(both[0].caption).toContain('RGB photo');
    expect(both.slice(1).map((i) => i.caption)).toEqual(renders.map((i) => i.caption));
    // The choice does not change the renders' pixels: one render served all three.
    expect(count()).toBe(1);
    expect(renderSpecHash(normalizeRenderSpec({ ...base, modalities: 'both' }))).toBe(renderSpecHash(base));
    expect(await imagesForModalities(c, normalizeRenderSpec({ ...base, modalities: 'photo' }), deps)).toHaveLength(6);
  });
});
