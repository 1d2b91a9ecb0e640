/**
 * The app's handle on the point-cloud worker: one worker per tab, started on first use, with
 * request ids so answers find their callers. Errors come back as sentences.
 */
import type { RenderSpec } from '@/core/pointcloud/render-spec';
import type { DisplayCloud, PointCloudRequest, PointCloudResponse, WorkerView } from '@/lib/pointcloud-protocol';

export type { DisplayCloud, WorkerView };

/** Points drawn on screen at most; larger clouds are thinned for display only. */
export const DISPLAY_BUDGET = 2_000_000;

export class PointCloudWorkerError extends Error {
  constructor(
    message: string,
    readonly kind: string,
  ) {
    super(message);
    this.name = 'PointCloudWorkerError';
  }
}

type Pending = { resolve: (r: PointCloudResponse) => void; reject: (e: Error) => void };
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../workers/pointcloud.worker.ts', import.meta.url), { type: 'module', name: 'pointcloud' });
  worker.onmessage = (e: MessageEvent<PointCloudResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.type === 'error') p.reject(new PointCloudWorkerError(e.data.message, e.data.kind));
    else p.resolve(e.data);
  };
  worker.onerror = () => {
    // A crashed worker (e.g. out of memory) fails every waiting caller; the next call starts a new one.
    for (const p of pending.values()) p.reject(new PointCloudWorkerError('The point-cloud worker stopped (the file may be too large for this browser tab). Try again or use a smaller file.', 'crashed'));
    pending.clear();
    worker?.terminate();
    worker = undefined;
  };
  return worker;
}

function call(req: Distribute<PointCloudRequest>): Promise<PointCloudResponse> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ ...req, id });
  });
}

/** Parses in the worker and returns a display copy (thinned above `budget` points). */
export async function parseForDisplay(key: string, blob: Blob, name: string, budget = DISPLAY_BUDGET): Promise<DisplayCloud> {
  const r = await call({ type: 'parse', key, blob, name, displayBudget: budget });
  if (r.type !== 'parsed') throw new PointCloudWorkerError(`"${name}" could not be opened.`, 'internal');
  return r.cloud;
}

export interface RenderedViews {
  views: WorkerView[];
  keptPoints: number;
  renderMs: number;
  thumb?: Blob;
}

/** Renders every view of a spec in the worker, as PNG blobs (and pixel → point maps if asked). */
export async function renderInWorker(key: string, blob: Blob, name: string, spec: RenderSpec, opts: { withIndex?: boolean; thumbSide?: number } = {}): Promise<RenderedViews> {
  const r = await call({ type: 'render', key, blob, name, spec, ...opts });
  if (r.type !== 'rendered') throw new PointCloudWorkerError(`"${name}" could not be rendered.`, 'internal');
  return { views: r.views, keptPoints: r.keptPoints, renderMs: r.renderMs, thumb: r.thumb };
}
