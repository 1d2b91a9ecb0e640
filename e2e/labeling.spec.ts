import { expect, test } from '@playwright/test';
import { openApp, readCases, seed, type SeedCase } from './support/seed-project';
import type { Result, Run } from '../src/core/model';

const cases: SeedCase[] = [
  { id: 'b-good-1', className: 'bottle', truth: { status: 'normal', source: 'folder', at: 1 } },
  { id: 'b-good-2', className: 'bottle', truth: { status: 'normal', source: 'folder', at: 1 } },
  { id: 'b-crack-1', className: 'bottle', truth: { status: 'anomalous', defectType: 'crack', source: 'folder', at: 1 }, defect: true },
  { id: 'b-cont-1', className: 'bottle', truth: { status: 'anomalous', defectType: 'contamination', source: 'folder', at: 1 }, defect: true },
  { id: 'b-new-1', className: 'bottle', truth: { status: 'unlabelled' }, defect: true },
  { id: 'b-new-2', className: 'bottle', truth: { status: 'unlabelled' } },
  { id: 'b-new-3', className: 'bottle', truth: { status: 'unlabelled' }, defect: true },
  { id: 'b-new-4', className: 'bottle', truth: { status: 'unlabelled' } },
  { id: 'b-ref-1', className: 'bottle', truth: { status: 'normal', source: 'folder', at: 1 }, role: 'reference' },
];
const run: Run = { id: 'run-1', name: 'bottle v1', detector: 'vlm', promptVersionId: 'pv', provider: { presetId: 'custom', baseURL: 'http://x', model: 'fake-vision' }, params: {}, caseIds: cases.map((c) => c.id), repeat: 1, status: 'done', createdAt: 1 };
const res = (caseId: string, p: Partial<Result>): Result => ({ id: `run-1:${caseId}:0`, runId: 'run-1', caseId, rep: 0, status: 'ok', createdAt: 1, ...p });
const results: Result[] = [
  res('b-good-1', { verdict: 'anomalous', score: 0.8, scoreSource: 'confidence', reasoning: 'The rim shows a <b>dark</b> mark. ![x](http://127.0.0.1:1/leak.png)', violatedRules: ['R1'] }),
  res('b-good-2', { verdict: 'normal', score: 0.1, scoreSource: 'confidence', reasoning: 'Clean rim.' }),
  res('b-crack-1', { status: 'error', error: { kind: 'http', message: 'The model server answered 500 for case b-crack-1; run it again.' } }),
];

test.beforeEach(async ({ page }) => {
  await openApp(page, 'review');
  await seed(page, { cases, runs: [run], results });
  await expect(page.getByTestId('labeling-view')).toBeVisible();
});

test('keyboard labelling writes hand labels, auto-advances and undo restores the exact previous truth', async ({ page }) => {
  await page.getByRole('tab', { name: /Unlabelled/ }).click();
  await page.locator('[data-case-id="b-new-1"]').click();
  await expect(page.getByTestId('focused-name')).toContainText('b-new-1');
  await page.keyboard.press('n');
  await expect(page.getByTestId('focused-name')).toContainText('b-new-2');
  await page.keyboard.press('a');
  await expect(page.getByTestId('focused-name')).toContainText('b-new-3');
  const truthOf = async (id: string) => (await readCases(page)).find((c) => c.id === id)!.truth;
  await expect.poll(() => truthOf('b-new-2')).toMatchObject({ status: 'anomalous', source: 'hand' });
  expect(await truthOf('b-new-1')).toMatchObject({ status: 'normal', source: 'hand' });
  expect((await truthOf('b-new-1')).at).toBeGreaterThan(1_600_000_000_000);

  await page.keyboard.press('z');
  await expect(page.getByTestId('focused-name')).toContainText('b-new-2');
  await expect.poll(async () => (await readCases(page)).find((c) => c.id === 'b-new-2')!.truth).toEqual({ status: 'unlabelled' });

  // Digits pick the class's defect types in order (contamination, crack).
  await page.keyboard.press('2');
  await expect.poll(async () => (await readCases(page)).find((c) => c.id === 'b-new-2')!.truth).toMatchObject({ status: 'anomalous', defectType: 'crack', source: 'hand' });
  expect(await truthOf('b-good-1')).toEqual({ status: 'normal', source: 'folder', at: 1 });
  await expect(page.getByTestId('label-progress')).toHaveText('6 / 8 labelled');
});

test('"A then 2" gives the case just labelled its defect type, then moves on; the next case keeps its label', async ({ page }) => {
  await page.getByRole('tab', { name: /Unlabelled/ }).click();
  await page.locator('[data-case-id="b-new-1"]').click();
  await page.keyboard.press('a');
  await expect(page.getByTestId('awaiting-digit')).toBeVisible();
  await page.keyboard.press('2');
  const truthOf = async (id: string) => (await readCases(page)).find((c) => c.id === id)!.truth;
  await expect.poll(() => truthOf('b-new-1')).toMatchObject({ status: 'anomalous', defectType: 'crack', source: 'hand' });
  await expect(page.getByTestId('focused-name')).toContainText('b-new-2');
  expect(await truthOf('b-new-2')).toEqual({ status: 'unlabelled' });
  // Without a digit the case is still labelled and the view moves on by itself.
  await page.keyboard.press('a');
  await expect(page.getByTestId('focused-name')).toContainText('b-new-3');
  await expect.poll(() => truthOf('b-new-2')).toMatchObject({ status: 'anomalous', source: 'hand' });
  expect((await truthOf('b-new-2')).defectType).toBeUndefined();
});

test('hand labels override folder labels; the verdict can be hidden; reasoning stays inert text', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.locator('[data-case-id="b-good-1"]').click();
  const panel = page.getByTestId('verdict-panel');
  await expect(panel).toContainText('anomalous');
  await expect(panel).toContainText('<b>dark</b>');
  await expect(panel.locator('b, img')).toHaveCount(0);
  expect(requests.some((u) => u.includes('leak.png'))).toBe(false);
  await page.keyboard.press('v');
  await expect(page.getByTestId('verdict-panel')).toHaveCount(0);
  await expect(page.getByText('The model’s verdict is hidden while you label')).toBeVisible();
  await page.keyboard.press('u');
  await expect.poll(async () => (await readCases(page)).find((c) => c.id === 'b-good-1')!.truth).toMatchObject({ status: 'unsure', source: 'hand' });
});

test('bulk labelling: select several cases in the grid, then one key labels them all', async ({ page }) => {
  await page.locator('[data-case-id="b-new-1"]').click();
  await page.locator('[data-case-id="b-new-4"]').click({ modifiers: ['Shift'] });
  await expect(page.getByText('Label 4 selected cases')).toBeVisible();
  await page.keyboard.press('a');
  await expect.poll(async () => (await readCases(page)).filter((c) => c.id.startsWith('b-new') && c.truth.status === 'anomalous' && c.truth.source === 'hand').length).toBe(4);
  await page.keyboard.press('z');
  await expect.poll(async () => (await readCases(page)).filter((c) => c.id.startsWith('b-new') && c.truth.status === 'unlabelled').length).toBe(4);
});

test('filters show disagreements and errors; keys can be remapped but never to a clashing key', async ({ page }) => {
  await page.getByRole('tab', { name: /Disagreements/ }).click();
  await expect(page.locator('[data-case-id]')).toHaveCount(1);
  await expect(page.locator('[data-case-id="b-good-1"]')).toBeVisible();
  await page.getByRole('tab', { name: /Errors/ }).click();
  await expect(page.locator('[data-case-id="b-crack-1"]')).toBeVisible();

  await page.getByRole('button', { name: 'Keys…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.locator('li', { hasText: 'Label normal' }).getByRole('button', { name: 'Change' }).click();
  await page.keyboard.press('a');
  await expect(dialog.getByRole('alert')).toHaveText('“a” already does “Label anomalous”; change that one first or pick another key.');
  await page.keyboard.press('g');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await page.getByRole('tab', { name: /All/ }).click();
  await page.locator('[data-case-id="b-new-3"]').click();
  await page.keyboard.press('g');
  await expect.poll(async () => (await readCases(page)).find((c) => c.id === 'b-new-3')!.truth.status).toBe('normal');
});

test('export → import round-trips labels exactly', async ({ page }) => {
  // Hand-label a few cases so sources and times vary.
  await page.locator('[data-case-id="b-new-1"]').click();
  await page.keyboard.press('e');
  await page.keyboard.type('hairline, "near" rim, 2 mm');
  await page.keyboard.press('Enter');
  await page.keyboard.press('a');
  await expect.poll(async () => (await readCases(page)).find((c) => c.id === 'b-new-1')!.truth.note).toBe('hairline, "near" rim, 2 mm');
  const before = (await readCases(page)).map((c) => [c.id, c.truth]);

  for (const format of ['Results + labels (CSV)', 'Results + labels (JSON)']) {
    await page.getByRole('button', { name: 'Export / import…' }).click();
    const dl = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: new RegExp(format.replace(/[()+]/g, '\\$&')) }).click();
    const file = await (await dl).path();

    // Overwrite labels, then import the file back.
    await page.locator('[data-case-id="b-good-1"]').click();
    await page.locator('[data-case-id="b-new-4"]').click({ modifiers: ['Shift'] });
    await page.keyboard.press('u');
    await expect.poll(async () => (await readCases(page)).filter((c) => c.truth.status === 'unsure').length).toBeGreaterThan(4);
    await page.getByTestId('import-labels-input').setInputFiles(file);
    await expect(page.getByRole('status').filter({ hasText: /Imported 8 labels/ })).toBeVisible();
    await expect.poll(async () => (await readCases(page)).filter((c) => c.role === 'test').map((c) => [c.id, c.truth])).toEqual(before.filter(([id]) => id !== 'b-ref-1'));
  }
});
