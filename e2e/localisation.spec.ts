import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { FAKE_VLM_URL } from './support/env';
import { fake } from './support/fake-control';
import { openApp, seed, seedPrompt, useFakeProvider } from './support/seed-project';
import { ablationBody, makeCases } from './support/run-fixtures';

/**
 * Masks for two defective cases, drawn in the page: t01's covers its red mark and uses VisA's
 * value 1 (so only binarisation makes it count); t03's lies in a corner, away from the mark.
 */
async function seedMasks(page: import('@playwright/test').Page) {
  await page.evaluate(async () => {
    const draw = async (v: number, rect: [number, number, number, number]) => {
      const c = new OffscreenCanvas(384, 384);
      const g = c.getContext('2d')!;
      g.fillStyle = '#000';
      g.fillRect(0, 0, 384, 384);
      g.fillStyle = `rgb(${v}, ${v}, ${v})`;
      g.fillRect(rect[0] * 384, rect[1] * 384, (rect[2] - rect[0]) * 384, (rect[3] - rect[1]) * 384);
      return c.convertToBlob({ type: 'image/png' });
    };
    const masks = { t01: await draw(1, [0.25, 0.5, 0.6, 0.78]), t03: await draw(255, [0, 0, 0.15, 0.15]) };
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction(['assets', 'blobs', 'cases'], 'readwrite');
    for (const [caseId, blob] of Object.entries(masks)) {
      const id = `mask-${caseId}`;
      tx.objectStore('assets').put({ id, kind: 'image', format: 'png', mime: 'image/png', name: `${caseId}_mask.png`, sizeBytes: blob.size, width: 384, height: 384, addedAt: 1 });
      tx.objectStore('blobs').put({ id, blob });
      const req = tx.objectStore('cases').get(caseId);
      req.onsuccess = () => tx.objectStore('cases').put({ ...req.result, maskAssetIds: [id] });
    }
    await new Promise<void>((res, rej) => {
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  });
  await page.reload();
}

/** Exports results + labels from Review as CSV and returns what `npm run metrics` prints per run. */
async function metricsOfExport(page: import('@playwright/test').Page): Promise<Record<string, unknown>> {
  await page.goto('/#/review');
  await page.getByRole('button', { name: 'Export / import…' }).click();
  const dl = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /Results \+ labels \(CSV\)/ }).click();
  const file = (await (await dl).path())!;
  const r = spawnSync('npx', ['tsx', 'scripts/metrics.ts', file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout).runs;
}

test('a run whose answers carry boxes: the hit rate against the masks is shown and equals npm run metrics', async ({ page }) => {
  await fake('/_control', { reset: true, chunkDelayMs: 0 });
  await openApp(page, 'runs');
  await useFakeProvider(page, `${FAKE_VLM_URL}/v1`);
  await seedPrompt(page, { ...ablationBody, output: { ...ablationBody.output, includeLocations: true } });
  await seed(page, { cases: makeCases(6) });
  await seedMasks(page);

  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.getByRole('radio', { name: /^All/ }).click();
  await page.getByRole('button', { name: /^Run 6 calls/ }).click();
  await expect(page.getByTestId('batch-run').first()).toHaveAttribute('data-state', 'done', { timeout: 45_000 });

  await page.goto('/#/metrics');
  const table = page.getByTestId('localisation-table');
  await expect(table).toBeVisible({ timeout: 20_000 });
  // t01 (hit) and t03 (miss) are scored; t05 has no mask.
  const hit = page.getByTestId('hit-rate');
  await expect(hit).toContainText('50.0%');
  await expect(hit.locator('span').first()).toHaveAttribute('title', /^1 of 2;/);
  await expect(table).toContainText('bottle');

  const runs = (await metricsOfExport(page)) as Record<string, { localisation: { overall: { scored: number; noBox: number; hitRate: { k: number; n: number; value: number } } } }>;
  const loc = Object.values(runs)[0].localisation.overall;
  expect(loc).toMatchObject({ scored: 2, noBox: 0, hitRate: { k: 1, n: 2, value: 0.5 } });
});

test('the baseline\'s pixel AUROC against the masks is shown and equals npm run metrics', async ({ page }) => {
  await openApp(page, 'runs');
  await seedPrompt(page, ablationBody);
  await seed(page, { cases: makeCases(6) });
  await seedMasks(page);

  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.getByRole('radio', { name: /^All/ }).click();
  await page.getByRole('button', { name: 'Offline baseline (no key)' }).click();
  await expect(page.getByTestId('batch-run').first()).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  await page.goto('/#/metrics');
  const shown = page.getByTestId('pixel-auroc');
  await expect(shown).toHaveText(/^\d\.\d{3}$/, { timeout: 30_000 });
  const appValue = (await shown.textContent())!;

  const runs = Object.values((await metricsOfExport(page)) as Record<string, { pixelAuroc?: { overall: { value: number } } }>);
  const cli = runs.find((x) => x.pixelAuroc)?.pixelAuroc;
  expect(cli?.overall.value.toFixed(3)).toBe(appValue);
});
