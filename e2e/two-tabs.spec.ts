import { expect, test } from '@playwright/test';
import { fake } from './support/fake-control';
import { openApp, readStore } from './support/seed-project';
import { setupBatch } from './support/run-fixtures';
import type { Result } from '../src/core/model';

test('a batch runs in one tab only: a second tab shows it as running elsewhere and buys no calls', async ({ page }) => {
  await setupBatch(page, 8, { latencyMs: 2500 });
  await page.getByLabel('Concurrency', { exact: true }).fill('1');
  await page.getByRole('button', { name: /^Run 8 calls/ }).click();
  await expect.poll(async () => (await readStore<Result>(page, 'results')).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);

  const other = await page.context().newPage();
  await openApp(other, 'runs');
  await other.getByRole('tab', { name: 'Batch' }).click();
  const row = other.getByTestId('batch-run').first();
  await expect(row).toContainText('running in another tab');
  await expect(row).toHaveAttribute('data-state', 'elsewhere');
  // Nothing on that row would call the model again.
  await expect(row.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  // Only the links to read the answers so far (Review, Metrics) are offered.
  await expect(row.getByRole('button').filter({ hasNotText: /^(Review|Metrics)$/ })).toHaveCount(0);
  await fake('/_control', { latencyMs: 0 });

  await expect(page.getByTestId('batch-run').first()).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  // The second tab follows the stored answers and sees the run end.
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 10_000 });
  await expect(row.getByTestId('batch-counts')).toContainText('8 / 8 answered');

  const log = (await fake('/_requests')) as { requests: { path: string }[] };
  expect(log.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(8);
  const rs = await readStore<Result>(other, 'results');
  expect(rs).toHaveLength(8);
  expect(new Set(rs.map((r) => r.caseId)).size).toBe(8);
});

test('when the running tab closes, the other tab can resume the run without repeating stored answers', async ({ page }) => {
  await setupBatch(page, 8, { latencyMs: 900 });
  await page.getByLabel('Concurrency', { exact: true }).fill('1');
  const other = await page.context().newPage();
  await openApp(other, 'runs');
  await other.getByRole('tab', { name: 'Batch' }).click();
  await page.getByRole('button', { name: /^Run 8 calls/ }).click();
  await expect.poll(async () => (await readStore<Result>(other, 'results')).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  const row = other.getByTestId('batch-run').first();
  await expect(row).toContainText('running in another tab');
  await page.close();
  await fake('/_control', { latencyMs: 0 });
  await expect(row).toContainText('interrupted', { timeout: 10_000 });
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const rs = await readStore<Result>(other, 'results');
  expect(rs).toHaveLength(8);
  const log = (await fake('/_requests')) as { requests: { path: string }[] };
  // At most the one call in flight when the tab closed is bought twice.
  expect(log.requests.filter((r) => r.path === '/v1/chat/completions').length).toBeLessThanOrEqual(9);
});
