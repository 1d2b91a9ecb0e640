import { describe, expect, it } from 'vitest';
import { actualSizeView, fitView, MAX_SCALE, panBy, wheelFactor, zoomAt } from '@/components/zoom-pan-math';

describe('zoom/pan view maths', () => {
  it('fits a wide image to the box width and centres it vertically', () => {
    expect(fitView({ w: 1000, h: 500 }, { w: 500, h: 500 })).toEqual({ scale: 0.5, x: 0, y: 125 });
  });

  it('does not blow a tiny image up beyond 8×', () => {
    expect(fitView({ w: 10, h: 10 }, { w: 1000, h: 1000 }).scale).toBe(8);
  });

  it('keeps the point under the cursor in place while zooming', () => {
    const v = { scale: 1, x: 10, y: 20 };
    const z = zoomAt(v, 2, 110, 120);
    // image point (100, 100) was at (110, 120) and stays there
    expect(z.x + 100 * z.scale).toBeCloseTo(110);
    expect(z.y + 100 * z.scale).toBeCloseTo(120);
    expect(z.scale).toBe(2);
  });

  it('stops at the largest zoom', () => {
    expect(zoomAt({ scale: 20, x: 0, y: 0 }, 10, 0, 0).scale).toBe(MAX_SCALE);
  });

  it('1:1 shows one image pixel per screen pixel around the box centre', () => {
    const v = actualSizeView({ scale: 0.5, x: 0, y: 125 }, { w: 500, h: 500 });
    expect(v.scale).toBe(1);
    // the image point at the centre, (500, 250), stays at the centre
    expect(v.x + 500 * v.scale).toBeCloseTo(250);
    expect(v.y + 250 * v.scale).toBeCloseTo(250);
  });

  it('pans by screen pixels and zooms in on wheel up', () => {
    expect(panBy({ scale: 2, x: 1, y: 1 }, 5, -3)).toEqual({ scale: 2, x: 6, y: -2 });
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(100)).toBeLessThan(1);
  });
});
