/**
 * The app's handle on the point-cloud worker: one supervised worker per tab, started on first use.
 * A file that makes the worker overrun its deadline or crash is stopped with a sentence, and the
 * next cloud opens in a fresh worker. Errors come back as sentences.
 */
import type { Vec3 } from '@/core/pointcloud/camera';
import type { ColormapName } from '@/core/pointcloud/colormaps';
import type { ColorBy } from '@/core/pointcloud/display-colors';
import type { RenderSpec } from '@/core/pointcloud/render-spec';
import type { DisplayCloud, PointCloudRequest, PointCloudResponse, WorkerView } from '@/lib/pointcloud/protocol';
import type { PointMaskSource } from '@/lib/pointcloud/point-masks';
import { createWorkerClient, deadlineFor } from '@/lib/worker-client';
import { defaultOptions } from '@/core/options';

export type { DisplayCloud, WorkerView };

export class PointCloudWorkerError extends Error {
  constructor(
    message: string,
    readonly kind: string,
  ) {
    super(message);
    this.name = 'PointCloudWorkerError';
  }
}

/** Parsing ASCII PLY runs at tens of MB/s here; these leave a wide margin on a slow machine. */
const PARSE_DEADLINE = defaultOptions.deadlines.pointcloudParse;
/** Rendering parses too, then draws up to 27 views and encodes each as PNG. */
const RENDER_DEADLINE = defaultOptions.deadlines.pointcloudRender;

const client = createWorkerClient<PointCloudRequest, PointCloudResponse>({
  create: () => new Worker(new URL('../../workers/pointcloud.worker.ts', import.meta.url), { type: 'module', name: 'pointcloud' }),
  deadline: PARSE_DEADLINE,
  makeError: (message, fault) => new PointCloudWorkerError(message, fault),
});

async function call(req: Distribute<PointCloudRequest>, what: string, deadlineMs: number): Promise<PointCloudResponse> {
  const r = await client.request(req, { what, deadlineMs });
  if (r.type === 'error') throw new PointCloudWorkerError(r.message, r.kind);
  return r;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Parses in the worker and returns a display copy (thinned above `budget` points, see `display-budget.ts`). */
export async function parseForDisplay(key: string, blob: Blob, name: string, budget: number, masks?: PointMaskSource[]): Promise<DisplayCloud> {
  const r = await call({ type: 'parse', key, blob, name, displayBudget: budget, ...(masks?.length ? { masks } : {}) }, `Reading "${name}"`, deadlineFor(blob.size, PARSE_DEADLINE));
  if (r.type !== 'parsed') throw new PointCloudWorkerError(`"${name}" could not be opened.`, 'internal');
  return r.cloud;
}

export interface DisplayColoring {
  by: ColorBy;
  colormap: ColormapName;
  axes: { viewDir: Vec3; up: Vec3 };
}

/** Viewer colours (linear RGB floats) for the display points of a parsed cloud, made in the worker. */
export async function colorsInWorker(key: string, blob: Blob, name: string, stride: number, coloring: DisplayColoring): Promise<{ colors: Float32Array; range?: [number, number] }> {
  const r = await call({ type: 'colors', key, blob, name, stride, ...coloring }, `Colouring "${name}"`, deadlineFor(blob.size, PARSE_DEADLINE));
  if (r.type !== 'colors') throw new PointCloudWorkerError(`"${name}" could not be coloured.`, 'internal');
  return { colors: r.colors, range: r.range };
}

export interface PointCloudRender {
  views: WorkerView[];
  keptPoints: number;
  renderMs: number;
  thumb?: Blob;
}

/** Renders every view of a spec in the worker, as PNG blobs (and pixel → point maps if asked). */
export async function renderInWorker(key: string, blob: Blob, name: string, spec: RenderSpec, opts: { withIndex?: boolean; thumbSide?: number; masks?: PointMaskSource[] } = {}): Promise<PointCloudRender> {
  const r = await call({ type: 'render', key, blob, name, spec, ...opts }, `Rendering "${name}"`, deadlineFor(blob.size, RENDER_DEADLINE));
  if (r.type !== 'rendered') throw new PointCloudWorkerError(`"${name}" could not be rendered.`, 'internal');
  return { views: r.views, keptPoints: r.keptPoints, renderMs: r.renderMs, thumb: r.thumb };
}
