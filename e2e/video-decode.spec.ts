import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR } from './support/env';
import { startVideoHarness } from './support/video-harness-server';
import type { VideoHarness } from './harness/video-harness';

// Exact frames: videos made in the page with a known colour per frame, then every corpus video.

let harness: Awaited<ReturnType<typeof startVideoHarness>>;
test.beforeAll(async () => {
  harness = await startVideoHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

// The corpus sits beside the repository; a worktree is one level deeper than the main checkout.
const VIDEO_DIR = [join(CORPUS_DIR, 'video'), fileURLToPath(new URL('../../../shared/corpus/video', import.meta.url))].find((d) => existsSync(d)) ?? join(CORPUS_DIR, 'video');

async function openHarness(page: Page) {
  await page.route('**/corpus/**', async (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^.*\/corpus\//, ''));
    await route.fulfill({ body: readFileSync(join(VIDEO_DIR, rel)) });
  });
  await page.goto(harness.url);
  await expect(page.locator('body[data-ready=yes]')).toBeAttached({ timeout: 60_000 });
}

type H = { videoHarness: VideoHarness };

const close = (a: number[], b: number[], tol = 40) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

for (const spec of [
  { codec: 'vp9', container: 'webm' },
  { codec: 'vp8', container: 'webm' },
  { codec: 'avc', container: 'mp4' },
  { codec: 'av1', container: 'mp4' },
] as const) {
  test(`frames sampled from a generated ${spec.codec} ${spec.container} have the colour and time of the frame the decoder reports`, async ({ page }) => {
    await openHarness(page);
    const supported = await page.evaluate(async (codec) => {
      const strings: Record<string, string> = { vp9: 'vp09.00.10.08', vp8: 'vp8', avc: 'avc1.42001f', av1: 'av01.0.04M.08' };
      const r = await VideoEncoder.isConfigSupported({ codec: strings[codec], width: 160, height: 96 }).catch(() => ({ supported: false }));
      return r.supported === true;
    }, spec.codec);
    test.skip(!supported, `this browser cannot encode ${spec.codec}`);
    const result = await page.evaluate(async (s) => {
      const h = (window as unknown as H).videoHarness;
      const fps = 12;
      const colours = Array.from({ length: 30 }, (_, i) => h.PALETTE[i % h.PALETTE.length]);
      const blob = await h.makeSolidVideo({ colours, fps, width: 160, height: 96, codec: s.codec, container: s.container });
      return { sampled: await h.sample(blob, `gen.${s.container}`, { kind: 'uniform', count: 8 }), palette: h.PALETTE, fps };
    }, spec);
    expect(result.sampled.ok, JSON.stringify(result.sampled)).toBe(true);
    if (!result.sampled.ok) return;
    const { probe, frames, picked } = result.sampled;
    expect(probe.frameCount).toBe(30);
    expect([probe.displayWidth, probe.displayHeight]).toEqual([160, 96]);
    expect(frames.map((f) => f.index)).toEqual(picked.map((p) => p.index));
    expect(frames.map((f) => f.index)).toEqual([0, 4, 8, 12, 17, 21, 25, 29]);
    for (const f of frames) {
      expect(f.timestampS).toBeCloseTo(f.index / result.fps, 3);
      const want = result.palette[f.index % result.palette.length];
      expect(close(f.centre, want), `frame ${f.index}: got ${f.centre}, want ${want}`).toBe(true);
    }
  });
}

test('asking an open video for frames again (decoders reused) gives the same pictures', async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    const colours = Array.from({ length: 24 }, (_, i) => h.PALETTE[i % h.PALETTE.length]);
    const blob = await h.makeSolidVideo({ colours, fps: 4, width: 160, height: 96, codec: 'vp9', container: 'webm' });
    // Spread over more than 4 s, so two decoders share the work.
    const first = [0, 1.25, 2.5, 3.75, 5];
    const second = [0.25, 0.5, 0.75, 1, 5.25, 5.5];
    return { rounds: await h.sampleTwice(blob, first, second), idx: [first.map((t) => t * 4), second.map((t) => t * 4)], palette: h.PALETTE };
  });
  r.rounds.forEach((round, k) =>
    round.forEach((c, i) => {
      const want = r.palette[r.idx[k][i] % r.palette.length];
      expect(c && close(c, want), `round ${k + 1}, frame ${r.idx[k][i]}: ${c} vs ${want}`).toBe(true);
    }),
  );
});

test('frames streamed while a request runs are the ones it resolves with; a request gone stale closes what it streamed', async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    const colours = Array.from({ length: 160 }, (_, i) => h.PALETTE[i % h.PALETTE.length]);
    const blob = await h.makeSolidVideo({ colours, fps: 4, width: 160, height: 96, codec: 'vp9', container: 'webm' });
    // The request that goes stale asks for every frame, so the newer one arrives long before it ends.
    return { ...(await h.streamed(blob, [0, 1, 2.5, 4, 5.75], Array.from({ length: 160 }, (_, i) => i / 4))), palette: h.PALETTE };
  });
  const idx = [0, 4, 10, 16, 23];
  // Every frame was seen before the request resolved, each at its own place, with its own colour.
  expect(r.seen.map((s) => s.i).sort()).toEqual([0, 1, 2, 3, 4]);
  expect(r.seen.every((s) => !s.settled)).toBe(true);
  for (const s of r.seen) {
    const want = r.palette[idx[s.i] % r.palette.length];
    expect(close(s.centre, want), `streamed frame ${idx[s.i]}: ${s.centre} vs ${want}`).toBe(true);
  }
  expect(r.sameObjects).toBe(true);
  r.resolved.forEach((c, i) => expect(c && close(c, r.palette[idx[i] % r.palette.length]), `frame ${idx[i]}`).toBe(true));
  // The request overtaken on its channel went stale; what it had streamed is closed, and the newer one got its frame.
  expect(r.firstResult).toBe('stale');
  expect(r.staleShown).toBeGreaterThan(0);
  expect(r.closedAfterStale.every(Boolean)).toBe(true);
  expect(r.secondOk).toBe(true);
});

test('crop and mask rectangles apply to the decoded frames', async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    const blob = await h.makeSolidVideo({ colours: Array.from({ length: 6 }, () => [240, 240, 240] as [number, number, number]), fps: 6, width: 200, height: 100, codec: 'vp9', container: 'webm' });
    const crop = await h.sample(blob, 'c.webm', { kind: 'uniform', count: 2 }, 256, { mode: 'crop', rect: { x: 0, y: 0, w: 0.5, h: 0.5 } });
    const mask = await h.sample(blob, 'm.webm', { kind: 'uniform', count: 2 }, 256, { mode: 'mask', rect: { x: 0.5, y: 0, w: 0.5, h: 0.5 } });
    return { crop, mask };
  });
  expect(r.crop.ok && r.mask.ok).toBe(true);
  if (!r.crop.ok || !r.mask.ok) return;
  expect([r.crop.frames[0].width, r.crop.frames[0].height]).toEqual([100, 50]);
  expect([r.mask.frames[0].width, r.mask.frames[0].height]).toEqual([200, 100]);
  const [tl, tr] = r.mask.frames[0].quarters;
  expect(tl[0]).toBeGreaterThan(200);
  expect(tr[0]).toBeLessThan(20);
});

test('a damaged file gives a sentence and the page stays responsive', async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = (window as unknown as H).videoHarness;
    const blob = await h.makeSolidVideo({ colours: Array.from({ length: 24 }, (_, i) => h.PALETTE[i % 8]), fps: 12, width: 160, height: 96, codec: 'vp9', container: 'webm' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    // Keep the header, scramble the rest.
    for (let i = 300; i < bytes.length; i++) bytes[i] = (bytes[i] * 31 + i) & 0xff;
    const garbled = await h.sample(new Blob([bytes]), 'garbled.webm', { kind: 'uniform', count: 4 });
    const noise = await h.sample(new Blob([new Uint8Array(5000).map((_, i) => (i * 7919) & 0xff)]), 'noise.mp4', { kind: 'uniform', count: 4 });
    return { garbled, noise };
  });
  expect(r.noise.ok).toBe(false);
  if (!r.noise.ok) expect(r.noise.error).toMatch(/"noise\.mp4" could not be read as a video/);
  if (!r.garbled.ok) expect(r.garbled.error).toMatch(/garbled\.webm/);
  else expect(r.garbled.frames.length).toBeLessThanOrEqual(4);
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
});

interface CorpusExpectation {
  ok: boolean;
  display?: [number, number];
  frames?: number;
  rotation?: number;
  errorMatch?: RegExp;
}

const EXPECTED: Record<string, CorpusExpectation> = {
  'mediabunny_video.mp4': { ok: true, display: [1920, 1080] },
  'mediabunny_frames.webm': { ok: true, display: [1080, 1080] },
  'ts-ebml_chrome57_mediarecorder_vp8.webm': { ok: true, display: [640, 480] },
  'mp4parse_tiny_av1.mp4': { ok: true, display: [64, 64], frames: 1 },
  'edge/mediabunny_rotate-buck-bunny.mp4': { ok: true, display: [1080, 1920] },
  'edge/mediabunny_sar_2x1.mp4': { ok: true, display: [1280, 360] },
  'edge/mediabunny_vp9-alpha-padded-width.webm': { ok: true, display: [1440, 1080], frames: 1 },
  'edge/mediabunny_video-h265.mp4': { ok: false, errorMatch: /HEVC \(H\.265\).*cannot decode.*ffmpeg -i in\.mp4 -c:v libx264 -pix_fmt yuv420p out\.mp4/ },
  'edge/ffmpegwasm_playground-how-to_h264-in-webm.webm': { ok: true, display: [1920, 882] },
};

function corpusFiles(): string[] {
  if (!existsSync(VIDEO_DIR)) return [];
  const top = readdirSync(VIDEO_DIR).filter((f) => /\.(mp4|webm|mov|mkv)$/i.test(f));
  const edge = existsSync(join(VIDEO_DIR, 'edge')) ? readdirSync(join(VIDEO_DIR, 'edge')).filter((f) => /\.(mp4|webm|mov|mkv)$/i.test(f)).map((f) => `edge/${f}`) : [];
  return [...top, ...edge];
}

test('every corpus video opens with exact frames, or gives the expected sentence', async ({ page }) => {
  const files = corpusFiles();
  if (files.length === 0) {
    console.log(`note: ${VIDEO_DIR} is absent; corpus checks skipped`);
    test.skip();
  }
  test.setTimeout(240_000);
  await openHarness(page);
  for (const file of files) {
    const want = EXPECTED[file] ?? { ok: true };
    const r = await page.evaluate(
      async ([f]) => {
        const h = (window as unknown as H).videoHarness;
        const blob = await h.fetchBlob(`/corpus/${f}`);
        return h.sample(blob, f.split('/').pop()!, { kind: 'uniform', count: 4 }, 512);
      },
      [file],
    );
    console.log(`${file}: ${r.ok ? `${r.probe.codec} ${r.probe.displayWidth}x${r.probe.displayHeight} rot ${r.probe.rotation} ${r.probe.frameCount} frames, ${r.probe.durationS.toFixed(2)} s` : r.error}`);
    expect(r.ok, `${file}: ${JSON.stringify(r).slice(0, 400)}`).toBe(want.ok);
    if (!r.ok) {
      if (want.errorMatch) expect(r.error).toMatch(want.errorMatch);
      continue;
    }
    const { probe, frames, picked } = r;
    if (want.display) expect([probe.displayWidth, probe.displayHeight], file).toEqual(want.display);
    if (want.frames) expect(probe.frameCount, file).toBe(want.frames);
    expect(probe.durationS, file).toBeGreaterThan(0);
    expect(frames.length, file).toBe(picked.length);
    // Every decoded frame is the frame the plan asked for, with the aspect of the displayed video.
    expect(frames.map((f) => f.index), file).toEqual(picked.map((p) => p.index));
    for (const f of frames) {
      expect(f.timestampS, file).toBeCloseTo(picked.find((p) => p.index === f.index)!.timestampS, 3);
      expect(Math.abs(f.width / f.height - probe.displayWidth / probe.displayHeight), `${file} aspect`).toBeLessThan(0.02);
    }
  }
});

test("frames converted from the decoder's planes (scaled or cropped) have the colours the browser gives the whole frame", async ({ page }) => {
  const files = ['mediabunny_video.mp4', 'mediabunny_frames.webm', 'ts-ebml_chrome57_mediarecorder_vp8.webm'].filter((f) => existsSync(join(VIDEO_DIR, f)));
  test.skip(files.length === 0, `${VIDEO_DIR} is absent`);
  await openHarness(page);
  for (const file of files) {
    const r = await page.evaluate(async (f) => {
      const h = (window as unknown as H).videoHarness;
      return h.conversionAgreement(await h.fetchBlob(`/corpus/${f}`), f);
    }, file);
    console.log(`${file}: ${JSON.stringify(r)}`);
    // Whole frames come as RGBA from the browser; scaled and cropped ones from the planes (no bitmap).
    expect(r.kinds, file).toEqual(['rgba', 'rgba', 'rgba']);
    expect(r.cropMeanDiff, file).toBeLessThan(1);
    expect(r.cropP99Diff, file).toBeLessThanOrEqual(3);
    expect(r.cellDiff, file).toBeLessThan(4);
  }
});

test('the built app ships a video worker that opens and decodes a video', async ({ page, baseURL }) => {
  const dist = fileURLToPath(new URL('../dist/assets/', import.meta.url));
  const worker = existsSync(dist) ? readdirSync(dist).find((f) => /^video\.worker-.*\.js$/.test(f)) : undefined;
  test.skip(!worker, 'no production build with a video worker (run `npx vite build` first)');
  await page.goto(baseURL!);
  const r = await page.evaluate(async (url) => {
    const w = new Worker(url, { type: 'module' });
    const ask = (msg: unknown) =>
      new Promise<Record<string, unknown>>((res) => {
        w.onmessage = (e) => res(e.data);
        w.postMessage(msg);
      });
    // The built page has no fixture builder; a MediaRecorder capture of a canvas is a real WebM.
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const ctx = canvas.getContext('2d')!;
    const rec = new MediaRecorder(canvas.captureStream(10), { mimeType: 'video/webm;codecs=vp8' });
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    rec.start();
    for (let i = 0; i < 8; i++) {
      ctx.fillStyle = i % 2 ? '#f00' : '#00f';
      ctx.fillRect(0, 0, 64, 48);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise<void>((res) => {
      rec.onstop = () => res();
      rec.stop();
    });
    const blob = new Blob(chunks, { type: 'video/webm' });
    const opened = await ask({ op: 'open', rid: 1, sid: 's', blob, name: 'capture.webm' });
    const probe = opened.probe as { frames: { timestampS: number }[]; displayWidth: number } | undefined;
    if (!probe) return { opened };
    const frames = await ask({ op: 'frames', rid: 2, sid: 's', timestamps: [probe.frames[0].timestampS], maxSidePx: 64 });
    // A frame handed out at full size comes as RGBA bytes, a scaled one as a bitmap.
    const f = (frames.frames as ({ pixels: { bitmap?: ImageBitmap; width?: number } } | null)[])[0];
    return { width: probe.displayWidth, frameCount: probe.frames.length, decodedWidth: f?.pixels.bitmap?.width ?? f?.pixels.width };
  }, `/assets/${worker}`);
  expect(r).toMatchObject({ width: 64, decodedWidth: 64 });
});
