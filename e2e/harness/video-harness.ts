/**
 * Test page for video specs and the video benchmark: exposes the app's video seam and a few
 * fixture builders on `window.videoHarness`. Served by a Vite dev server started by the spec.
 */
import { makeSolidVideo, PALETTE } from './video-fixture';
import { decodeFloor, makeLongVideo, sampleBaseline, sampleOurs, scrub } from './video-bench';
import { openVideo, VideoClientError } from '@/lib/video/client';
import { planFrames, type FramePlan } from '@/core/video/frame-plan';
import type { CropMask } from '@/core/video/crop-mask';
import type { FrameImage } from '@/lib/video/frame-image';
import type { Case } from '@/core/model';
import type { VideoSpec } from '@/core/video/render-spec';
import { projectDb } from '@/lib/storage/db';
import '@/index.css';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { installKeyboard } from '@/app/keyboard';
import { CaseViewerSlot, registerCaseViewer } from '@/components/case-viewer-slot';
import { CASE_VIEWERS } from '@/app/feature-registry';
import { saveVideoSpec, videoCaseImages } from '@/lib/video/case-images';

export interface SampledFrame {
  index: number;
  timestampS: number;
  width: number;
  height: number;
  /** RGB at the centre and at the four quarter points (top-left, top-right, bottom-left, bottom-right). */
  centre: [number, number, number];
  quarters: [number, number, number][];
}

function pixels(image: FrameImage) {
  const c = new OffscreenCanvas(image.width, image.height);
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  image.draw(ctx);
  const at = (x: number, y: number): [number, number, number] => {
    const d = ctx.getImageData(Math.min(image.width - 1, Math.floor(x)), Math.min(image.height - 1, Math.floor(y)), 1, 1).data;
    return [d[0], d[1], d[2]];
  };
  const w = image.width;
  const h = image.height;
  return { centre: at(w / 2, h / 2), quarters: [at(w / 4, h / 4), at((3 * w) / 4, h / 4), at(w / 4, (3 * h) / 4), at((3 * w) / 4, (3 * h) / 4)] };
}

let seq = 0;

async function sample(blob: Blob, name: string, plan: FramePlan, maxSidePx = 256, cropMask?: CropMask) {
  const h = openVideo(`harness-${seq++}`, blob, name);
  try {
    const probe = await h.probe();
    const picked = planFrames(plan, probe.frames);
    const frames = await h.frames(picked.map((p) => p.timestampS), { maxSidePx, cropMask });
    if (frames === 'stale') throw new Error('stale');
    const out: SampledFrame[] = [];
    for (const f of frames) {
      if (!f) continue;
      out.push({ index: f.index, timestampS: f.timestampS, width: f.image.width, height: f.image.height, ...pixels(f.image) });
      f.image.close();
    }
    const { frames: all, ...meta } = probe;
    return { ok: true as const, probe: { ...meta, frameCount: all.length, firstTimes: all.slice(0, 5).map((x) => x.timestampS) }, picked, frames: out };
  } catch (e) {
    return { ok: false as const, error: e instanceof VideoClientError ? e.message : String(e), kind: e instanceof VideoClientError ? e.kind : 'other' };
  } finally {
    h.close();
  }
}

function rgbaOf(image: FrameImage): ImageData {
  const c = new OffscreenCanvas(image.width, image.height);
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  image.draw(ctx);
  return ctx.getImageData(0, 0, image.width, image.height);
}

/** Mean RGB of each cell of a `grid` × `grid` division of an image. */
function cellMeans(d: ImageData, grid: number): number[][] {
  const out: number[][] = [];
  for (let gy = 0; gy < grid; gy++)
    for (let gx = 0; gx < grid; gx++) {
      const x0 = Math.floor((gx * d.width) / grid);
      const x1 = Math.floor(((gx + 1) * d.width) / grid);
      const y0 = Math.floor((gy * d.height) / grid);
      const y1 = Math.floor(((gy + 1) * d.height) / grid);
      const sum = [0, 0, 0];
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) sum[c] += d.data[(y * d.width + x) * 4 + c];
      out.push(sum.map((s) => s / ((x1 - x0) * (y1 - y0))));
    }
  return out;
}

/**
 * The middle frame three ways: whole (the browser converts it), half size and a centre crop at
 * full resolution (both converted from the decoder's planes where it hands out 4:2:0). Says how
 * far the planes' colours are from the browser's: per pixel for the crop, per grid cell for the
 * half-size frame (whose pixels average several).
 */
async function conversionAgreement(blob: Blob, name: string) {
  const h = openVideo(`agree-${seq++}`, blob, name);
  try {
    const probe = await h.probe();
    const t = probe.frames[Math.floor(probe.frames.length / 2)].timestampS;
    const side = Math.max(probe.displayWidth, probe.displayHeight);
    const ask = async (maxSidePx: number, cropMask?: CropMask) => {
      const got = await h.frames([t], { maxSidePx, cropMask });
      if (got === 'stale' || !got[0]) throw new Error('no frame');
      const { image } = got[0];
      try {
        return { kind: image.kind, data: rgbaOf(image) };
      } finally {
        image.close();
      }
    };
    const whole = await ask(side);
    const half = await ask(Math.round(side / 2));
    const crop = await ask(side, { mode: 'crop', rect: { x: 0.25, y: 0.25, w: 0.5, h: 0.5 } });
    // The crop's pixels against the same pixels of the whole frame.
    const x0 = Math.round(0.25 * whole.data.width);
    const y0 = Math.round(0.25 * whole.data.height);
    const diffs: number[] = [];
    for (let y = 0; y < crop.data.height; y++)
      for (let x = 0; x < crop.data.width; x++)
        for (let c = 0; c < 3; c++) diffs.push(Math.abs(crop.data.data[(y * crop.data.width + x) * 4 + c] - whole.data.data[((y + y0) * whole.data.width + x + x0) * 4 + c]));
    diffs.sort((a, b) => a - b);
    const a = cellMeans(whole.data, 8);
    const b = cellMeans(half.data, 8);
    const cellDiff = Math.max(...a.flatMap((m, i) => m.map((v, c) => Math.abs(v - b[i][c]))));
    return {
      kinds: [whole.kind, half.kind, crop.kind],
      cropMeanDiff: diffs.reduce((s, v) => s + v, 0) / diffs.length,
      cropP99Diff: diffs[Math.floor(diffs.length * 0.99)],
      cellDiff,
    };
  } finally {
    h.close();
  }
}

/** Asks the same open video for the same frames twice (the second time its decoders are reused). */
async function sampleTwice(blob: Blob, timestamps: number[], second: number[] = timestamps) {
  const h = openVideo(`twice-${seq++}`, blob, 'twice.webm');
  try {
    const rounds = [];
    for (let r = 0; r < 2; r++) {
      const frames = await h.frames(r === 0 ? timestamps : second, { maxSidePx: 128 });
      if (frames === 'stale') throw new Error('stale');
      rounds.push(
        frames.map((f) => {
          if (!f) return null;
          const p = pixels(f.image).centre;
          f.image.close();
          return p;
        }),
      );
    }
    return rounds;
  } finally {
    h.close();
  }
}

async function fetchBlob(url: string, type = ''): Promise<Blob> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Blob([await r.arrayBuffer()], { type });
}

async function sha256(blob: Blob): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stores a video as an asset with one test case, as ingest does. */
async function seedVideoCase(blob: Blob, name: string, className = 'belt'): Promise<string> {
  const db = projectDb();
  const id = await sha256(blob);
  const format = name.split('.').pop() ?? 'webm';
  await db.assets.put({ id, kind: 'video', format, mime: blob.type || `video/${format}`, name, sizeBytes: blob.size, addedAt: Date.now() });
  await db.blobs.put({ id, blob });
  const c: Case = { id: `case-${id.slice(0, 12)}`, assetId: id, kind: 'video', name, className, role: 'test', truth: { status: 'unlabelled' }, maskAssetIds: [], addedAt: Date.now() };
  await db.cases.put(c);
  return c.id;
}

async function digest(blob: Blob) {
  return (await sha256(blob)).slice(0, 16);
}

/** The case's images as the model gets them, with a byte hash and the colour at chosen points. */
async function caseImages(caseId: string, points: [number, number][] = []) {
  const c = await projectDb().cases.get(caseId);
  if (!c) throw new Error(`no case ${caseId}`);
  try {
    const images = await videoCaseImages(c);
    return {
      ok: true as const,
      images: await Promise.all(
        images.map(async (im) => {
          const bitmap = await createImageBitmap(im.blob);
          const cv = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = cv.getContext('2d', { willReadFrequently: true })!;
          ctx.drawImage(bitmap, 0, 0);
          bitmap.close();
          const colours = points.map(([x, y]) => Array.from(ctx.getImageData(Math.floor(x * im.width), Math.floor(y * im.height), 1, 1).data.slice(0, 3)));
          return { caption: im.caption, width: im.width, height: im.height, meta: im.meta, hash: await digest(im.blob), colours };
        }),
      ),
    };
  } catch (e) {
    return { ok: false as const, error: (e as Error).message, caseError: (await projectDb().cases.get(caseId))?.error };
  }
}

async function clearRenders() {
  await projectDb().renders.clear();
}

async function setSpec(caseId: string, spec: VideoSpec) {
  await saveVideoSpec({ caseId }, spec);
}

let root: Root | undefined;
let keyboard = false;

/**
 * Frames asked for with `onFrame`: what each streamed frame showed while the request still ran,
 * whether the request resolved with those same frames, and what a request that went stale midway
 * (a newer one on its channel, sent from its first streamed frame) left open.
 */
async function streamed(blob: Blob, times: number[], staleTimes: number[]) {
  const h = openVideo(`stream-${seq++}`, blob, 'stream.webm');
  try {
    await h.probe();
    const seen: { i: number; centre: [number, number, number]; settled: boolean }[] = [];
    const shown: FrameImage[] = [];
    let settled = false;
    const got = await h.frames(times, {
      maxSidePx: 256,
      onFrame: (i, f) => {
        seen.push({ i, centre: pixels(f.image).centre, settled });
        shown[i] = f.image;
      },
    });
    settled = true;
    if (got === 'stale') throw new Error('stale');
    const sameObjects = got.every((f, i) => f?.image === shown[i]);
    const resolved = got.map((f) => (f ? pixels(f.image).centre : null));
    for (const f of got) f?.image.close();

    // The first request goes stale at its first frame: the frames it showed are closed for it.
    const staleShown: FrameImage[] = [];
    let newer: Promise<unknown> | undefined;
    const first = await h.frames(staleTimes, {
      maxSidePx: 256,
      channel: 'drag',
      onFrame: (_, f) => {
        staleShown.push(f.image);
        newer ??= h.frames([times[0]], { maxSidePx: 256, channel: 'drag' });
      },
    });
    const second = (await newer) as Awaited<ReturnType<typeof h.frames>> | undefined;
    const secondOk = second !== undefined && second !== 'stale' && second.length === 1 && second[0] !== null;
    if (second && second !== 'stale') for (const f of second) f?.image.close();
    const closedAfterStale = staleShown.map((img) => {
      try {
        pixels(img);
        return false;
      } catch {
        return true;
      }
    });
    return { seen, sameObjects, resolved, firstResult: first === 'stale' ? 'stale' : 'frames', staleShown: staleShown.length, closedAfterStale, secondOk };
  } finally {
    h.close();
  }
}

/** Shows a case the way the app does: through the registered case viewer of its kind. */
async function mountCase(caseId: string) {
  const c = await projectDb().cases.get(caseId);
  if (!c) throw new Error(`no case ${caseId}`);
  for (const [kind, viewer] of Object.entries(CASE_VIEWERS)) registerCaseViewer(kind as Case['kind'], viewer);
  // Keys reach views through the app's one dispatcher, installed by the app shell there.
  if (!keyboard) {
    installKeyboard();
    keyboard = true;
  }
  root ??= createRoot(document.getElementById('root')!);
  root.render(createElement('div', { className: 'h-full' }, createElement(CaseViewerSlot, { kind: c.kind, caseId, key: caseId })));
}

async function addResult(caseId: string, verdict: 'normal' | 'anomalous', createdAt: number) {
  await projectDb().results.put({ id: `run1:${caseId}:0`, runId: 'run1', caseId, rep: 0, status: 'ok', verdict, createdAt });
}

async function subCaseIds(parentId: string) {
  return (await projectDb().cases.where('parentId').equals(parentId).sortBy('addedAt')).sort((a, b) => (a.window?.index ?? 0) - (b.window?.index ?? 0)).map((c) => c.id);
}

async function caseRow(caseId: string) {
  return projectDb().cases.get(caseId);
}

const harness = { makeSolidVideo, PALETTE, sample, sampleTwice, streamed, conversionAgreement, fetchBlob, openVideo, seedVideoCase, caseImages, clearRenders, setSpec, mountCase, addResult, subCaseIds, caseRow, bench: { makeLongVideo, sampleOurs, sampleBaseline, decodeFloor, scrub } };
(window as unknown as { videoHarness: typeof harness }).videoHarness = harness;
export type VideoHarness = typeof harness;
document.body.dataset.ready = 'yes';
