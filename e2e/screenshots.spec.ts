import { expect, test } from '@playwright/test';
import { fake } from './support/fake-control';
import { setupBatch } from './support/run-fixtures';
import { openApp, seed, type SeedCase } from './support/seed-project';
import type { Result, Run } from '../src/core/model';

const classes = ['bottle', 'cable', 'hazelnut'];
const types: Record<string, string[]> = { bottle: ['broken_large', 'contamination'], cable: ['bent_wire', 'cut_inner_insulation'], hazelnut: ['crack', 'print'] };
const cases: SeedCase[] = [];
let n = 0;
for (const k of classes) {
  for (let i = 0; i < 14; i++) {
    const anomalous = i % 3 !== 0;
    const labelled = i < 10;
    cases.push({ id: `${k}-${String(i).padStart(3, '0')}`, className: k, defect: anomalous, name: `${k}/test/${anomalous ? types[k][i % 2] : 'good'}/${String(i).padStart(3, '0')}.png`, truth: labelled ? (anomalous ? { status: 'anomalous', defectType: types[k][i % 2], source: 'folder', at: 1 } : { status: 'normal', source: 'folder', at: 1 }) : { status: 'unlabelled' } });
    n++;
  }
  cases.push({ id: `${k}-ref`, className: k, role: 'reference', truth: { status: 'normal', source: 'folder', at: 1 } });
  cases.push({ id: `${k}-ref2`, className: k, role: 'reference', truth: { status: 'normal', source: 'folder', at: 1 } });
}
const run: Run = { id: 'run-1', name: 'gpt-4o · bottle rules v3', detector: 'vlm', promptVersionId: 'pv', provider: { presetId: 'openai', baseURL: 'x', model: 'gpt-4o' }, params: {}, caseIds: cases.map((c) => c.id), repeat: 3, status: 'done', createdAt: 1 };
let seedN = 3;
const rnd = () => ((seedN = (seedN * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const results: Result[] = [];
for (const c of cases.filter((x) => x.role !== 'reference')) {
  for (let rep = 0; rep < 3; rep++) {
    const anomalous = !!c.defect;
    const s = Math.min(0.99, Math.max(0.01, (anomalous ? 0.68 : 0.3) + (rnd() - 0.5) * 0.7));
    const failed = rnd() < 0.03;
    results.push(failed ? { id: `run-1:${c.id}:${rep}`, runId: 'run-1', caseId: c.id, rep, status: rnd() < 0.5 ? 'error' : 'unparsed', error: { kind: 'http', message: 'The model server answered 500 twice; run this case again.' }, createdAt: 1 } : { id: `run-1:${c.id}:${rep}`, runId: 'run-1', caseId: c.id, rep, status: 'ok', verdict: s >= 0.5 ? 'anomalous' : 'normal', score: Math.round(s * 100) / 100, scoreSource: 'logprobs', reasoning: s >= 0.5 ? `R1: the rim is a closed ring — satisfied.\nR2: a dark, irregular mark sits at about 7 o'clock on the inner surface, unlike the reference; it is not a reflection because it keeps its shape.\nVerdict: anomalous (${c.className}).` : 'All rules satisfied: the rim is an unbroken ring, no foreign material, surface matches the reference apart from lighting.', violatedRules: s >= 0.5 ? ['R2'] : [], createdAt: 1 });
  }
}
void n;
const run2: Run = { ...run, id: 'run-2', name: 'gpt-4o · no rules', repeat: 1, createdAt: 0 };
for (const c of cases.filter((x) => x.role !== 'reference')) {
  const s = Math.min(0.99, Math.max(0.01, (c.defect ? 0.6 : 0.42) + (rnd() - 0.5) * 0.9));
  results.push({ id: `run-2:${c.id}:0`, runId: 'run-2', caseId: c.id, rep: 0, status: 'ok', verdict: s >= 0.5 ? 'anomalous' : 'normal', score: Math.round(s * 100) / 100, scoreSource: 'confidence', createdAt: 1 });
}

// Screenshots for the docs and for looking at the UI: `SCREENSHOT_DIR=/tmp npx playwright test e2e/screenshots.spec.ts`.
const DIR = process.env.SCREENSHOT_DIR;
test.skip(!DIR, 'set SCREENSHOT_DIR to take screenshots');

test('review view', async ({ page }) => {
  await openApp(page, 'review');
  await seed(page, { cases, runs: [run, run2], results });
  await page.locator('[data-case-id="bottle-002"]').click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${DIR}/runs-review.png` });
});

test('metrics view', async ({ page }) => {
  await openApp(page, 'metrics');
  await seed(page, { cases, runs: [run, run2], results });
  await page.getByRole('checkbox', { name: 'Compare gpt-4o · no rules' }).check();
  await page.getByTestId('cell-fp').click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${DIR}/runs-metrics.png`, fullPage: false });
  await page.getByTestId('run-comparison').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${DIR}/runs-metrics-compare.png` });
});

test('batch panel mid-run', async ({ page }) => {
  await setupBatch(page, 40, { latencyMs: 1500, queue: ['ok', 'ok', 'fail-500', 'ok', 'ok', 'fail-429'] });
  await page.getByRole('button', { name: /^Run 40 calls/ }).click();
  await expect.poll(async () => (await page.getByTestId('batch-counts').first().textContent()) ?? '', { timeout: 20_000 }).toMatch(/^(1[0-9]|[6-9]) \//);
  await page.screenshot({ path: `${DIR}/runs-batch.png` });
  await fake('/_control', { latencyMs: 0 });
});

test('ablation table', async ({ page }) => {
  await setupBatch(page, 12);
  await page.getByRole('button', { name: /^Ablation: 8 runs/ }).click();
  // 96 calls are above the default limit of 50: the panel asks first.
  await page.getByTestId('batch-confirm').getByRole('button', { name: /^Start 96 calls/ }).click();
  for (let i = 0; i < 8; i++) await expect(page.getByTestId('batch-run').nth(i)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Metrics' }).click();
  await page.getByRole('button', { name: /^Show ablation/ }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${DIR}/runs-ablation.png` });
});
