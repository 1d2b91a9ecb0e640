import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { Case, Result } from '@/core/model';
import { binariseMask } from '@/core/metrics/masks';
import { openProjectDb } from '@/lib/storage/db';
import { runPixelAuroc } from '@/lib/baseline/heatmap-localisation';
import type { MaskDecoder } from '@/lib/images/case-masks';

const decodeText: MaskDecoder = async (blob) => {
  const [w, h, ...v] = (await blob.text()).split(' ').map(Number);
  return binariseMask(v, w, h, 1);
};

describe('pixel AUROC of baseline heatmaps against masks', () => {
  it('equals a hand count on a tiny case', async () => {
    const db = openProjectDb(`pix-${Math.random()}`, { indexedDB, IDBKeyRange });
    const mk = (id: string, truth: 'normal' | 'anomalous', masks: string[]): Case => ({ id, assetId: `a${id}`, kind: 'image', name: id, className: 'tile', role: 'test', truth: { status: truth }, maskAssetIds: masks, addedAt: 1 });
    await db.blobs.add({ id: 'm', blob: new Blob(['2 2 1 0 0 0']) });
    await db.cases.bulkAdd([mk('a', 'anomalous', ['m']), mk('b', 'normal', []), mk('c', 'anomalous', [])]);
    const res = (caseId: string, data: number[]): Result => ({ id: `r:${caseId}:0`, runId: 'r', caseId, rep: 0, createdAt: 1, status: 'ok', verdict: 'anomalous', score: 1, scoreSource: 'baseline', locations: [{ image: 0, box: [0, 0, 1, 1] }], artefacts: { heatmapGrid: { width: 2, height: 2, data: new Float32Array(data) } } });
    await db.results.bulkAdd([res('a', [0.9, 0.1, 0.4, 0.2]), res('b', [0.3, 0.5, 0.1, 0.95]), res('c', [1, 1, 1, 1])]);
    // Defect pixel 0.9 (VisA-style value 1 in the mask); normal pixels 0.1 0.4 0.2 (case a) and
    // 0.3 0.5 0.1 0.95 (case b, no mask, normal). 0.9 beats 6 of 7. Case c has no mask: left out.
    const r = (await runPixelAuroc('r', db, decodeText))!;
    expect(r.cases).toBe(2);
    expect(r.overall).toEqual({ value: 6 / 7, pixels: 8, defectPixels: 1 });
    expect(r.perClass.tile.value).toBeCloseTo(6 / 7, 12);
  });
});
