import { describe, expect, it } from 'vitest';
import { backgroundOptions, removeBackground } from './remove-background';
import { DEFAULT_RENDER_SPEC, normalizeRenderSpec, renderSpecHash } from './render-spec';

/**
 * An MVTec 3D-AD-like scan in metres: a 20 cm table at z = 0.6 with a 4 mm ripple (sensor noise
 * and tilt), and a 6 cm block standing 12 mm proud of it. Re-centred like a parsed cloud.
 */
function scan() {
  const pts: number[] = [];
  for (let i = 0; i < 200; i++)
    for (let j = 0; j < 200; j++) {
      const x = -0.1 + i * 0.001, y = -0.1 + j * 0.001;
      const onBlock = Math.abs(x) < 0.03 && Math.abs(y) < 0.03;
      pts.push(x, y, onBlock ? -0.012 : 0.002 * Math.sin(i / 7));
    }
  return { count: pts.length / 3, positions: Float32Array.from(pts) };
}

const blockPoints = 59 * 59;

describe('background removal with distances in metres', () => {
  it('drops the table within the plane tolerance the user set, and keeps the part', () => {
    const cloud = scan();
    // 0.8% of the ~28 cm diagonal is 2.3 mm: part of the 4 mm ripple stays, as clutter.
    const relative = removeBackground(cloud);
    const metric = removeBackground(cloud, { planeDistance: 0.005, clusterGap: 0.002 });
    expect(metric.kept.length).toBe(blockPoints);
    expect(metric.planePoints).toBe(cloud.count - blockPoints);
    expect(relative.planePoints).toBeLessThan(metric.planePoints);
  });

  it('reads its distances from the spec; specs saved without them render (and hash) as before', () => {
    expect(backgroundOptions(DEFAULT_RENDER_SPEC)).toEqual({});
    const spec = normalizeRenderSpec({ ...DEFAULT_RENDER_SPEC, removeBackground: true, backgroundDistances: { plane: 0.004, gap: -1 } });
    expect(spec.backgroundDistances).toEqual({ plane: 0.004 });
    expect(backgroundOptions(spec)).toEqual({ planeDistance: 0.004 });
    const old = normalizeRenderSpec({ ...DEFAULT_RENDER_SPEC, removeBackground: true });
    expect(old.backgroundDistances).toBeUndefined();
    expect(renderSpecHash(normalizeRenderSpec({ ...old, backgroundDistances: {} }))).toBe(renderSpecHash(old));
  });

  it('keeps the cluster grid small when the gap is tiny against the cloud', () => {
    const cloud = scan();
    expect(removeBackground(cloud, { planeDistance: 0.005, clusterGap: 1e-9 }).kept.length).toBeGreaterThan(0);
  });
});
