/// <reference lib="webworker" />
/**
 * Runs the offline baseline off the main thread: decodes images with createImageBitmap, reads
 * their pixels through an OffscreenCanvas, and keeps reference features and calibrations cached
 * per class so a batch pays for them once.
 */
import { prepareImage, type FeatureMap } from '@/core/baseline/image-features';
import { calibrate, detect, explain, type Calibration } from '@/core/baseline/patch-detector';
import { heatmapRgba } from '@/core/baseline/heatmap';
import type { BaselineRequest, BaselineResponse } from '@/lib/baseline/protocol';

interface Prepared {
  features: FeatureMap;
  width: number;
  height: number;
}

const features = new Map<string, Promise<Prepared>>();
const calibrations = new Map<string, Calibration | undefined>();

async function pixels(blob: Blob): Promise<Prepared> {
  const bmp = await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bmp, 0, 0);
    const data = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    return { features: prepareImage(data, bmp.width, bmp.height, 4), width: bmp.width, height: bmp.height };
  } finally {
    bmp.close();
  }
}

function featuresOf(key: string, blob: Blob): Promise<Prepared> {
  let f = features.get(key);
  if (!f) {
    f = pixels(blob);
    features.set(key, f);
    f.catch(() => features.delete(key));
  }
  return f;
}

/** The heatmap as a PNG with the image's own aspect (≤ 128 px; it is smooth anyway), so it lies exactly over the image. */
async function heatmapPng(values: Float32Array, gw: number, gh: number, imageW: number, imageH: number): Promise<Blob> {
  const grid = new OffscreenCanvas(gw, gh);
  const gctx = grid.getContext('2d');
  if (!gctx) throw new Error('no 2d context');
  gctx.putImageData(new ImageData(heatmapRgba(values) as ImageDataArray, gw, gh), 0, 0);
  const scale = 128 / Math.max(imageW, imageH);
  const out = new OffscreenCanvas(Math.max(1, Math.round(imageW * scale)), Math.max(1, Math.round(imageH * scale)));
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(grid, 0, 0, out.width, out.height);
  return out.convertToBlob({ type: 'image/png' });
}

async function handle(req: BaselineRequest): Promise<BaselineResponse> {
  const refs = (await Promise.all(req.references.map((r) => featuresOf(r.key, r.blob)))).map((p) => p.features);
  const calibKey = req.references.map((r) => r.key).sort().join('|');
  if (!calibrations.has(calibKey)) calibrations.set(calibKey, calibrate(refs));
  const query = await featuresOf(req.query.key, req.query.blob);
  const outcome = detect(query.features, refs, calibrations.get(calibKey));
  return {
    id: req.id,
    ok: true,
    score: outcome.score,
    peakRatio: outcome.peakRatio,
    areaFraction: outcome.areaFraction,
    peak: outcome.peak,
    explanation: explain(outcome, req.threshold),
    heatmap: await heatmapPng(outcome.heatmap.data, outcome.heatmap.width, outcome.heatmap.height, query.width, query.height),
    heatmapGrid: { width: outcome.heatmap.width, height: outcome.heatmap.height, data: Float32Array.from(outcome.heatmap.data) },
  };
}

self.onmessage = (e: MessageEvent<BaselineRequest>) => {
  handle(e.data).then(
    (res) => self.postMessage(res),
    (err: unknown) => self.postMessage({ id: e.data.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies BaselineResponse),
  );
};
