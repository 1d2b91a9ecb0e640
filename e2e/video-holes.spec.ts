import { expect, test, type Page } from '@playwright/test';
import { startVideoHarness } from './support/video-harness-server';
import type { VideoHarness } from './harness/video-harness';

// A WebM whose middle third is zeroed: the demuxer skips the damage without an error, so the
// view must find the gap itself, say how long it is, and keep the frames' true numbers.

let harness: Awaited<ReturnType<typeof startVideoHarness>>;
test.beforeAll(async () => {
  harness = await startVideoHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

type H = { videoHarness: VideoHarness };

async function open(page: Page) {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(harness.url);
  await expect(page.locator('body[data-ready=yes]')).toBeAttached({ timeout: 60_000 });
}

test('a WebM with its middle third zeroed says which seconds could not be read and keeps true frame numbers', async ({ page }) => {
  await open(page);
  const caseId = await page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    // 12 s at 10 fps, one colour per second, the frame number drawn on each frame.
    const colours = Array.from({ length: 120 }, (_, i) => h.PALETTE[Math.floor(i / 10) % h.PALETTE.length]);
    const blob = await h.makeSolidVideo({ colours, fps: 10, width: 320, height: 180, codec: 'vp9', container: 'webm', label: true });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    bytes.fill(0, Math.floor(bytes.length / 3), Math.floor((bytes.length * 2) / 3));
    return h.seedVideoCase(new Blob([bytes], { type: 'video/webm' }), 'zeroed-middle.webm', 'belt');
  });
  await page.evaluate((id) => (window as unknown as H).videoHarness.mountCase(id), caseId);
  const view = page.getByTestId('video-case-view');
  await expect(view).toBeVisible({ timeout: 30_000 });
  const holes = page.getByTestId('video-holes');
  await expect(holes).toContainText(/"zeroed-middle\.webm": \d+\.\d s could not be read \(from \d+\.\d s to \d+\.\d s\)/);
  // The last frame is still frame 119 at 11.9 s, not the count of readable frames minus one.
  await view.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('frame-readout')).toHaveText('frame 119 / 119 · t = 11.90 s');
  // The slider's thumb stands where its time is: at the end.
  await expect(page.getByRole('slider', { name: 'Frame' })).toHaveValue(/^11\.9/);
});
