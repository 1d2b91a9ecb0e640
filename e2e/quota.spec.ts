import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { zipFiles } from '../src/lib/export/zip';
import { seededRandom as seeded } from '../src/core/random';
import { appRows } from './support/app-db';

/** Sets the origin's storage quota to what it uses now plus `headroomBytes` (Chromium DevTools Protocol). */
async function quotaJustAboveUse(page: Page, headroomBytes: number) {
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: usage + headroomBytes });
}

/** A PNG of noise (it does not compress), about `side`² × 4 bytes. */
function noisePng(side: number, seed: number): Buffer {
  const png = new PNG({ width: side, height: side });
  const r = seeded(seed);
  for (let i = 0; i < png.data.length; i++) png.data[i] = Math.floor(r() * 256);
  return PNG.sync.write(png);
}

const countCases = async (page: Page) => (await appRows(page, ['cases'])).cases.length;

test('loading the sample with the disk nearly full says how far it got, in a notice that outlives the button', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  const total = await page.evaluate(async () => ((await (await fetch('/sample/manifest.json')).json()) as { files: unknown[] }).files.length);
  await quotaJustAboveUse(page, 300_000);
  await page.getByRole('button', { name: 'Load sample project' }).first().click();
  const notice = page.getByTestId('notice-area').getByRole('alert');
  await expect(notice).toContainText('Loading the sample project stopped:', { timeout: 60_000 });
  await expect(notice).toContainText('The browser has no room left for this project');
  await expect(notice).not.toContainText('QuotaExceededError');
  const saved = Number(/stopped: (\d+) of (\d+) files/.exec((await notice.textContent())!)![1]);
  expect(/of (\d+) files/.exec((await notice.textContent())!)![1]).toBe(String(total));
  expect(saved).toBeLessThan(total);
  // The count told is the count stored (each file whole or not at all).
  expect(await countCases(page)).toBe(saved);
  // Still there after the library has replaced the empty state (and its button).
  if (saved > 0) await expect(page.getByRole('heading', { name: 'No cases yet' })).toHaveCount(0);
  await expect(notice).toBeVisible();
});

test('a project import under quota is refused in one sentence and changes nothing', async ({ page }) => {
  const assets = Array.from({ length: 6 }, (_, i) => noisePng(256, 10 + i));
  const ids = assets.map((b) => createHash('sha256').update(b).digest('hex'));
  const manifest = {
    format: 'anomaly-workbench-project',
    version: 1,
    exportedAt: 1,
    projectName: 'Quota',
    assets: ids.map((id, i) => ({ id, kind: 'image', format: 'png', mime: 'image/png', name: `n${i}.png`, sizeBytes: assets[i].length, width: 256, height: 256, addedAt: 1 })),
    thumbs: [],
    cases: ids.map((id, i) => ({ id: `c${i}`, assetId: id, kind: 'image', name: `n${i}.png`, className: 'noise', role: 'test', truth: { status: 'unlabelled' }, maskAssetIds: [], addedAt: 1 })),
    prompts: [],
    promptVersions: [],
    runs: [],
    results: [],
    kv: [],
  };
  const zip = zipFiles({ 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)), ...Object.fromEntries(ids.map((id, i) => [`assets/${id}`, new Uint8Array(assets[i])])) });

  await page.goto('/#/share');
  await expect(page.getByTestId('import-project-input')).toBeAttached();
  await quotaJustAboveUse(page, 400_000);
  await page.getByTestId('import-project-input').setInputFiles({ name: 'noise.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  const alert = page.getByRole('alert').filter({ hasText: 'noise.zip' });
  await expect(alert).toHaveText(`"noise.zip" was not imported. The browser has no room left for this project (disk full or storage quota reached). Nothing was half-saved: free disk space or delete cases, then try again.`, { timeout: 30_000 });
  expect(await countCases(page)).toBe(0);
});

test('ingest under quota accounts for every file: added, not saved for lack of room, or not looked at', async ({ page }) => {
  const files = Array.from({ length: 12 }, (_, i) => ({ name: `noise-${String(i).padStart(2, '0')}.png`, mimeType: 'image/png', buffer: noisePng(256, 100 + i) }));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  await quotaJustAboveUse(page, 700_000);
  await page.getByTestId('ingest-files-input').setInputFiles(files);
  await expect(page.getByTestId('ingest-report')).toBeVisible({ timeout: 60_000 });
  const title = (await page.getByTestId('ingest-report-title').textContent())!;
  const added = /Added (\d+) case/.exec(title) ? Number(/Added (\d+) case/.exec(title)![1]) : 0;
  const noRoom = await page.locator('[data-reason="no-room"]').count();
  const notes = (await page.getByTestId('ingest-notes').textContent().catch(() => '')) ?? '';
  const notLooked = /(\d+) more files? (?:was|were) not added because storage is full/.exec(notes);
  expect(noRoom).toBeGreaterThan(0);
  expect(added).toBeLessThan(12);
  expect(added + noRoom + (notLooked ? Number(notLooked[1]) : 0)).toBe(12);
  expect(await countCases(page)).toBe(added);
  for (const li of await page.locator('[data-reason="no-room"]').all()) await expect(li).toContainText('The browser has no room left for this project');
});
