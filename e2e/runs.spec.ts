import { expect, test, type Page } from '@playwright/test';
import { fake } from './support/fake-control';
import { readStore } from './support/seed-project';
import { setupBatch as setup } from './support/run-fixtures';
import type { Result, Run } from '../src/core/model';

async function results(page: Page): Promise<Result[]> {
  return readStore<Result>(page, 'results');
}

test('a batch with injected 429s and 500s finishes with every case accounted for', async ({ page }) => {
  await setup(page, 10, { queue: ['fail-429', 'fail-500', 'fail-500', 'ok', 'fail-429', 'fail-500'] });
  await page.getByRole('button', { name: /^Run 10 calls/ }).click();
  const row = page.getByTestId('batch-run').first();
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(row.getByTestId('batch-counts')).toContainText('10 / 10 done');
  const rs = await results(page);
  expect(rs).toHaveLength(10);
  expect(new Set(rs.map((r) => r.caseId)).size).toBe(10);
  expect(rs.every((r) => r.status === 'ok' || r.status === 'error')).toBe(true);
  const log = (await fake('/_requests')) as { requests: { path: string; status: number }[] };
  const chats = log.requests.filter((r) => r.path === '/v1/chat/completions');
  // Every injected failure was retried: 10 answers plus 5 failed attempts.
  expect(chats.filter((r) => r.status === 429)).toHaveLength(2);
  expect(chats.filter((r) => r.status === 500)).toHaveLength(3);
  expect(chats.length).toBe(15);
  expect(rs.filter((r) => r.status === 'ok')).toHaveLength(10);
});

test('a reload mid-run resumes without duplicates or losses', async ({ page }) => {
  await setup(page, 12, { latencyMs: 1200 });
  await page.getByLabel('Concurrency', { exact: true }).fill('2');
  await page.getByRole('button', { name: /^Run 12 calls/ }).click();
  await expect.poll(async () => (await results(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await page.reload();
  const row = page.getByTestId('batch-run').first();
  await expect(row.getByText('interrupted')).toBeVisible();
  const before = (await results(page)).length;
  expect(before).toBeLessThan(12);
  await fake('/_control', { latencyMs: 0 });
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const rs = await results(page);
  expect(rs).toHaveLength(12);
  expect(new Set(rs.map((r) => r.id)).size).toBe(12);
  expect(new Set(rs.map((r) => r.caseId)).size).toBe(12);
});

test('an identical run reuses earlier answers and says so; a forced run calls the model again', async ({ page }) => {
  await setup(page, 4);
  await page.getByRole('button', { name: /^Run 4 calls/ }).click();
  await expect(page.getByTestId('batch-run').first()).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await page.getByRole('button', { name: /^Run 4 calls/ }).click();
  const second = page.getByTestId('batch-run').first();
  await expect(second).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(second).toContainText('4 reused from earlier identical runs');
  await page.getByLabel('Re-run even when an identical answer exists').check();
  await page.getByRole('button', { name: /^Run 4 calls/ }).click();
  const third = page.getByTestId('batch-run').first();
  await expect(third).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(third).not.toContainText('reused');
});

test('an ablation makes one run per knowledge variant, each with its metrics row', async ({ page }) => {
  await setup(page, 4);
  await page.getByRole('button', { name: /^Ablation: 8 runs/ }).click();
  await expect(page.getByTestId('batch-run')).toHaveCount(8);
  for (let i = 0; i < 8; i++) await expect(page.getByTestId('batch-run').nth(i)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const runs = await readStore<Run>(page, 'runs');
  expect(runs.filter((r) => r.variant?.kind === 'ablation').map((r) => r.variant?.label).sort()).toEqual(['context', 'refs', 'refs + context', 'refs + rules', 'refs + rules + context', 'rules', 'rules + context', 'task only']);
  expect(await results(page)).toHaveLength(32);
  // The fake server saw the reference image only in the variants that send references.
  const log = (await fake('/_requests')) as { requests: { path: string; images: unknown[] }[] };
  const imageCounts = log.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.images.length);
  expect(imageCounts.filter((n) => n === 2)).toHaveLength(16);
  expect(imageCounts.filter((n) => n === 1)).toHaveLength(16);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Metrics' }).click();
  await page.getByRole('button', { name: /^Show ablation/ }).click();
  await expect(page.getByTestId('ablation-row')).toHaveCount(8);
  await expect(page.getByTestId('ablation-table').locator('thead tr').first().locator('th')).toHaveCount(3 + 3);
  await expect(page.getByTestId('comparison-row')).toHaveCount(8);
  await expect(page.getByTestId('per-class-comparison').locator('thead th')).toHaveCount(9);
});

test('control runs: the query blanked and references swapped for another class', async ({ page }) => {
  await setup(page, 3);
  await page.getByRole('button', { name: 'Control: blank query' }).click();
  await expect(page.getByTestId('batch-run').first()).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Control: swap references' }).click();
  await expect(page.getByTestId('batch-run').first()).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  const runs = await readStore<Run>(page, 'runs');
  expect(runs.map((r) => r.variant?.kind).sort()).toEqual(['blank-query', 'swapped-references']);
  const swapped = runs.find((r) => r.variant?.kind === 'swapped-references')!;
  expect((swapped.params.control as { referenceOverride: Record<string, string[]> }).referenceOverride).toEqual({ bottle: ['cref-1'], cable: ['ref-1'] });
  expect(await results(page)).toHaveLength(6);
});
