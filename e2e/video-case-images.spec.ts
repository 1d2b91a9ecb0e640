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
