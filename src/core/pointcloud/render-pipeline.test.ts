import { describe, expect, it } from 'vitest';
import { decimate, displayStride, renderForSpec, viewCaption } from './render-pipeline';
import { normalizeRenderSpec } from './render-spec';

describe('render pipeline', () => {
  it('decimates by a stride so display index maps back to file index', () => {
    expect(displayStride(5_000_000, 2_000_000)).toBe(3);
    expect(displayStride(10, 20)).toBe(1);
    const a = Float32Array.from({ length: 30 }, (_, i) => i);
    const d = decimate(a, 3, 3);
    expect(Array.from(d)).toEqual([0, 1, 2, 9, 10, 11, 18, 19, 20, 27, 28, 29]);
  });
  it('tiles into one image for the grid layout and captions views by style', () => {
    const cloud = { count: 3, positions: Float32Array.of(0, 0, 0, 1, 0, 0, 0, 1, 0) };
    const spec = normalizeRenderSpec({ layout: 'grid', sizePx: 224 });
    const { views } = renderForSpec(cloud, spec);
    expect(views).toHaveLength(1);
    expect(views[0].width).toBe(224 * 3);
    expect(viewCaption(normalizeRenderSpec({ style: 'depth' }), '+X')).toBe('depth view +X');
  });
});

describe('viewer colours', () => {
  it('colours by height along up, by field, and passes file colours through as linear', async () => {
    const { displayColors } = await import('./display-colors');
    const cloud = { positions: Float32Array.of(0, 0, 0, 0, 0, 1), colors: Uint8Array.of(255, 0, 0, 0, 255, 0), fields: { intensity: Float32Array.of(5, 7) } };
    const axes = { viewDir: [0, 0, -1] as [number, number, number], up: [0, 0, 1] as [number, number, number] };
    const h = displayColors(cloud, 'height', 'gray', axes);
    expect(h.range).toEqual([0, 1]);
    expect(Array.from(h.colors)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(displayColors(cloud, 'field:intensity', 'gray', axes).range).toEqual([5, 7]);
    expect(Array.from(displayColors(cloud, 'rgb', 'gray', axes).colors)).toEqual([1, 0, 0, 0, 1, 0]);
    // Depth: the point nearer the camera (z = 1, camera looking down -z) is bright.
    expect(Array.from(displayColors(cloud, 'depth', 'gray', axes).colors)).toEqual([0, 0, 0, 1, 1, 1]);
  });
});
