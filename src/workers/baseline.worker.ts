/// <reference lib="webworker" />
/**
 * Runs the offline baseline off the main thread: decodes images with createImageBitmap, reads
 * their pixels through an OffscreenCanvas, and keeps reference features and calibrations cached
 * per class so a batch pays for them once.
 */
import { prepareImage, type FeatureMap } from '@/core/baseline/image-features';
import { calibrate, detect, explain, type Calibration } from '@/core/baseline/patch-detector';
import { heatmapRgba } from '@/core/baseline/heatmap';
import type { BaselineRequest, BaselineResponse } from '@/lib/baseline-protocol';

const features = new Map<string, Promise<FeatureMap>>();
const calibrations = new Map<string, Calibration | undefined>();

async function pixels(blob: Blob): Promise<FeatureMap> {
  const bmp = await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bmp, 0, 0);
    const data = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    return prepareImage(data, bmp.width, bmp.height, 4);
  } finally {
    bmp.close();
  }
}

function featuresOf(key: string, blob: Blob): Promise<FeatureMap> {
  let f = features.get(key);
  if (!f) {
    f = pixels(blob);
    features.set(key, f);
    f.catch(() => features.delete(key));
  }
  return f;
}

async function heatmapPng(values: Float32Array, width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.putImageData(new ImageData(heatmapRgba(values) as ImageDataArray, width, height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

async function handle(req: BaselineRequest): Promise<BaselineResponse> {
  const refs = await Promise.all(req.references.map((r) => featuresOf(r.key, r.blob)));
  const calibKey = req.references.map((r) => r.key).sort().join('|');
  if (!calibrations.has(calibKey)) calibrations.set(calibKey, calibrate(refs));
  const query = await featuresOf(req.query.key, req.query.blob);
  const outcome = detect(query, refs, calibrations.get(calibKey));
  return {
    id: req.id,
    ok: true,
    score: outcome.score,
    peakRatio: outcome.peakRatio,
    areaFraction: outcome.areaFraction,
    peak: outcome.peak,
    explanation: explain(outcome, req.threshold),
    heatmap: await heatmapPng(outcome.heatmap.data, outcome.heatmap.width, outcome.heatmap.height),
  };
}

self.onmessage = (e: MessageEvent<BaselineRequest>) => {
  handle(e.data).then(
    (res) => self.postMessage(res),
    (err: unknown) => self.postMessage({ id: e.data.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies BaselineResponse),
  );
};
