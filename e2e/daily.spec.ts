import { expect, test, type Page } from '@playwright/test';
import { setupBatch } from './support/run-fixtures';
import { openApp, readStore, seed, type SeedCase } from './support/seed-project';
import type { Result, Run } from '../src/core/model';

// The daily path at the two window sizes engineers use: the sample project end to end, a batch
// whose answers fail, and the compare matrix. Screenshots: `SCREENSHOT_DIR=/tmp/x npx playwright test e2e/daily.spec.ts`.
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];
const SHOTS = process.env.SCREENSHOT_DIR;
const VIEWS = ['Library', 'Prompts', 'Runs', 'Review', 'Compare', 'Metrics', 'Share', 'Settings'];

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${page.viewportSize()!.width}.png` });
}

/** Neither the page nor any panel in it scrolls sideways (strips of frames may, inside themselves). */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const wide = await page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page ${document.documentElement.scrollWidth}px`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest('[role=listbox], [data-scroll-x]') || el.offsetParent === null) continue;
      const ox = getComputedStyle(el).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 2) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join('.')} ${el.scrollWidth}>${el.clientWidth}px`);
    }
    return out;
  });
  expect(wide, `${where} scrolls sideways`).toEqual([]);
}

/** Pixels of the bolt's orange (the sample's loose bolt) in the image shown large. */
async function boltPixels(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const img = document.querySelector<HTMLImageElement>('[data-testid=zoom-pan] img');
    if (!img) return -1;
    await img.decode();
    const c = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 150 && d[i + 1] > 80 && d[i + 1] < 150 && d[i + 2] < 90) n++;
    return n;
  });
}

async function selectedText(page: Page, label: string) {
  return page.getByLabel(label, { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
}

async function pickOption(page: Page, label: string, match: RegExp) {
  const sel = page.getByLabel(label, { exact: true });
  const value = await sel.evaluate((s: HTMLSelectElement, src) => [...s.options].find((o) => new RegExp(src).test(o.textContent ?? ''))?.value, match.source);
  expect(value, `an option matching ${match} in ${label}`).toBeTruthy();
  await sel.selectOption(value!);
}

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the sample project: real previews, a video stepped to its defect, prompts that meet their class, and no view wider than the window', async ({ page }) => {
      test.setTimeout(180_000);
      await page.goto('/');
      await page.getByRole('button', { name: 'Load sample project' }).click();
      await expect(page.getByText('60 cases', { exact: true })).toBeVisible({ timeout: 60_000 });

      // Point clouds and videos get a rendered preview, not the labelled placeholder.
      await expect
        .poll(async () => {
          const assets = await readStore<{ id: string; kind: string }>(page, 'assets');
          const thumbs = await readStore<{ id: string; placeholder?: boolean }>(page, 'thumbs');
          const media = assets.filter((a) => a.kind !== 'image');
          return media.length > 0 && media.every((a) => thumbs.some((t) => t.id === a.id && !t.placeholder));
        }, { timeout: 90_000 })
        .toBe(true);
      // The README picture: the sample in the library with rendered previews, the video with the loose bolt open.
      await page.locator('[data-case-id]', { hasText: 'foreign-object-01' }).first().click();
      await page.waitForTimeout(2500);
      await shot(page, 'library');

      for (const view of VIEWS) {
        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: true }).click();
        await page.waitForTimeout(400);
        await expectNoSidewaysScroll(page, view);
      }

      // Review: the video with the loose bolt steps from its first frame to one where the bolt shows.
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Review', exact: true }).click();
      await page.getByLabel('Class', { exact: true }).selectOption('conveyor');
      await page.locator('[data-case-id]', { hasText: 'foreign-object-01' }).first().click();
      await expect(page.getByTestId('case-image-position')).toHaveText(/^1 \/ \d+$/, { timeout: 30_000 });
      expect(await boltPixels(page)).toBe(0);
      let seen = 0;
      for (let i = 0; i < 12 && seen < 20; i++) {
        await page.keyboard.press('.');
        await expect(page.getByTestId('case-image-position')).toHaveText(new RegExp(`^${i + 2} /`));
        seen = await boltPixels(page);
      }
      expect(seen).toBeGreaterThanOrEqual(20);
      await expect(page.getByTestId('case-image-caption')).toContainText('frame');
      await shot(page, 'review-video');
      await expectNoSidewaysScroll(page, 'Review with a video');

      // One case: the prompt follows the case's class.
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Runs', exact: true }).click();
      await page.getByRole('tab', { name: 'One case' }).click();
      await pickOption(page, 'Case', /^washer · .*good-01/);
      await expect.poll(() => selectedText(page, 'Prompt')).toBe('Washer inspection');
      await pickOption(page, 'Case', /^conveyor · .*foreign-object-01/);
      await expect.poll(() => selectedText(page, 'Prompt')).toBe('Conveyor video inspection');
      await shot(page, 'one-case');

      // Batch: the prompt's class, and the other classes left out by default.
      await page.getByRole('tab', { name: 'Batch' }).click();
      await pickOption(page, 'Batch prompt', /^Fabric inspection$/);
      await page.getByRole('radio', { name: /^All/ }).click();
      await expect(page.getByTestId('batch-left-out')).toContainText('written for fabric');
      await expect(page.getByRole('button', { name: /^Run 11 calls$/ })).toBeVisible();
      await page.getByRole('radio', { name: 'Class' }).click();
      await expect.poll(() => selectedText(page, 'Class to run')).toBe('fabric');
      await shot(page, 'batch');

      // The request preview follows the prompt being edited.
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Prompts', exact: true }).click();
      await page.getByRole('navigation', { name: 'Prompts' }).getByRole('button', { name: 'Circuit board inspection' }).click();
      await expect.poll(() => selectedText(page, 'Preview case')).toMatch(/^pcb · /);
      await expect(page.getByTestId('preview-fit')).toHaveCount(0);
      await shot(page, 'prompts');
      await expectNoSidewaysScroll(page, 'Prompts');
    });

    test('a batch of unparsed answers reads as failed, with links to its answers in Review and Metrics', async ({ page }) => {
      await setupBatch(page, 6, { queue: Array.from({ length: 6 }, () => 'answer-unparseable') });
      await page.getByRole('button', { name: /^Run 6 calls/ }).click();
      const row = page.getByTestId('batch-run').first();
      await expect(row).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
      await expect(row).toHaveAttribute('data-health', 'failed');
      await expect(row.getByTestId('count-unparsed')).toHaveText('6 unparsed');
      await expect(row.getByTestId('count-ok')).toHaveText('0 with a verdict');
      await expect(row).toContainText('done · 6 without a verdict');
      await shot(page, 'batch-unparsed');
      await expectNoSidewaysScroll(page, 'Batch');
      const runId = await row.getAttribute('data-run-id');
      await row.getByRole('button', { name: 'Review' }).click();
      await expect(page.getByTestId('labeling-view')).toBeVisible();
      await expect(page.getByLabel('Run', { exact: true })).toHaveValue(runId!);
      await expect(page.locator('[data-case-id]').filter({ hasText: 'unparsed' }).first()).toBeVisible();
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Runs', exact: true }).click();
      await page.getByTestId('batch-run').first().getByRole('button', { name: 'Metrics' }).click();
      await expect(page.getByTestId('metrics-view')).toBeVisible();
      await expect(page.getByRole('checkbox', { name: /^Compare Bottle check v1 · all \(6\)/ })).toBeChecked();
    });

    test('the matrix lists cases × runs, marks answers against the label and filters to disagreements', async ({ page }) => {
      const cases: SeedCase[] = Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, className: i < 3 ? 'bottle' : 'cable', defect: i % 2 === 1, truth: { status: i % 2 ? 'anomalous' : 'normal', source: 'folder', at: 1 } }));
      const run = (id: string, model: string, createdAt: number): Run => ({ id, name: 'Bottle check v2 · all (6)', detector: 'vlm', promptVersionId: 'pv', provider: { presetId: 'custom', baseURL: 'http://x', model }, params: {}, caseIds: cases.map((c) => c.id), repeat: 1, status: 'done', createdAt });
      const answer = (runId: string, caseId: string, verdict: 'normal' | 'anomalous', score: number): Result => ({ id: `${runId}:${caseId}:0`, runId, caseId, rep: 0, status: 'ok', verdict, score, scoreSource: 'confidence', reasoning: `${runId} on ${caseId}: ${verdict}.`, createdAt: 1 });
      // Run A is right everywhere; run B calls c2 anomalous and misses c5.
      const results = [
        ...cases.map((c, i) => answer('run-a', c.id, i % 2 ? 'anomalous' : 'normal', i % 2 ? 0.9 - i / 100 : 0.1 + i / 100)),
        ...cases.map((c, i) => answer('run-b', c.id, c.id === 'c2' ? 'anomalous' : c.id === 'c5' ? 'normal' : i % 2 ? 'anomalous' : 'normal', c.id === 'c2' ? 0.95 : 0.5)),
      ];
      await openApp(page, 'compare');
      await seed(page, { cases, runs: [run('run-a', 'gpt-4o', 2), run('run-b', 'qwen2.5-vl', 1)], results });
      await expect(page.getByTestId('matrix-row')).toHaveCount(6);
      await expect(page.getByTestId('matrix-column')).toHaveCount(2);
      // Runs that differ only by model read differently.
      await expect(page.getByTestId('matrix-column').nth(0)).toContainText('gpt-4o');
      await expect(page.getByTestId('matrix-column').nth(1)).toContainText('qwen2.5-vl');
      await expect(page.locator('[data-testid=matrix-cell][data-wrong]')).toHaveCount(2);
      await page.getByRole('tab', { name: /Runs disagree/ }).click();
      await expect(page.getByTestId('matrix-row')).toHaveCount(2);
      await expect(page.locator('[data-testid=matrix-row][data-case-id=c2]')).toBeVisible();
      await expect(page.locator('[data-testid=matrix-row][data-case-id=c5]')).toBeVisible();
      // Two cells side by side.
      const row = page.locator('[data-testid=matrix-row][data-case-id=c2]');
      await row.getByTestId('matrix-cell').nth(0).click();
      await row.getByTestId('matrix-cell').nth(1).click();
      await expect(page.getByTestId('cell-reasoning')).toHaveCount(2);
      await expect(page.getByTestId('cell-reasoning').nth(0)).toContainText('run-a on c2: normal.');
      await expect(page.getByTestId('cell-reasoning').nth(1)).toContainText('run-b on c2: anomalous.');
      // Sorted by the second run's score, c2 (0.95) comes first.
      await page.getByRole('tab', { name: /All cases/ }).click();
      await pickOption(page, 'Sort', /qwen2\.5-vl/);
      await expect(page.getByTestId('matrix-row').first()).toHaveAttribute('data-case-id', 'c2');
      await shot(page, 'compare');
      await expectNoSidewaysScroll(page, 'Compare');
    });
  });
}
