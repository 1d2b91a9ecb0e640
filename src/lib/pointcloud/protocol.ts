/** Messages between the app and `src/workers/pointcloud.worker.ts`. */
import type { CameraPose, Vec3 } from '@/core/pointcloud/camera';
import type { ColormapName } from '@/core/pointcloud/colormaps';
import type { ColorBy } from '@/core/pointcloud/display-colors';
import type { RenderSpec } from '@/core/pointcloud/render-spec';
import type { PointCloud } from '@/core/pointcloud/types';
import type { PointMaskSource } from '@/lib/pointcloud/point-masks';

/** A cloud as the viewer gets it: metadata of the whole cloud, arrays of every `stride`-th point. */
export interface DisplayCloud extends Pick<PointCloud, 'count' | 'offset' | 'bbox' | 'droppedNonFinite' | 'format' | 'encoding' | 'fields'> {
  /** Display point j is file point j × stride; 1 when nothing was dropped for display. */
  stride: number;
  positions: Float32Array;
  colors?: Uint8Array;
  parseMs: number;
  /** Per shown point, 1 = defect (the case's ground truth), when the case has a mask that applies. */
  mask?: Uint8Array;
  /** Defect points in the whole cloud (not only those shown). */
  maskedPoints?: number;
}

export interface WorkerView {
  label: string;
  pose: CameraPose;
  width: number;
  height: number;
  png: Blob;
  /** Point index per pixel (-1 = background), when asked for. */
  index?: Int32Array;
  /** The case's ground truth carried onto this view (PNG, white = defect), when masks were given. */
  mask?: Blob;
}

export type PointCloudRequest =
  | { type: 'parse'; id: number; key: string; blob: Blob; name: string; displayBudget: number; masks?: PointMaskSource[] }
  | { type: 'render'; id: number; key: string; blob: Blob; name: string; spec: RenderSpec; withIndex?: boolean; thumbSide?: number; masks?: PointMaskSource[] }
  | { type: 'colors'; id: number; key: string; blob: Blob; name: string; stride: number; by: ColorBy; colormap: ColormapName; axes: { viewDir: Vec3; up: Vec3 } }
  | { type: 'forget'; id: number; key: string };

export type PointCloudResponse =
  | { type: 'parsed'; id: number; cloud: DisplayCloud }
  | { type: 'rendered'; id: number; views: WorkerView[]; keptPoints: number; renderMs: number; thumb?: Blob }
  | { type: 'colors'; id: number; colors: Float32Array; range?: [number, number] }
  | { type: 'error'; id: number; message: string; kind: string };
