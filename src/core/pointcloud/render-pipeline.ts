import { backgroundOptions, removeBackground } from './remove-background';
import type { RenderSpec } from './render-spec';
import { renderViews, tileViews, type RenderInput, type RenderedView } from './render-views';

/** Every image a spec makes of a cloud, in the order the model gets them (one when tiled). */
export function renderForSpec(cloud: RenderInput, spec: RenderSpec): { views: RenderedView[]; keptPoints: number } {
  const subset = spec.removeBackground ? removeBackground(cloud, backgroundOptions(spec)).kept : undefined;
  const views = renderViews(cloud, spec, subset && subset.length > 0 ? subset : undefined);
  return { views: spec.layout === 'grid' && views.length > 1 ? [tileViews(views, spec.background)] : views, keptPoints: subset?.length ?? cloud.count };
}

/** What a view's caption says the image is, e.g. "depth view +X". */
export function viewCaption(spec: RenderSpec, label: string): string {
  const style = spec.style === 'shaded' ? 'shaded' : spec.style === 'rgb' ? 'colour' : spec.style;
  return `${style} view ${label}`;
}

/**
 * Every k-th point, so at most `budget` points are drawn on screen. The stride keeps the
 * mapping trivial: file point i is shown as display point i / k when i % k is 0.
 */
export function displayStride(count: number, budget: number): number {
  return count <= budget ? 1 : Math.ceil(count / budget);
}

export function decimate<T extends Float32Array | Uint8Array>(a: T, itemSize: number, stride: number): T {
  if (stride === 1) return a;
  const n = Math.ceil(a.length / itemSize / stride);
  const out = new (a.constructor as { new (n: number): T })(n * itemSize);
  for (let j = 0, i = 0; j < n; j++, i += stride) for (let c = 0; c < itemSize; c++) out[j * itemSize + c] = a[i * itemSize + c];
  return out;
}
