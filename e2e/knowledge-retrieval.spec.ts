import { expect, test } from '@playwright/test';
import { FAKE_VLM_URL } from './support/env';
import { fake } from './support/fake-control';
import { seedCases, type SeedCase } from './support/seed-vlm';
import { readStore, seedPrompt, useFakeProvider } from './support/seed-project';
import { discPng } from './fake-vlm/fixtures';
import type { LoggedRequest } from './fake-vlm/server';
import type { Result } from '../src/core/model';
import { templateBody } from '../src/core/prompt/prompt-body';

// Discs at different places: the nearer a reference's disc to the query's, the more similar it looks.
// Each reference has its own colour, so the fake server's log says which one reached the model.
const GREEN: [number, number, number] = [60, 200, 60];
const BLUE: [number, number, number] = [60, 60, 220];
const YELLOW: [number, number, number] = [200, 200, 60];
const CASES: SeedCase[] = [
  { id: 'r-green', name: 'disc/train/good/a.png', className: 'disc', role: 'reference', status: 'normal', png: discPng(96, 0.46, GREEN) },
  { id: 'r-blue', name: 'disc/train/good/b.png', className: 'disc', role: 'reference', status: 'normal', png: discPng(96, 0.56, BLUE) },
  { id: 'r-yellow', name: 'disc/train/good/c.png', className: 'disc', role: 'reference', status: 'normal', png: discPng(96, 0.72, YELLOW) },
  // Same layout as the query, another grey: a near-duplicate that must never be its reference.
  { id: 'r-twin', name: 'disc/train/good/d.png', className: 'disc', role: 'reference', status: 'normal', png: discPng(96, 0.5, [205, 205, 205]) },
  { id: 'q-mid', name: 'disc/test/good/1.png', className: 'disc', role: 'test', status: 'normal', png: discPng(96, 0.5, [200, 200, 200]) },
  { id: 'q-right', name: 'disc/test/good/2.png', className: 'disc', role: 'test', status: 'normal', png: discPng(96, 0.7, [200, 200, 200]) },
];

/** Mean colour of a disc image as the fake server measures it (disc area share × colour + background). */
function meanOf(rgb: [number, number, number]): number[] {
  const share = Math.PI * 0.2 ** 2;
  return rgb.map((c) => c * share + 20 * (1 - share));
}

function closeTo(actual: number[], expected: number[], tol = 6) {
  expect(actual.every((v, i) => Math.abs(v - expected[i]) <= tol), `mean colour ${actual} ≈ ${expected.map(Math.round)}`).toBe(true);
}

test('a retrieved-reference run sends each query its nearest references, never its near-duplicate, and records them', async ({ page }) => {
  await fake('/_control', { reset: true, chunkDelayMs: 0 });
  await seedCases(page, CASES);
  await useFakeProvider(page, `${FAKE_VLM_URL}/v1`);
  await seedPrompt(page, { ...templateBody('workbench'), classContext: { disc: 'A flat disc.' } }, 'Disc check');
  await page.reload();

  // Choose the policy in the prompt editor and save it as a version.
  await page.getByLabel('Reference policy').selectOption('nearest');
  await page.getByLabel('References retrieved (k)').fill('2');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Saved as version 2.')).toBeVisible();

  // The preview names the chosen references with their similarity, and the near-duplicate left out.
  await page.getByLabel('Preview case').selectOption('q-mid');
  const list = page.getByTestId('retrieval-list');
  await expect(list.getByTestId('retrieved-reference')).toHaveCount(2);
  await expect(list.getByTestId('retrieved-reference').nth(0)).toContainText('disc/train/good/a.png');
  await expect(list.getByTestId('retrieved-reference').nth(1)).toContainText('disc/train/good/b.png');
  await expect(list).toContainText('near-duplicate at similarity ≥ 0.995');
  await expect(list).toContainText('Left out “disc/train/good/d.png”');
  await expect(page.getByRole('list', { name: 'Images sent' }).getByRole('listitem')).toHaveCount(3);
  expect((await fake('/_requests')) as { requests: unknown[] }).toMatchObject({ requests: [] });

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.getByRole('radio', { name: /^All/ }).click();
  await page.getByRole('button', { name: /^Run 2 calls/ }).click();
  await expect(page.getByTestId('batch-run').first()).toHaveAttribute('data-state', 'done', { timeout: 30_000 });

  // The fake server saw, per query, its two nearest references first (most similar first), then the query.
  const log = ((await fake('/_requests')) as { requests: LoggedRequest[] }).requests.filter((r) => r.path === '/v1/chat/completions');
  expect(log).toHaveLength(2);
  const grey = meanOf([200, 200, 200]);
  const mid = log.find((r) => closeToSafe(r.images[0].meanRgb, meanOf(GREEN)));
  const right = log.find((r) => closeToSafe(r.images[0].meanRgb, meanOf(YELLOW)));
  expect(mid, 'a request whose first reference is the green disc').toBeTruthy();
  expect(right, 'a request whose first reference is the yellow disc').toBeTruthy();
  // Two references and the query each: the grey near-duplicate twin was never sent.
  for (const r of [mid!, right!]) {
    expect(r.images).toHaveLength(3);
    expect(r.text).toContain('Reference 2 of 2');
    closeTo(r.images[1].meanRgb, meanOf(BLUE));
    closeTo(r.images[2].meanRgb, grey);
  }

  // Each result records the references it was sent, with their similarity.
  const results = await readStore<Result>(page, 'results');
  const byCase = Object.fromEntries(results.map((r) => [r.caseId, r.references]));
  expect(byCase['q-mid']?.map((x) => x.caseId)).toEqual(['r-green', 'r-blue']);
  expect(byCase['q-right']?.map((x) => x.caseId)).toEqual(['r-yellow', 'r-blue']);
  for (const refs of Object.values(byCase)) {
    expect(refs![0].similarity!).toBeGreaterThan(refs![1].similarity!);
    expect(refs![0].similarity!).toBeLessThan(0.995);
  }
});

function closeToSafe(actual: number[], expected: number[], tol = 6): boolean {
  return actual.every((v, i) => Math.abs(v - expected[i]) <= tol);
}
