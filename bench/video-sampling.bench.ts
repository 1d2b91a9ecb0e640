/**
 * 16 evenly spaced frames from a 60 s 1080p video: the app's decoder (WebCodecs in a worker,
 * through mediabunny) against the baseline of seeking an HTML <video> 16 times and drawing it,
 * both in the same headless Chromium run. Then memory while scrubbing a 10-minute video.
 * Prints ms and ratios; never fails on time.
 */
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
// @ts-expect-error plain ESM helper without types
import { findBrowser } from '../scripts/find-browser.mjs';
import { startVideoHarness } from '../e2e/support/video-harness-server';
import type { VideoHarness } from '../e2e/harness/video-harness';

type H = { videoHarness: VideoHarness };
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader'];
const REPS = 5;
// Shorter runs while developing: BENCH_SECONDS=12.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Resident memory of the browser and all its child processes, in MB. */
function treeRssMB(rootPid: number): number {
  const rows = execSync('ps -eo pid=,ppid=,rss=').toString().trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const kids = new Map<number, number[]>();
  for (const [pid, ppid] of rows) kids.set(ppid, [...(kids.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , r]) => [pid, r]));
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    stack.push(...(kids.get(p) ?? []));
  }
  return total / 1024;
}

async function main() {
  const harness = await startVideoHarness();
  const server = await chromium.launchServer({ executablePath: process.env.CHROMIUM_PATH || findBrowser(), args: ARGS });
  const browser = await chromium.connect(server.wsEndpoint());
  const pid = server.process().pid!;
  try {
    const page = await browser.newPage();
    await page.goto(harness.url);
    await page.waitForSelector('body[data-ready=yes]', { state: 'attached', timeout: 120_000 });

    console.log(`Generating a ${SECONDS} s 1920x1080 30 fps video in the page (real-time encoder mode, 2 s key frames)…`);
    const gen = await page.evaluate(async (seconds) => {
      const h = (window as unknown as H).videoHarness;
      const v = await h.bench.makeLongVideo({ seconds, fps: 30, width: 1920, height: 1080, bitrate: 2_000_000, keyFrameIntervalS: 2 });
      (window as unknown as { benchBlob: Blob }).benchBlob = v.blob;
      return { codec: v.codec, frames: v.frames, encodeMs: v.encodeMs, sizeBytes: v.sizeBytes };
    }, SECONDS);
    console.log(`  ${gen.codec}, ${gen.frames} frames, ${(gen.sizeBytes / 1e6).toFixed(1)} MB, generated in ${(gen.encodeMs / 1000).toFixed(1)} s`);

    for (const preferKeyFrames of [false, true]) {
      const label = preferKeyFrames ? 'uniform, moved to the nearest key frames' : 'exactly uniform frames';
      const ours: number[] = [];
      const base: number[] = [];
      for (let r = 0; r < REPS; r++) {
        const o = await page.evaluate((k) => (window as unknown as H).videoHarness.bench.sampleOurs((window as unknown as { benchBlob: Blob }).benchBlob, 16, k), preferKeyFrames);
        const b = await page.evaluate((ts) => (window as unknown as H).videoHarness.bench.sampleBaseline((window as unknown as { benchBlob: Blob }).benchBlob, ts), o.timestamps);
        if (o.got !== 16 || b.got !== 16) throw new Error(`decoded ${o.got} / ${b.got} of 16 frames`);
        ours.push(o.ms);
        base.push(b.ms);
        console.log(`  ${label}, run ${r + 1}: ours ${o.ms.toFixed(0)} ms (open + frame table ${o.probeMs.toFixed(0)} ms, frames #${o.indices.slice(0, 4).join(', #')}… ${o.decodeMs.toFixed(0)} ms), baseline <video> seek+draw ${b.ms.toFixed(0)} ms`);
      }
      const mo = median(ours);
      const mb = median(base);
      console.log(`16 frames (${label}) from a ${SECONDS} s 1080p ${gen.codec} video: ours ${mo.toFixed(0)} ms (median of ${REPS}), baseline ${mb.toFixed(0)} ms; ratio ${(mb / mo).toFixed(2)}x (target: ≤ 2000 ms, ≥ 3x)`);
    }

    console.log('Generating a 10-minute 640x360 10 fps video for the scrubbing memory check…');
    const long = await page.evaluate(async () => {
      const h = (window as unknown as H).videoHarness;
      const v = await h.bench.makeLongVideo({ seconds: 600, fps: 10, width: 640, height: 360, bitrate: 300_000, keyFrameIntervalS: 2 });
      (window as unknown as { longBlob: Blob }).longBlob = v.blob;
      return { codec: v.codec, frames: v.frames, encodeMs: v.encodeMs, sizeBytes: v.sizeBytes };
    });
    console.log(`  ${long.codec}, ${long.frames} frames, ${(long.sizeBytes / 1e6).toFixed(1)} MB, generated in ${(long.encodeMs / 1000).toFixed(1)} s`);
    const rssBefore = treeRssMB(pid);
    const s = await page.evaluate(() => (window as unknown as H).videoHarness.bench.scrub((window as unknown as { longBlob: Blob }).longBlob, 400, 100));
    const rssAfter = treeRssMB(pid);
    console.log(`Scrubbing ${s.frames} frames (${(s.durationS / 60).toFixed(1)} min), 400 slider moves in ${(s.ms / 1000).toFixed(1)} s:`);
    for (const x of s.samples) console.log(`  after ${x.step} moves: page heap ${x.heapMB.toFixed(1)} MB, requests in flight ${x.pending}, frames held open ${x.openBitmaps}`);
    console.log(`  browser resident memory (all processes): ${rssBefore.toFixed(0)} MB before, ${rssAfter.toFixed(0)} MB after scrubbing`);
  } finally {
    await browser.close();
    await server.close();
    await harness.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
