import { expect, test, type Page } from '@playwright/test';
import { seeded, writePly } from '../src/core/pointcloud/testing/fixture-writers';
import { appRows } from './support/app-db';

/** A small dome-shaped scan of `n` points. */
function dome(n: number, seed: number): Uint8Array {
  const r = seeded(seed);
  const rows = Array.from({ length: n }, () => {
    const x = r() * 2 - 1, y = r() * 2 - 1;
    return [x, y, 0.6 * Math.exp(-(x * x + y * y) * 1.5)];
  });
  return writePly({ encoding: 'binary_little_endian', elements: [{ name: 'vertex', props: [{ name: 'x', type: 'float' }, { name: 'y', type: 'float' }, { name: 'z', type: 'float' }], rows }] });
}

const cell = (page: Page, name: string) => page.getByTestId('case-cell').filter({ hasText: name });

/** Library previews still waiting to be made (placeholders, or none yet). */
async function placeholderThumbs(page: Page): Promise<number> {
  const { assets, thumbs } = await appRows(page, ['assets', 'thumbs']);
  const real = new Set(thumbs.filter((t) => !t.placeholder).map((t) => t.id));
  return assets.filter((a) => !real.has(a.id)).length;
}

/** Every worker deadline multiplied by `scale` (the app's test hook; 1 = normal). */
const setDeadlineScale = (page: Page, scale: number) => page.evaluate((s) => ((globalThis as { __awWorkerDeadlineScale?: number }).__awWorkerDeadlineScale = s), scale);

test('a point cloud whose reading overruns its deadline is stopped with a sentence, and other clouds still open', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  await page.getByTestId('ingest-files-input').setInputFiles([
    { name: 'slow.ply', mimeType: 'application/octet-stream', buffer: Buffer.from(dome(40_000, 3)) },
    { name: 'good.ply', mimeType: 'application/octet-stream', buffer: Buffer.from(dome(5_000, 4)) },
  ]);
  await expect(page.getByTestId('case-cell')).toHaveCount(2, { timeout: 30_000 });
  // The library first makes both previews in the same worker; a read queued behind them would only
  // start its clock once they are done, so wait until the worker is idle.
  await expect.poll(() => placeholderThumbs(page), { timeout: 30_000 }).toBe(0);

  // No time at all for the worker: the read overruns at once, as a file that hangs the parser would.
  await setDeadlineScale(page, 0);
  await cell(page, 'slow.ply').click();
  await expect(page.getByRole('alert').filter({ hasText: 'slow.ply' }).first()).toContainText('Reading "slow.ply" took too long and was stopped.');
  await expect(page.getByRole('alert').filter({ hasText: 'slow.ply' }).first()).not.toContainText(/TypeError|undefined/);

  // The stopped worker was replaced: the next cloud opens, and so does the first one again.
  await setDeadlineScale(page, 1);
  await cell(page, 'good.ply').click();
  await expect(page.getByTestId('pointcloud-info')).toContainText('5,000 points', { timeout: 20_000 });
  await cell(page, 'slow.ply').click();
  await expect(page.getByTestId('pointcloud-info')).toContainText('40,000 points', { timeout: 20_000 });
});
