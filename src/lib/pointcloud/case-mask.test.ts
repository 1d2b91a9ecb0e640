import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { Case } from '@/core/model';
import { binariseMask, maskRegion } from '@/core/metrics/masks';
import { normalizeRenderSpec, renderSpecHash } from '@/core/pointcloud/render-spec';
import { openProjectDb } from '@/lib/storage/db';
import { caseMasks, type MaskDecoder } from '@/lib/images/case-masks';
import { classSpecKey } from '@/lib/pointcloud/render-specs';

const decodeText: MaskDecoder = async (blob) => {
  const [w, h, ...v] = (await blob.text()).split(' ').map(Number);
  return binariseMask(v, w, h, 1);
};

const scan: Case = { id: 'c1', assetId: 'scan', kind: 'pointcloud', name: 'bagel/test/crack/xyz/000.tiff', className: 'bagel', role: 'test', truth: { status: 'anomalous' }, maskAssetIds: ['gt'], companionAssetIds: ['rgb'], addedAt: 1 };

async function project(masked: boolean) {
  const db = openProjectDb(`pcmask-${Math.random()}`, { indexedDB, IDBKeyRange });
  await db.cases.add(scan);
  // The scan's gt PNG (pixel-aligned with its photo): defect in the top-left pixel of 2 × 2.
  await db.assets.add({ id: 'gt', kind: 'image', format: 'png', mime: 'image/png', name: '000.png', sizeBytes: 1, addedAt: 1 });
  await db.blobs.add({ id: 'gt', blob: new Blob(['2 2 255 0 0 0']) });
  const spec = normalizeRenderSpec(undefined);
  const specHash = renderSpecHash(spec);
  // The first render's mask: defect in the bottom-right pixel.
  await db.renders.add({ id: `scan:${specHash}`, assetId: 'scan', specHash, spec, createdAt: 1, ...(masked ? { masked: true } : {}), images: [{ blob: new Blob(['png']), width: 2, height: 2, caption: 'shaded view +Z front', ...(masked ? { mask: new Blob(['2 2 0 0 0 1']) } : {}) }] });
  return db;
}

describe('the mask of a point-cloud case on the image its boxes refer to', () => {
  it('is the mask carried onto the first render when the model gets renders', async () => {
    const db = await project(true);
    const m = (await caseMasks([scan], db, decodeText)).get('c1')!;
    expect(maskRegion(m)).toEqual([0.5, 0.5, 1, 1]);
  });

  it('is the scan\'s gt PNG when the photo comes first (MVTec 3D-AD, photo or both)', async () => {
    const db = await project(true);
    await db.kv.put({ key: classSpecKey('bagel'), value: { ...normalizeRenderSpec(undefined), modalities: 'both' } });
    const m = (await caseMasks([scan], db, decodeText)).get('c1')!;
    expect(maskRegion(m)).toEqual([0, 0, 0.5, 0.5]);
  });

  it('is left out (not scored) when the cached render predates the masks and nothing can render here', async () => {
    const db = await project(false);
    expect((await caseMasks([scan], db, decodeText)).has('c1')).toBe(false);
  });
});
