import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pixelAuroc, pixelAurocFromCounts, scoreCounts } from '@/core/metrics/localisation';
import { rowsToCsv } from '@/core/export/results-table';
import { exportRows } from '@/lib/export/results-io';
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

async function tinyProject() {
    const db = openProjectDb(`pix-${Math.random()}`, { indexedDB, IDBKeyRange });
    const mk = (id: string, truth: 'normal' | 'anomalous', masks: string[]): Case => ({ id, assetId: `a${id}`, kind: 'image', name: id, className: 'tile', role: 'test', truth: { status: truth }, maskAssetIds: masks, addedAt: 1 });
    await db.blobs.add({ id: 'm', blob: new Blob(['2 2 1 0 0 0']) });
    await db.cases.bulkAdd([mk('a', 'anomalous', ['m']), mk('b', 'normal', []), mk('c', 'anomalous', [])]);
    const res = (caseId: string, data: number[]): Result => ({ id: `r:${caseId}:0`, runId: 'r', caseId, rep: 0, createdAt: 1, status: 'ok', verdict: 'anomalous', score: 1, scoreSource: 'baseline', locations: [{ image: 0, box: [0, 0, 1, 1] }], artefacts: { heatmapGrid: { width: 2, height: 2, data: new Float32Array(data) } } });
    await db.results.bulkAdd([res('a', [0.9, 0.1, 0.4, 0.2]), res('b', [0.3, 0.5, 0.1, 0.95]), res('c', [1, 1, 1, 1])]);
    await db.runs.add({ id: 'r', name: 'baseline', detector: 'baseline', params: {}, caseIds: ['a', 'b', 'c'], repeat: 1, status: 'done', createdAt: 1 });
    return db;
}

describe('pixel AUROC of baseline heatmaps against masks', () => {
  it('equals a hand count on a tiny case', async () => {
    const db = await tinyProject();
    // Defect pixel 0.9 (VisA-style value 1 in the mask); normal pixels 0.1 0.4 0.2 (case a) and
    // 0.3 0.5 0.1 0.95 (case b, no mask, normal). 0.9 beats 6 of 7. Case c has no mask: left out.
    const r = (await runPixelAuroc('r', db, decodeText))!;
    expect(r.cases).toBe(2);
    expect(r.overall).toEqual({ value: 6 / 7, pixels: 8, defectPixels: 1 });
    expect(r.perClass.tile.value).toBeCloseTo(6 / 7, 12);
  });

  it('is what npm run metrics prints from the results export', async () => {
    const db = await tinyProject();
    const app = (await runPixelAuroc('r', db, decodeText))!;
    const dir = mkdtempSync(join(tmpdir(), 'pix-'));
    writeFileSync(join(dir, 'results.csv'), rowsToCsv(await exportRows(['r'], db, decodeText)));
    const cli = spawnSync('npx', ['tsx', 'scripts/metrics.ts', join(dir, 'results.csv')], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).runs.r.pixelAuroc).toEqual(JSON.parse(JSON.stringify(app)));
  }, 60_000);

  it('counts per score give the AUROC of the pixels, ties and all', () => {
    const scores = Float32Array.from([0.5, 0.5, 0.2, 0.8, 0.5, 0.1, 0.8, 0.3]);
    const mask = Uint8Array.from([1, 0, 0, 1, 0, 1, 0, 0]);
    const split = [scoreCounts({ scores: scores.subarray(0, 3), mask: mask.subarray(0, 3) }), scoreCounts({ scores: scores.subarray(3), mask: mask.subarray(3) })];
    expect(pixelAurocFromCounts(split).value).toBeCloseTo(pixelAuroc([{ scores, mask }]).value!, 12);
    expect(pixelAurocFromCounts([[{ score: 1, pos: 0, neg: 4 }]])).toMatchObject({ value: null, reason: 'no-defect-pixels' });
  });
});
