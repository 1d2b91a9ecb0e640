/**
 * Test page for video specs and the video benchmark: exposes the app's video seam and a few
 * fixture builders on `window.videoHarness`. Served by a Vite dev server started by the spec.
 */
import { makeSolidVideo, PALETTE } from './video-fixture';
import { openVideo, VideoClientError } from '@/lib/video-client';
import { planFrames, type FramePlan } from '@/core/video/frame-plan';
import type { CropMask } from '@/core/video/crop-mask';

export interface SampledFrame {
  index: number;
  timestampS: number;
  width: number;
  height: number;
  /** RGB at the centre and at the four quarter points (top-left, top-right, bottom-left, bottom-right). */
  centre: [number, number, number];
  quarters: [number, number, number][];
}

function pixels(bitmap: ImageBitmap) {
  const c = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  const at = (x: number, y: number): [number, number, number] => {
    const d = ctx.getImageData(Math.min(bitmap.width - 1, Math.floor(x)), Math.min(bitmap.height - 1, Math.floor(y)), 1, 1).data;
    return [d[0], d[1], d[2]];
  };
  const w = bitmap.width;
  const h = bitmap.height;
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
      out.push({ index: f.index, timestampS: f.timestampS, width: f.bitmap.width, height: f.bitmap.height, ...pixels(f.bitmap) });
      f.bitmap.close();
    }
    const { frames: all, ...meta } = probe;
    return { ok: true as const, probe: { ...meta, frameCount: all.length, firstTimes: all.slice(0, 5).map((x) => x.timestampS) }, picked, frames: out };
  } catch (e) {
    return { ok: false as const, error: e instanceof VideoClientError ? e.message : String(e), kind: e instanceof VideoClientError ? e.kind : 'other' };
  } finally {
    h.close();
  }
}

async function fetchBlob(url: string, type = ''): Promise<Blob> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Blob([await r.arrayBuffer()], { type });
}

const harness = { makeSolidVideo, PALETTE, sample, fetchBlob, openVideo };
(window as unknown as { videoHarness: typeof harness }).videoHarness = harness;
export type VideoHarness = typeof harness;
document.body.dataset.ready = 'yes';
