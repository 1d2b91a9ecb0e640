import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { Case, Result, Run } from '@/core/model';
import { binariseMask } from '@/core/metrics/masks';
import { openProjectDb } from '@/lib/storage/db';
import { exportText, runLocalisation } from '@/lib/export/results-io';
import type { MaskDecoder } from '@/lib/images/case-masks';

// Masks are stored as text `w h v v v …` in tests; the browser decodes real PNGs the same way into bits.
const decodeText: MaskDecoder = async (blob) => {
  const [w, h, ...v] = (await blob.text()).split(' ').map(Number);
  return binariseMask(v, w, h, 1);
};

async function project() {
  const db = openProjectDb(`loc-${Math.random()}`, { indexedDB, IDBKeyRange });
  const mk = (id: string, truth: 'normal' | 'anomalous', masks: string[]): Case => ({ id, assetId: `a${id}`, kind: 'image', name: `${id}.png`, className: 'tile', role: 'test', truth: { status: truth }, maskAssetIds: masks, addedAt: id.charCodeAt(0) });
  // 4 × 4 masks: defect in the top-left quarter; a VisA-style mask with value 1; two LOCO masks merged.
  await db.blobs.bulkAdd([
    { id: 'm1', blob: new Blob(['4 4 255 255 0 0 255 255 0 0 0 0 0 0 0 0 0 0']) },
    { id: 'm2', blob: new Blob(['4 4 0 0 0 0 0 0 0 0 0 0 1 1 0 0 1 1']) },
    { id: 'm3a', blob: new Blob(['4 4 255 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0']) },
    { id: 'm3b', blob: new Blob(['4 4 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 254']) },
  ]);
  await db.cases.bulkAdd([mk('a', 'anomalous', ['m1']), mk('b', 'anomalous', ['m2']), mk('c', 'anomalous', ['m3a', 'm3b']), mk('d', 'anomalous', ['m1']), mk('e', 'normal', [])]);
  const run: Run = { id: 'r1', name: 'boxes', detector: 'vlm', params: {}, caseIds: ['a', 'b', 'c', 'd', 'e'], repeat: 1, status: 'done', createdAt: 1 };
  await db.runs.add(run);
  const res = (caseId: string, verdict: 'normal' | 'anomalous', boxes: [number, number, number, number][]): Result => ({ id: `r1:${caseId}:0`, runId: 'r1', caseId, rep: 0, createdAt: 1, status: 'ok', verdict, score: verdict === 'anomalous' ? 0.9 : 0.1, scoreSource: 'confidence', locations: boxes.map((box) => ({ image: 0, box })) });
  await db.results.bulkAdd([
    res('a', 'anomalous', [[0, 0, 0.5, 0.5]]), // hit, IoU 1
    res('b', 'anomalous', [[0, 0, 0.5, 0.5]]), // miss (defect bottom-right), IoU 0
    res('c', 'anomalous', [[0.75, 0.75, 1, 1]]), // hits the second LOCO mask; region is the whole image: IoU 1/16
    res('d', 'anomalous', []), // no box
    res('e', 'normal', []),
  ]);
  return db;
}

describe('box localisation from the app and from npm run metrics', () => {
  it('scores boxes against merged, binarised masks, and the CLI prints the same numbers from the export', async () => {
    const db = await project();
    const app = await runLocalisation('r1', db, decodeText);
    expect(app.overall).toMatchObject({ scored: 4, noBox: 1, hitRate: { k: 2, n: 3 } });
    expect(app.overall.meanIou.value).toBeCloseTo((1 + 0 + 1 / 16) / 3, 6);

    const { text } = await exportText('csv', ['r1'], db);
    // exportText in node has no image decoder: export again with the test decoder for the file.
    const { exportRows } = await import('@/lib/export/results-io');
    const { rowsToCsv } = await import('@/core/export/results-table');
    expect(text).toContain('boxes');
    const csv = rowsToCsv(await exportRows(['r1'], db, decodeText));
    const dir = mkdtempSync(join(tmpdir(), 'loc-'));
    writeFileSync(join(dir, 'results.csv'), csv);
    const r = spawnSync('npx', ['tsx', 'scripts/metrics.ts', join(dir, 'results.csv')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const cli = JSON.parse(r.stdout).runs.r1.localisation;
    expect(cli).toEqual(JSON.parse(JSON.stringify(app)));
  }, 60_000);
});
