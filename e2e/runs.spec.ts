import { readFileSync } from 'node:fs';
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
  await expect(row.getByTestId('batch-counts')).toContainText('10 / 10 answered');
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
  await page.getByRole('tab', { name: 'Batch' }).click();
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
  await expect(page.getByTestId('batch-run')).toHaveCount(1);
  await expect(page.getByTestId('batch-run').first()).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Control: swap references' }).click();
  await expect(page.getByTestId('batch-run')).toHaveCount(2);
  for (let i = 0; i < 2; i++) await expect(page.getByTestId('batch-run').nth(i)).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  const runs = await readStore<Run>(page, 'runs');
  expect(runs.map((r) => r.variant?.kind).sort()).toEqual(['blank-query', 'swapped-references']);
  const blank = runs.find((r) => r.variant?.kind === 'blank-query')!;
  const swapped = runs.find((r) => r.variant?.kind === 'swapped-references')!;
  expect((swapped.params.control as { referenceOverride: Record<string, string[]> }).referenceOverride).toEqual({ bottle: ['cref-1'], cable: ['ref-1'] });
  const rs = await results(page);
  expect(rs).toHaveLength(6);
  // What was sent: a blanked query in one run, the other class's reference image in the other.
  for (const r of rs.filter((x) => x.runId === blank.id)) expect(r.imageHashes?.at(-1)).toMatch(/^blank:/);
  for (const r of rs.filter((x) => x.runId === swapped.id)) expect(r.imageHashes?.[0]).toBe(r.caseId === 't02' ? 'asset-ref-1' : 'asset-cref-1');
});

test('OpenAI Batch API: the input file has one line per case, and its output file comes back as results', async ({ page }) => {
  await setup(page, 3);
  await page.getByRole('button', { name: 'OpenAI Batch file…' }).click();
  const dl = await page.waitForEvent('download');
  const lines = readFileSync((await dl.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; method: string; url: string; body: { model: string; messages: unknown[]; stream?: boolean } });
  expect(lines.map((l) => l.custom_id)).toEqual(['t00', 't01', 't02']);
  expect(lines.every((l) => l.method === 'POST' && l.url === '/v1/chat/completions' && l.body.model === 'fake-vision' && !l.body.stream)).toBe(true);
  const row = page.getByTestId('batch-run').first();
  await expect(row).toContainText('waiting for Batch API output');

  const answer = (v: string) => JSON.stringify({ reasoning: `Looks ${v}.`, verdict: v, confidence: 0.8 });
  const output = [
    { custom_id: 't00', response: { status_code: 200, body: { choices: [{ message: { content: answer('normal') } }], usage: { prompt_tokens: 100, completion_tokens: 20 } } }, error: null },
    { custom_id: 't01', response: { status_code: 200, body: { choices: [{ message: { content: answer('anomalous') } }] } }, error: null },
    { custom_id: 't02', response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired' } },
  ].map((o) => JSON.stringify(o)).join('\n');
  await row.locator('input[type=file]').setInputFiles({ name: 'batch_output.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(output) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 3 answers from batch_output.jsonl' })).toBeVisible();
  const rs = (await results(page)).sort((a, b) => a.caseId.localeCompare(b.caseId));
  expect(rs.map((r) => [r.caseId, r.status, r.verdict])).toEqual([
    ['t00', 'ok', 'normal'],
    ['t01', 'ok', 'anomalous'],
    ['t02', 'error', undefined],
  ]);
  await expect(row).toHaveAttribute('data-state', 'done');
});
