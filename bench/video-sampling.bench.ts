/**
 * Frames from a 60 s 1080p video: the app's decoder (one WebCodecs decoder in a worker, packets
 * from mediabunny's demuxer) against the baseline of seeking an HTML <video> to each frame and
 * drawing it, both in the same headless Chromium run, for (a) 8 and 16 frames inside a 2 s window,
 * (b) 16 exact frames spread over the whole video, (c) the key-frame preview of those 16. Then
 * a corpus H.264 file with B-frames (disposable pictures skipped) and memory while scrubbing a
 * 10-minute video. Prints ms and ratios; never fails on time.
 */
import { chromium, type Page } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
// @ts-expect-error plain ESM helper without types
import { findBrowser } from '../scripts/find-browser.mjs';
import { startVideoHarness } from '../e2e/support/video-harness-server';
import type { VideoHarness } from '../e2e/harness/video-harness';
import type { BenchPlan } from '../e2e/harness/video-bench';
import { findCorpus } from '../scripts/find-corpus';
import { DEFAULT_VIDEO_SPEC } from '../src/core/video/render-spec';

type H = { videoHarness: VideoHarness };
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader'];
const REPS = Number(process.env.BENCH_REPS ?? 5);
// Shorter runs while developing: BENCH_SECONDS=12.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
/** The longest side of the frames a run sends the model by default. */
const CASE_SIDE_PX = DEFAULT_VIDEO_SPEC.maxSidePx;

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

/** The page's globals: the harness, and the test videos by name. */
type W = { videoHarness: VideoHarness; blobs: Record<string, Blob> };

/** One plan, ours and the baseline alternately (so load on the machine hits both alike). */
async function measure(page: Page, blobName: string, label: string, bp: BenchPlan, target: string): Promise<string> {
  const ours: number[] = [];
  const base: number[] = [];
  const baseExact: number[] = [];
  let last: Awaited<ReturnType<VideoHarness['bench']['sampleOurs']>> | undefined;
  for (let r = 0; r < REPS; r++) {
    const o = await page.evaluate(([n, p]) => (window as unknown as W).videoHarness.bench.sampleOurs((window as unknown as W).blobs[n], p), [blobName, bp] as const);
    const b = await page.evaluate(([n, ts, m]) => (window as unknown as W).videoHarness.bench.sampleBaseline((window as unknown as W).blobs[n], ts, m), [blobName, o.timestamps, bp.maxSidePx] as const);
    if (o.got !== o.timestamps.length || o.exact !== o.got) throw new Error(`${label}: decoded ${o.got} of ${o.timestamps.length} frames, ${o.exact} of them the frame asked for`);
    ours.push(o.ms);
    base.push(b.ms);
    if (bp.preview) baseExact.push((await page.evaluate(([n, ts]) => (window as unknown as W).videoHarness.bench.sampleBaseline((window as unknown as W).blobs[n], ts), [blobName, o.plannedTimestamps] as const)).ms);
    last = o;
    console.log(`  ${label}, run ${r + 1}: ours ${o.ms.toFixed(0)} ms (open ${o.probeMs.toFixed(0)} ms + frames ${o.decodeMs.toFixed(0)} ms, of which converting in the worker ${o.stats?.convertMs.toFixed(0)} ms and final flush ${o.stats?.flushMs.toFixed(0)} ms), <video> ${b.ms.toFixed(0)} ms${bp.preview ? `, <video> on the exact frames ${baseExact[r].toFixed(0)} ms` : ''}`);
  }
  const mo = median(ours);
  const mb = median(base);
  const best = Math.max(...ours.map((o, i) => base[i] / o));
  const s = last?.stats;
  const decoded = s ? `; pictures decoded ${s.fed}, disposable skipped ${s.skipped}, fallback frames ${s.fallback}` : '';
  const vsExact = bp.preview ? `; vs <video> on the exact frames ${(median(baseExact) / mo).toFixed(2)}x` : '';
  // The floor: decoding alone, every picture from each key frame to its target, nothing converted or drawn.
  const floors: number[] = [];
  let floorPictures = 0;
  for (let r = 0; r < REPS; r++) {
    const f = await page.evaluate(([n, ts]) => (window as unknown as W).videoHarness.bench.decodeFloor((window as unknown as W).blobs[n], ts), [blobName, last!.timestamps] as const);
    floors.push(f.ms);
    floorPictures = f.decoded;
  }
  const floor = median(floors);
  const floorText = bp.preview ? '' : `; decoding alone (${floorPictures} pictures, no conversion, no drawing) ${floor.toFixed(0)} ms, so at best <video> ÷ floor = ${(mb / floor).toFixed(2)}x`;
  return `${label}: ours ${mo.toFixed(0)} ms, <video> ${mb.toFixed(0)} ms → ${(mb / mo).toFixed(2)}x (best run ${best.toFixed(2)}x; target ${target})${vsExact}${decoded}${floorText}`;
}

/** The corpus 1080p H.264 High clip (B-frames), if the corpus is here: disposable pictures are skipped. */
async function corpusCase(page: Page, lines: string[]) {
  const file = join(findCorpus(), 'video/mediabunny_video.mp4');
  if (!existsSync(file)) {
    lines.push(`corpus clip: ${file} is absent, skipped`);
    return;
  }
  const b64 = readFileSync(file).toString('base64');
  await page.evaluate((data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    (window as unknown as W).blobs.corpus = new Blob([bytes], { type: 'video/mp4' });
  }, b64);
  lines.push(await measure(page, 'corpus', '(b) corpus 1080p H.264 High with B-frames, 16 frames over 5 s', { plan: { kind: 'uniform', count: 16 } }, '≥ 1.3x'));
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

    console.log(`A ${SECONDS} s 1920x1080 30 fps video (made in the page in real-time encoder mode, 2 s key frames, kept in the temp folder)…`);
    // The encode takes minutes on a loaded machine: the video is kept in the temp folder for the next run.
    const cache = join(tmpdir(), `anomaly-workbench-bench-${SECONDS}s-1080p.mp4`);
    const gen = existsSync(cache)
      ? await page.evaluate(async (b64) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          (window as unknown as W).blobs = { long: new Blob([bytes], { type: 'video/mp4' }) };
          return { codec: 'avc (kept from an earlier run)', frames: 0, encodeMs: 0, sizeBytes: bytes.length, b64: '' };
        }, readFileSync(cache).toString('base64'))
      : await page.evaluate(async (seconds) => {
          const h = (window as unknown as H).videoHarness;
          const v = await h.bench.makeLongVideo({ seconds, fps: 30, width: 1920, height: 1080, bitrate: 2_000_000, keyFrameIntervalS: 2 });
          (window as unknown as W).blobs = { long: v.blob };
          const buf = new Uint8Array(await v.blob.arrayBuffer());
          let bin = '';
          for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
          return { codec: v.codec, frames: v.frames, encodeMs: v.encodeMs, sizeBytes: v.sizeBytes, b64: v.codec === 'avc' ? btoa(bin) : '' };
        }, SECONDS);
    if (gen.b64) writeFileSync(cache, Buffer.from(gen.b64, 'base64'));
    console.log(`  ${gen.codec}, ${gen.frames} frames, ${(gen.sizeBytes / 1e6).toFixed(1)} MB, generated in ${(gen.encodeMs / 1000).toFixed(1)} s`);

    // A 2 s window that starts mid-GOP (key frames every 2 s), as a window sub-case or a "time window" plan may.
    const win = { startS: SECONDS / 2 + 1, endS: SECONDS / 2 + 3 };
    const cases: { id: string; label: string; bp: BenchPlan; target: string }[] = [
      { id: 'a8', label: '(a) 8 frames in a 2 s window', bp: { plan: { kind: 'uniform', count: 8, range: win } }, target: '≥ 3x' },
      { id: 'a16', label: '(a) 16 frames in a 2 s window', bp: { plan: { kind: 'uniform', count: 16, range: win } }, target: '≥ 3x' },
      { id: 'a8s', label: `(a) 8 frames in a 2 s window at the app's case-image size (${CASE_SIDE_PX} px)`, bp: { plan: { kind: 'uniform', count: 8, range: win }, maxSidePx: CASE_SIDE_PX }, target: '≥ 3x' },
      { id: 'a16s', label: `(a) 16 frames in a 2 s window at ${CASE_SIDE_PX} px`, bp: { plan: { kind: 'uniform', count: 16, range: win }, maxSidePx: CASE_SIDE_PX }, target: '≥ 3x' },
      { id: 'b', label: `(b) 16 exact frames spread over ${SECONDS} s`, bp: { plan: { kind: 'uniform', count: 16 } }, target: '≥ 1.3x, ≤ 2000 ms' },
      { id: 'c', label: '(c) ≈ key-frame preview of those 16 (approximate, never used for runs)', bp: { plan: { kind: 'uniform', count: 16 }, preview: 'key-frames' }, target: 'faster than (b)' },
    ];
    const lines: string[] = [];
    // BENCH_VIDEO_ONLY=a8,b runs only those cases (a quick look while changing the decoder).
    const only = process.env.BENCH_VIDEO_ONLY?.split(',');
    for (const c of cases.filter((x) => !only || only.includes(x.id))) lines.push(await measure(page, 'long', c.label, c.bp, c.target));
    if (!only) await corpusCase(page, lines);
    console.log(`\nVideo frame extraction, ratios against seeking a <video> to the same frames (same run, median of ${REPS}):`);
    for (const l of lines) console.log(`  ${l}`);

    // BENCH_VIDEO_SCRUB=0 leaves out the scrubbing check (ratios only).
    if (process.env.BENCH_VIDEO_SCRUB === '0') return;
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
