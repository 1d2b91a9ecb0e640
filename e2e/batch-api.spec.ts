import { expect, test, type Page } from '@playwright/test';
import { fake } from './support/fake-control';
import { readStore } from './support/seed-project';
import { setupBatch } from './support/run-fixtures';
import type { Result, Run } from '../src/core/model';

interface BatchServer {
  files: { purpose: string; lines: number; filename: string }[];
  batches: { id: string; status: string; endpoint: string; metadata: Record<string, string> | null }[];
}

const server = async () => (await fake('/_batches')) as BatchServer;
const batchRuns = async (page: Page) => (await readStore<Run>(page, 'runs')).filter((r) => r.batchJobs);

test('the Batch API flow: split into two batches, a reload while they run, output and error files imported into the run', async ({ page }) => {
  await fake('/_batches', { reset: true, hold: true });
  await setupBatch(page, 4);
  const submit = page.getByTestId('batch-api-submit');
  await submit.getByLabel('Requests per batch').fill('2');
  await submit.getByRole('button', { name: 'Submit 4 requests to the Batch API' }).click();
  await expect(submit.getByRole('status')).toContainText('Sent 4 requests in 2 batches');
  await expect(submit.getByRole('status')).toContainText(/At most \$[\d.]+ at the batch price \(\$[\d.]+ live\)/);

  // Uploaded with purpose "batch", split 2 + 2, each batch tagged with the run.
  const s1 = await server();
  expect(s1.files.filter((f) => f.purpose === 'batch').map((f) => f.lines)).toEqual([2, 2]);
  expect(s1.batches).toHaveLength(2);
  const [run] = await batchRuns(page);
  expect(s1.batches.every((b) => b.endpoint === '/v1/chat/completions' && b.metadata?.anomaly_workbench_run === run.id)).toBe(true);
  expect(run.batchJobs!.map((j) => j.id).sort()).toEqual(s1.batches.map((b) => b.id).sort());

  const row = page.locator(`[data-testid="batch-run"][data-run-id="${run.id}"]`);
  await expect(row.getByTestId('batch-api-job')).toHaveCount(2);
  await expect(row.getByTestId('batch-api-job').first()).toHaveAttribute('data-status', 'validating');

  // Reload while the batches are still validating: the ids come back from the database and polling resumes.
  await page.reload();
  await page.getByRole('tab', { name: 'Batch' }).click();
  const again = page.locator(`[data-testid="batch-run"][data-run-id="${run.id}"]`);
  await expect(again.getByTestId('batch-api-job')).toHaveCount(2);
  const looksBefore = (await server()).batches.length;
  expect(looksBefore).toBe(2);

  // The first request the batch answers fails with a 500: it comes back in the error file.
  await fake('/_control', { queue: ['fail-500'] });
  await fake('/_batches', { hold: false });
  await again.getByRole('button', { name: 'Check now' }).click();
  await expect(again.getByTestId('batch-api-job').first()).toHaveAttribute('data-status', /in_progress|finalizing|completed/, { timeout: 15_000 });
  await expect(again.getByTestId('batch-api-job').nth(0)).toHaveAttribute('data-status', 'completed', { timeout: 40_000 });
  await expect(again.getByTestId('batch-api-job').nth(1)).toHaveAttribute('data-status', 'completed', { timeout: 40_000 });
  await expect(again).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(again.getByTestId('batch-api-summary')).toHaveText(/2 batches · 3 of 4 answered · 1 failed · 2 of 2 finished/);
  await expect(again.getByTestId('batch-counts')).toContainText('4 / 4 answered');
  await expect(again.getByTestId('batch-counts')).toContainText('1 failed');

  const rs = (await readStore<Result>(page, 'results')).filter((r) => r.runId === run.id);
  expect(rs).toHaveLength(4);
  // Billed at half the live price (the fake model is priced 2.5 / 10 USD per million tokens).
  for (const r of rs.filter((x) => x.usage)) expect(r.costUsd).toBeCloseTo(((r.usage!.promptTokens * 2.5 + r.usage!.completionTokens * 10) / 1e6) * 0.5, 10);
  const total = rs.reduce((a, r) => a + (r.costUsd ?? 0), 0);
  expect(total).toBeGreaterThan(0);
  await expect(again.getByTestId('batch-counts')).toContainText(`cost so far $${total < 0.01 ? total.toFixed(4) : total.toFixed(2)}`);
  const failed = rs.filter((r) => r.status === 'error');
  expect(failed).toHaveLength(1);
  expect(failed[0].error?.message).toMatch(/HTTP 500/);
  // The answers read the pixels: odd cases carry the red defect.
  for (const r of rs.filter((x) => x.status === 'ok')) expect(r.verdict).toBe(Number(r.caseId.slice(1)) % 2 ? 'anomalous' : 'normal');
  // Each line was answered by the chat endpoint, with the case's images.
  const log = (await fake('/_requests')) as { requests: { path: string; images: unknown[]; stream: boolean }[] };
  const chats = log.requests.filter((r) => r.path === '/v1/chat/completions');
  expect(chats).toHaveLength(4);
  expect(chats.every((c) => c.images.length >= 2 && !c.stream)).toBe(true);
});

test('a refused key is a sentence at the submit; cancelling stops a batch and the run says so', async ({ page }) => {
  await fake('/_batches', { reset: true, hold: true, fail: [401] });
  await setupBatch(page, 3);
  const submit = page.getByTestId('batch-api-submit');
  await submit.getByRole('button', { name: 'Submit 3 requests to the Batch API' }).click();
  await expect(submit.getByRole('alert')).toHaveText(/^Nothing was sent: Uploading .* failed: The endpoint .* refused the API key \(HTTP 401\)/);
  expect((await server()).batches).toHaveLength(0);

  await submit.getByRole('button', { name: 'Submit 3 requests to the Batch API' }).click();
  await expect(submit.getByRole('status')).toContainText('Sent 3 requests in 1 batch');
  const run = (await batchRuns(page)).find((r) => r.batchJobs!.length === 1)!;
  const row = page.locator(`[data-testid="batch-run"][data-run-id="${run.id}"]`);
  await row.getByRole('button', { name: 'Cancel batch' }).click();
  await fake('/_batches', { hold: false });
  await expect(row.getByTestId('batch-api-job')).toHaveAttribute('data-status', 'cancelled', { timeout: 20_000 });
  await expect(row).toHaveAttribute('data-state', 'cancelled');
  expect((await server()).batches[0].status).toBe('cancelled');
  expect((await readStore<Result>(page, 'results')).filter((r) => r.runId === run.id)).toHaveLength(0);

  // The cancelled cases can be sent again as a new run, which then gets its answers.
  await row.getByRole('button', { name: 'Send 3 unanswered cases again' }).click();
  await expect(row.getByRole('status')).toContainText('Sent 3 cases again');
  const second = (await batchRuns(page)).find((r) => r.name.endsWith(' · again'))!;
  const secondRow = page.locator(`[data-testid="batch-run"][data-run-id="${second.id}"]`);
  await secondRow.getByRole('button', { name: 'Check now' }).click();
  await expect(secondRow).toHaveAttribute('data-state', 'done', { timeout: 40_000 });
  expect((await readStore<Result>(page, 'results')).filter((r) => r.runId === second.id && r.status === 'ok')).toHaveLength(3);
});
