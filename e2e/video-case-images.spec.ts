import { expect, test } from '@playwright/test';
import { startVideoHarness } from './support/video-harness-server';
import type { VideoHarness } from './harness/video-harness';

// The images a video case gives the model: captions, contact-sheet order and times, cache, determinism.

let harness: Awaited<ReturnType<typeof startVideoHarness>>;
test.beforeAll(async () => {
  harness = await startVideoHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

type H = { videoHarness: VideoHarness };

test('a sequence plan gives captioned frames and a contact sheet tiles them in order; both render identically twice', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.locator('body[data-ready=yes]')).toBeAttached({ timeout: 60_000 });
  const r = await page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    // 8 colours, 4 frames each at 8 fps: frame i has colour PALETTE[floor(i / 4)].
    const colours = Array.from({ length: 32 }, (_, i) => h.PALETTE[Math.floor(i / 4)]);
    const blob = await h.makeSolidVideo({ colours, fps: 8, width: 320, height: 180, codec: 'vp9', container: 'webm' });
    const caseId = await h.seedVideoCase(blob, 'belt.webm');
    await h.setSpec(caseId, { plan: { kind: 'uniform', count: 4 }, representation: 'sequence', maxSidePx: 256 });
    const seq = await h.caseImages(caseId, [[0.5, 0.5]]);
    await h.setSpec(caseId, { plan: { kind: 'uniform', count: 8 }, representation: 'contact-sheet', maxSidePx: 768 });
    const sheet1 = await h.caseImages(caseId);
    await h.clearRenders();
    const sheet2 = await h.caseImages(caseId);
    return { seq, sheet1, sheet2, palette: h.PALETTE };
  });
  expect(r.seq.ok).toBe(true);
  if (!r.seq.ok || !r.sheet1.ok || !r.sheet2.ok) throw new Error(JSON.stringify(r));
  expect(r.seq.images.map((i) => i.caption)).toEqual(['frame 0, t = 0.00 s', 'frame 10, t = 1.25 s', 'frame 21, t = 2.625 s', 'frame 31, t = 3.875 s']);
  expect(r.seq.images[0].width).toBe(256);
  for (const im of r.seq.images) {
    const idx = im.meta!.frameIndex as number;
    const want = r.palette[Math.floor(idx / 4)];
    expect(im.colours[0].every((v, k) => Math.abs(v - want[k]) < 40), `frame ${idx}: ${im.colours[0]} vs ${want}`).toBe(true);
  }
  const sheet = r.sheet1.images;
  expect(sheet).toHaveLength(1);
  const meta = sheet[0].meta as { cols: number; rows: number; frames: { frameIndex: number; timestampS: number }[] };
  expect([meta.cols, meta.rows]).toEqual([3, 3]);
  expect(meta.frames.map((f) => f.frameIndex)).toEqual([0, 4, 9, 13, 18, 22, 27, 31]);
  expect(sheet[0].caption).toContain('frame 13, t = 1.625 s');
  // Identical input, identical bytes, even when drawn again from scratch.
  expect(r.sheet2.images[0].hash).toBe(sheet[0].hash);
});

test('each tile of the contact sheet shows its own frame', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.locator('body[data-ready=yes]')).toBeAttached({ timeout: 60_000 });
  const r = await page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    const colours = h.PALETTE.slice(0, 4);
    const blob = await h.makeSolidVideo({ colours, fps: 2, width: 320, height: 180, codec: 'vp9', container: 'webm' });
    const caseId = await h.seedVideoCase(blob, 'four.webm');
    await h.setSpec(caseId, { plan: { kind: 'uniform', count: 4 }, representation: 'contact-sheet', maxSidePx: 768 });
    // 2×2 grid: sample the upper middle of each tile (above the label band).
    return { res: await h.caseImages(caseId, [[0.25, 0.2], [0.75, 0.2], [0.25, 0.7], [0.75, 0.7]]), colours };
  });
  if (!r.res.ok) throw new Error(r.res.error);
  const im = r.res.images[0];
  expect(im.colours.map((c, i) => c.every((v, k) => Math.abs(v - r.colours[i][k]) < 40))).toEqual([true, true, true, true]);
});

// The fast key-frame preview is labelled as approximate in the case view, and a run never uses it.
test('the key-frame preview says it is approximate, and the images a run sends are the exact planned frames', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.locator('body[data-ready=yes]')).toBeAttached({ timeout: 60_000 });
  // 60 frames at 10 fps, key frames every 2 s (frames 0, 20, 40); frame i has colour PALETTE[floor(i / 10)].
  const caseId = await page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    const colours = Array.from({ length: 60 }, (_, i) => h.PALETTE[Math.floor(i / 10)]);
    const blob = await h.makeSolidVideo({ colours, fps: 10, width: 320, height: 180, codec: 'vp9', container: 'webm', keyFrameIntervalS: 2 });
    const id = await h.seedVideoCase(blob, 'line.webm');
    await h.setSpec(id, { plan: { kind: 'uniform', count: 5 }, representation: 'sequence', maxSidePx: 256 });
    return id;
  });
  await page.evaluate((id) => (window as unknown as H).videoHarness.mountCase(id), caseId);
  const exactCaptions = ['frame 0, t = 0.00 s', 'frame 15, t = 1.50 s', 'frame 30, t = 3.00 s', 'frame 44, t = 4.40 s', 'frame 59, t = 5.90 s'];
  await expect(page.getByTestId('prompt-caption')).toHaveText(exactCaptions, { timeout: 30_000 });
  await expect(page.getByTestId('approx-label')).toHaveCount(0);

  await page.getByTestId('fast-preview').check();
  await expect(page.getByTestId('approx-label')).toHaveText('≈ key frames, fast preview');
  await expect(page.getByText('A run sends the exact frames')).toBeVisible();
  await expect(page.getByTestId('preview-caption')).toHaveText(
    ['frame 0, t = 0.00 s', '≈ frame 15: key frame 20, t = 2.00 s', '≈ frame 30: key frame 20, t = 2.00 s', '≈ frame 44: key frame 40, t = 4.00 s', '≈ frame 59: key frame 40, t = 4.00 s'],
    { timeout: 30_000 },
  );
  await page.screenshot({ path: '/tmp/video-fast-preview.png' });

  // What a run reads while the preview is on: the exact frames, each with its own colour.
  const run = await page.evaluate(async (id) => {
    const h = (window as unknown as H).videoHarness;
    await h.clearRenders();
    return { res: await h.caseImages(id, [[0.5, 0.5]]), palette: h.PALETTE };
  }, caseId);
  if (!run.res.ok) throw new Error(run.res.error);
  expect(run.res.images.map((i) => i.caption)).toEqual(exactCaptions);
  for (const im of run.res.images) {
    const want = run.palette[Math.floor((im.meta!.frameIndex as number) / 10)];
    expect(im.colours[0].every((v, k) => Math.abs(v - want[k]) < 40), `frame ${String(im.meta!.frameIndex)}: ${im.colours[0]} vs ${want}`).toBe(true);
  }

  // A spec saved by an older version with "prefer key frames" still runs on the exact frames.
  const old = await page.evaluate(async (id) => {
    const h = (window as unknown as H).videoHarness;
    await h.setSpec(id, { plan: { kind: 'uniform', count: 5, preferKeyFrames: true } as never, representation: 'sequence', maxSidePx: 256 });
    return h.caseImages(id);
  }, caseId);
  if (!old.ok) throw new Error(old.error);
  expect(old.images.map((i) => i.caption)).toEqual(exactCaptions);
});
