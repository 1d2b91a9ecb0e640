import type { AxisDir, ViewSet } from './camera';
import type { ColormapName } from './colormaps';
import { canonicalJson } from '@/core/identity';

/** How a point cloud becomes the 2D images a model sees. Stored per case or per class. */
export interface RenderSpec {
  /** shaded: lit uniform grey (as CPMF, PointAD, MVP-PCLIP and the method's authors render); depth: false-colour distance; height: false-colour along screen-up of the canonical view; rgb: the file's colours. */
  style: 'shaded' | 'depth' | 'height' | 'rgb';
  colormap: ColormapName;
  /** CSS hex, e.g. '#ffffff'. */
  background: string;
  views: ViewSet;
  /** The side the canonical view looks from; 'auto' picks −Z for sensor-frame scans, else +Z (see `resolveFront`). */
  front: AxisDir | 'auto';
  /** Square image side, px (224–1024). */
  sizePx: number;
  /** Splat side in px, or 'auto' from point density so sparse scans read as surfaces. */
  pointSizePx: number | 'auto';
  /** auto: the visible depth range of each view; fixed: a window of `span` cloud units centred on the cloud, so parts compare across cases. */
  depthRange: { mode: 'auto' } | { mode: 'fixed'; span: number };
  /** Send each view as its own image, or all tiled into one grid image. */
  layout: 'separate' | 'grid';
  /** Fit the dominant plane (RANSAC), drop it and keep the largest cluster before rendering. */
  removeBackground: boolean;
  /**
   * Distances for background removal in the cloud's own units — metres for MVTec 3D-AD scans:
   * `plane`, how far from the fitted plane a point still counts as table; `gap`, the largest gap
   * within one cluster. Absent = the old defaults relative to the cloud's size (0.8% and 1% of the
   * bounding-box diagonal), so specs saved before keep rendering as they did.
   */
  backgroundDistances?: { plane?: number; gap?: number };
  /**
   * For scans that come with a photo of the same part (MVTec 3D-AD's RGB image): what the model
   * gets — the renders, the photo, or both, each captioned. Absent means renders only. It does not
   * change the renders' pixels, so it is left out of the render hash.
   */
  modalities?: Modalities;
}

export type Modalities = 'renders' | 'photo' | 'both';
export const MODALITIES: Modalities[] = ['renders', 'photo', 'both'];

/** Bumped when the renderer's pixels change, so cached renders are made again. */
export const RENDERER_VERSION = 1;

export const DEFAULT_RENDER_SPEC: RenderSpec = {
  style: 'shaded',
  colormap: 'turbo',
  background: '#ffffff',
  views: { kind: 'tilted9', tiltDeg: 30 },
  front: 'auto',
  sizePx: 336,
  pointSizePx: 'auto',
  depthRange: { mode: 'auto' },
  layout: 'separate',
  removeBackground: false,
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Fills gaps and clamps numbers so any stored (or hand-edited) spec renders. */
export function normalizeRenderSpec(s: Partial<RenderSpec> | undefined): RenderSpec {
  const d = DEFAULT_RENDER_SPEC;
  const spec: RenderSpec = { ...d, ...(s ?? {}) };
  spec.sizePx = clamp(Math.round(Number(spec.sizePx) || d.sizePx), 224, 1024);
  if (spec.pointSizePx !== 'auto') spec.pointSizePx = clamp(Math.round(Number(spec.pointSizePx) || 1), 1, 16);
  if (!['shaded', 'depth', 'height', 'rgb'].includes(spec.style)) spec.style = d.style;
  if (!['turbo', 'viridis', 'gray'].includes(spec.colormap)) spec.colormap = d.colormap;
  if (!/^#[0-9a-f]{6}$/i.test(spec.background)) spec.background = d.background;
  if (!['auto', '+X', '-X', '+Y', '-Y', '+Z', '-Z'].includes(spec.front)) spec.front = d.front;
  if (spec.layout !== 'grid') spec.layout = 'separate';
  if (spec.depthRange?.mode === 'fixed' && !(spec.depthRange.span > 0)) spec.depthRange = { mode: 'auto' };
  spec.removeBackground = !!spec.removeBackground;
  const dist = spec.backgroundDistances;
  const positive = (v: unknown) => (typeof v === 'number' && v > 0 && Number.isFinite(v) ? v : undefined);
  const plane = positive(dist?.plane), gap = positive(dist?.gap);
  if (plane || gap) spec.backgroundDistances = { ...(plane ? { plane } : {}), ...(gap ? { gap } : {}) };
  else delete spec.backgroundDistances;
  if (!MODALITIES.includes(spec.modalities as Modalities) || spec.modalities === 'renders') delete spec.modalities;
  return spec;
}

/** A short stable hash (FNV-1a, 2 × 32 bit) of the spec and the renderer version. */
export function renderSpecHash(spec: RenderSpec): string {
  const text = `pc-render-v${RENDERER_VERSION}:${canonicalJson({ ...spec, modalities: undefined })}`;
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193 + 2);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** A one-line description for captions and tooltips. */
export function describeRenderSpec(s: RenderSpec): string {
  const views = s.views.kind === 'faces6' ? '6 faces' : s.views.kind === 'tilted9' ? `9 tilted views (±${s.views.tiltDeg}°)` : s.views.kind === 'cpmf27' ? `27 views (0/±${s.views.stepDeg}°)` : s.views.kind === 'ring' ? `ring of ${s.views.n}` : `${s.views.views.length} captured view${s.views.views.length === 1 ? '' : 's'}`;
  return `${s.style === 'shaded' ? 'shaded grey' : s.style === 'rgb' ? 'RGB' : `${s.style} (${s.colormap})`}, ${views}, ${s.sizePx} px`;
}

/**
 * The canonical side for 'auto': a scan in a depth sensor's frame (PCL/ROS optical frame: the
 * sensor at the origin looking along +z) lies wholly in front of the origin, clear of it, so it
 * is seen as the sensor saw it (from −Z); anything else (a model centred near the origin, a part
 * with z up standing on z = 0) is seen from +Z.
 */
export function resolveFront(front: RenderSpec['front'], bbox: { min: [number, number, number]; max: [number, number, number] } | undefined): AxisDir {
  if (front !== 'auto') return front;
  if (!bbox) return '+Z';
  const zMin = bbox.min[2], zMax = bbox.max[2];
  return zMin > 0.25 * (zMax - zMin) ? '-Z' : '+Z';
}
