import { describe, expect, it } from 'vitest';
import { applyMaskRgba, clampRect, outputSize, rectToPx } from '@/core/video/crop-mask';

describe('crop and mask rectangle', () => {
  it('keeps the rectangle inside the frame', () => {
    expect(clampRect({ x: -0.2, y: 0.5, w: 2, h: 0.8 })).toEqual({ x: 0, y: 0.5, w: 1, h: 0.5 });
    expect(rectToPx({ x: 0.5, y: 0.5, w: 0.5, h: 0.5 }, 100, 50)).toEqual({ x: 50, y: 25, w: 50, h: 25 });
  });

  it('crops change the output size; masks keep it', () => {
    expect(outputSize({ mode: 'crop', rect: { x: 0, y: 0, w: 0.5, h: 0.25 } }, 200, 100)).toEqual({ width: 100, height: 25 });
    expect(outputSize({ mode: 'mask', rect: { x: 0, y: 0, w: 0.5, h: 0.25 } }, 200, 100)).toEqual({ width: 200, height: 100 });
  });

  it('paints the masked area black and leaves the rest', () => {
    const px = new Uint8ClampedArray(4 * 4 * 4).fill(200);
    applyMaskRgba(px, 4, 4, { x: 0.5, y: 0, w: 0.5, h: 0.5 });
    expect(Array.from(px.slice((0 * 4 + 3) * 4, (0 * 4 + 3) * 4 + 4))).toEqual([0, 0, 0, 255]);
    expect(Array.from(px.slice(0, 4))).toEqual([200, 200, 200, 200]);
    expect(px[(3 * 4 + 3) * 4]).toBe(200);
  });
});
