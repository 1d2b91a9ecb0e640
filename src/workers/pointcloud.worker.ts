/// <reference lib="webworker" />
// Parses and renders point clouds off the main thread. Arrays go back as transferred buffers;
// the last parsed clouds stay here so rendering after opening a case does not parse again.
import { parseCloudFile } from '@/lib/pointcloud/parse';
import { isPointCloudError } from '@/core/pointcloud/errors';
import type { PointCloud } from '@/core/pointcloud/types';
import { decimate, displayStride, renderForSpec } from '@/core/pointcloud/render-pipeline';
import { normalizeRenderSpec } from '@/core/pointcloud/render-spec';
import { displayColors } from '@/core/pointcloud/display-colors';
import type { PointCloudRequest, PointCloudResponse, DisplayCloud, WorkerView } from '@/lib/pointcloud/protocol';
import { pointMaskOf, type PointMaskSource } from '@/lib/pointcloud/point-masks';
import { decodeMaskInBrowser } from '@/lib/images/mask-decode';
import { maskToRgba, renderMask, strideMask } from '@/core/pointcloud/render-masks';

const clouds = new Map<string, PointCloud>();
const MAX_CACHED = 2;

async function cloudFor(key: string, blob: Blob, name: string): Promise<PointCloud> {
  const hit = clouds.get(key);
  if (hit) return hit;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const cloud = parseCloudFile(bytes, name);
  clouds.set(key, cloud);
  while (clouds.size > MAX_CACHED) clouds.delete(clouds.keys().next().value!);
  return cloud;
}

async function encodePng(rgba: Uint8ClampedArray, width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

async function thumbnail(rgba: Uint8ClampedArray, width: number, height: number, side: number): Promise<Blob> {
  const full = new OffscreenCanvas(width, height);
  full.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  const small = new OffscreenCanvas(side, side);
  const ctx = small.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(full, 0, 0, side, side);
  return small.convertToBlob({ type: 'image/webp', quality: 0.85 });
}

const maskFor = (c: PointCloud, masks: PointMaskSource[] | undefined) => (masks?.length ? pointMaskOf(c, masks, decodeMaskInBrowser) : Promise.resolve(undefined));

function post(msg: PointCloudResponse, transfer: Transferable[] = []) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg, transfer);
}

self.onmessage = async (e: MessageEvent<PointCloudRequest>) => {
  const req = e.data;
  try {
    if (req.type === 'parse') {
      const t0 = performance.now();
      const c = await cloudFor(req.key, req.blob, req.name);
      const parseMs = performance.now() - t0;
      const stride = displayStride(c.count, req.displayBudget);
      const fields: Record<string, Float32Array> = {};
      for (const [k, v] of Object.entries(c.fields)) fields[k] = stride === 1 ? v.slice() : decimate(v, 1, stride);
      const display: DisplayCloud = {
        count: c.count,
        offset: c.offset,
        bbox: c.bbox,
        droppedNonFinite: c.droppedNonFinite,
        format: c.format,
        encoding: c.encoding,
        stride,
        positions: stride === 1 ? c.positions.slice() : decimate(c.positions, 3, stride),
        colors: c.colors && (stride === 1 ? c.colors.slice() : decimate(c.colors, 3, stride)),
        fields,
        parseMs,
      };
      const mask = await maskFor(c, req.masks);
      if (mask) {
        display.mask = strideMask(mask, stride).slice();
        display.maskedPoints = mask.reduce((s, v) => s + v, 0);
      }
      const transfer = [display.positions.buffer, ...(display.colors ? [display.colors.buffer] : []), ...(display.mask ? [display.mask.buffer] : []), ...Object.values(fields).map((f) => f.buffer)] as ArrayBuffer[];
      post({ type: 'parsed', id: req.id, cloud: display }, transfer);
      return;
    }
    if (req.type === 'render') {
      const c = await cloudFor(req.key, req.blob, req.name);
      const spec = normalizeRenderSpec(req.spec);
      const t0 = performance.now();
      const { views, keptPoints } = renderForSpec(c, spec);
      const renderMs = performance.now() - t0;
      const pointMask = await maskFor(c, req.masks);
      const out: WorkerView[] = [];
      for (const v of views) {
        const mask = pointMask ? await encodePng(maskToRgba(renderMask(v, pointMask)), v.width, v.height) : undefined;
        out.push({ label: v.label, pose: v.pose, width: v.width, height: v.height, png: await encodePng(v.rgba, v.width, v.height), index: req.withIndex ? v.index : undefined, ...(mask ? { mask } : {}) });
      }
      const thumb = req.thumbSide && views[0] ? await thumbnail(views[0].rgba, views[0].width, views[0].height, req.thumbSide) : undefined;
      post({ type: 'rendered', id: req.id, views: out, keptPoints, renderMs, thumb }, out.flatMap((v) => (v.index ? [v.index.buffer as ArrayBuffer] : [])));
      return;
    }
    if (req.type === 'colors') {
      // Display colours are made here, not on the page: millions of points take longer than a frame.
      const c = await cloudFor(req.key, req.blob, req.name);
      const { colors, range } = displayColors(c, req.by, req.colormap, req.axes, req.stride);
      post({ type: 'colors', id: req.id, colors, range }, [colors.buffer as ArrayBuffer]);
      return;
    }
    if (req.type === 'forget') clouds.delete(req.key);
  } catch (err) {
    const message = isPointCloudError(err) ? (err as Error).message : `"${'name' in req ? req.name : 'the file'}" could not be processed: ${err instanceof Error && err.name === 'RangeError' ? 'it is too large for this browser tab' : 'an unexpected problem occurred'}.`;
    post({ type: 'error', id: req.id, message, kind: isPointCloudError(err) ? (err as { kind: string }).kind : 'internal' });
  }
};
