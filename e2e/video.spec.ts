import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR } from './support/env';
import { startVideoHarness } from './support/video-harness-server';
import type { VideoHarness } from './harness/video-harness';

// The video case view, mounted through the registered case viewer on a test page whose storage
// is seeded the way ingest stores a dropped file (asset + blob + case).

let harness: Awaited<ReturnType<typeof startVideoHarness>>;
test.beforeAll(async () => {
  harness = await startVideoHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

type H = { videoHarness: VideoHarness };
const HEVC = [join(CORPUS_DIR, 'video/edge/mediabunny_video-h265.mp4'), fileURLToPath(new URL('../../../shared/corpus/video/edge/mediabunny_video-h265.mp4', import.meta.url))].find((p) => existsSync(p));

async function open(page: Page) {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(harness.url);
  await expect(page.locator('body[data-ready=yes]')).toBeAttached({ timeout: 60_000 });
}

/** 6 s at 10 fps, one colour per second, the frame number drawn on each frame. */
async function seedBelt(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    const colours = Array.from({ length: 60 }, (_, i) => h.PALETTE[Math.floor(i / 10)]);
    const blob = await h.makeSolidVideo({ colours, fps: 10, width: 480, height: 270, codec: 'vp9', container: 'webm', label: true });
    return h.seedVideoCase(blob, 'conveyor-belt.webm', 'belt');
  });
}

test('a WebM case shows its strip, steps frame by frame with keys, and 8 sampled frames become a contact sheet with their times', async ({ page }) => {
  await open(page);
  const caseId = await seedBelt(page);
  await page.evaluate((id) => (window as unknown as H).videoHarness.mountCase(id), caseId);

  const view = page.getByTestId('video-case-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('frame-readout')).toHaveText('frame 0 / 59 · t = 0.00 s');
  await expect(page.getByTestId('frame-strip').locator('button[data-frame]').first()).toBeVisible();
  await expect(page.getByTestId('frame-strip').locator('button[data-frame="5"]')).toBeVisible();
  await expect(page.getByText('pick frame')).toBeVisible();

  await view.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('frame-readout')).toHaveText('frame 3 / 59 · t = 0.30 s');
  await expect(page.getByTestId('main-frame')).toHaveAttribute('data-frame', '3');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('frame-readout')).toHaveText('frame 13 / 59 · t = 1.30 s');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('frame-readout')).toHaveText('frame 12 / 59 · t = 1.20 s');

  // Default plan: 8 evenly spaced frames as separate images.
  await expect(page.getByTestId('prompt-caption')).toHaveCount(8);
  await expect(page.getByTestId('prompt-caption').first()).toHaveText('frame 0, t = 0.00 s');
  await expect(page.getByTestId('prompt-caption').last()).toHaveText('frame 59, t = 5.90 s');
  await page.screenshot({ path: '/tmp/video-view-sequence.png' });

  await page.getByRole('radio', { name: 'One contact sheet' }).click();
  await expect(page.getByTestId('prompt-caption')).toHaveText(['contact sheet 3×3 · 8 frames']);
  await expect(page.getByTestId('prompt-image')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/video-view-sheet.png' });

  const sheet = await page.evaluate((id) => (window as unknown as H).videoHarness.caseImages(id, [[1 / 6, 0.1], [0.5, 0.1], [5 / 6, 0.1]]), caseId);
  if (!sheet.ok) throw new Error(sheet.error);
  const meta = sheet.images[0].meta as { frames: { frameIndex: number; timestampS: number }[] };
  expect(meta.frames.map((f) => [f.frameIndex, f.timestampS])).toEqual([
    [0, 0],
    [8, 0.8],
    [17, 1.7],
    [25, 2.5],
    [34, 3.4],
    [42, 4.2],
    [51, 5.1],
    [59, 5.9],
  ]);
  expect(sheet.images[0].caption).toContain('frame 25, t = 2.50 s');
  // First row of tiles: frames 0, 8, 17 → colours of seconds 0, 0, 1.
  const palette = await page.evaluate(() => (window as unknown as H).videoHarness.PALETTE);
  const want = [palette[0], palette[0], palette[1]];
  sheet.images[0].colours.forEach((c, i) => expect(c.every((v, k) => Math.abs(v - want[i][k]) < 45), `tile ${i}: ${c} vs ${want[i]}`).toBe(true));
});

test('hand picks with a key, a mask rectangle, and windows with a verdict timeline', async ({ page }) => {
  await open(page);
  const caseId = await seedBelt(page);
  await page.evaluate((id) => (window as unknown as H).videoHarness.mountCase(id), caseId);
  const view = page.getByTestId('video-case-view');
  await expect(page.getByTestId('frame-readout')).toHaveText(/frame 0 \//);
  await view.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('p');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('p');
  await expect(page.getByLabel('Plan kind')).toHaveValue('hand');
  await expect(page.getByTestId('plan-summary')).toContainText('2 frames (#10, #30)');
  await expect(page.getByTestId('prompt-caption')).toHaveText(['frame 10, t = 1.00 s', 'frame 30, t = 3.00 s']);

  await page.getByRole('radio', { name: 'Mask out' }).click();
  await expect(page.getByText('masked', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: /Split into ≈3 windows/ }).click();
  const subs = await expect.poll(() => page.evaluate((id) => (window as unknown as H).videoHarness.subCaseIds(id), caseId)).toHaveLength(3).then(() => page.evaluate((id) => (window as unknown as H).videoHarness.subCaseIds(id), caseId));
  await page.evaluate(async (ids) => {
    const h = (window as unknown as H).videoHarness;
    await h.addResult(ids[0], 'normal', 1);
    await h.addResult(ids[1], 'anomalous', 2);
  }, subs);
  const timeline = page.getByTestId('window-timeline');
  await expect(timeline.locator('button')).toHaveCount(3);
  await expect(timeline.locator('button').nth(0)).toHaveAttribute('data-verdict', 'normal');
  await expect(timeline.locator('button').nth(1)).toHaveAttribute('data-verdict', 'anomalous');
  await expect(timeline.locator('button').nth(2)).toHaveAttribute('data-verdict', 'none');
  await page.screenshot({ path: '/tmp/video-view-windows.png' });

  // A window opens as its own case with frames from its window only.
  await page.evaluate((id) => (window as unknown as H).videoHarness.mountCase(id), subs[1]);
  await expect(page.getByTestId('frame-readout')).toHaveText('frame 20 / 59 · t = 2.00 s');
  await expect(page.getByTestId('prompt-caption')).toHaveText(['frame 30, t = 3.00 s']);
});

test('an HEVC video shows a sentence naming the codec and an ffmpeg way out, and the case keeps the error', async ({ page }) => {
  test.skip(!HEVC, 'the corpus HEVC file is absent');
  await open(page);
  await page.route('**/corpus/hevc.mp4', (r) => r.fulfill({ body: readFileSync(HEVC!) }));
  const caseId = await page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    return h.seedVideoCase(await h.fetchBlob('/corpus/hevc.mp4', 'video/mp4'), 'line-3.mp4');
  });
  await page.evaluate((id) => (window as unknown as H).videoHarness.mountCase(id), caseId);
  const err = page.getByTestId('video-error');
  await expect(err).toContainText('"line-3.mp4" uses HEVC (H.265), which this browser cannot decode');
  await expect(err.locator('code').first()).toHaveText('ffmpeg -i in.mp4 -c:v libx264 -pix_fmt yuv420p out.mp4');
  await page.screenshot({ path: '/tmp/video-view-hevc.png' });
  await expect.poll(async () => (await page.evaluate((id) => (window as unknown as H).videoHarness.caseRow(id), caseId))?.error).toMatch(/HEVC/);
});
