import { describe, expect, it } from 'vitest';
import { organisedXyzToCloud, PIXEL_FIELD } from './organised-xyz';
import { removeBackground } from './remove-background';
import { seededRandom } from '@/core/random';

/**
 * An MVTec 3D-AD-like scan in metres: 120 × 100 pixels at 0.5 mm on a table at z = 0.600 m
 * (sensor noise ±0.1 mm), a round part 15 mm high in the middle, and holes (zeros) where the
 * sensor saw nothing.
 */
function scan() {
  const w = 120, h = 100;
  const rand = seededRandom(7);
  const xyz = new Float32Array(w * h * 3);
  let part = 0;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const i = r * w + c;
      if (rand() < 0.03) continue; // hole: stays 0, 0, 0
      const x = (c - w / 2) * 0.0005, y = (r - h / 2) * 0.0005;
      const onPart = x * x + y * y < 0.012 ** 2;
      // The camera looks down +z: the part's top is nearer (smaller z) than the table.
      const z = (onPart ? 0.585 : 0.6) + (rand() - 0.5) * 0.0002;
      if (onPart) part++;
      xyz.set([x, y, z], i * 3);
    }
  }
  return { xyz, w, h, part };
}

describe('MVTec 3D-AD scans (metres)', () => {
  it('keeps every non-hole pixel as a point with its pixel index', () => {
    const s = scan();
    const cloud = organisedXyzToCloud(s.xyz, s.w, s.h, '000.tiff');
    let holes = 0;
    for (let i = 0; i < s.w * s.h; i++) if (s.xyz[i * 3] === 0 && s.xyz[i * 3 + 1] === 0 && s.xyz[i * 3 + 2] === 0) holes++;
    expect(cloud.count).toBe(s.w * s.h - holes);
    const px = cloud.fields[PIXEL_FIELD];
    for (let k = 1; k < cloud.count; k++) expect(px[k]).toBeGreaterThan(px[k - 1]);
  });
  it('background removal drops the table plane and keeps the part', () => {
    const s = scan();
    const cloud = organisedXyzToCloud(s.xyz, s.w, s.h, '000.tiff');
    const bg = removeBackground(cloud);
    expect(bg.planePoints).toBeGreaterThan(cloud.count * 0.7);
    // The part's points survive (a ring at its foot may go with the plane's tolerance).
    expect(bg.kept.length).toBeGreaterThan(s.part * 0.9);
    expect(bg.kept.length).toBeLessThanOrEqual(s.part);
  });
});
