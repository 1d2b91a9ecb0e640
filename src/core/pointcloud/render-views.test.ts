import { describe, expect, it } from 'vitest';
import { cameraBasis, defaultViewerPose, projectToPixel, viewSetPoses, worldToCamera, type Vec3 } from './camera';
import { DEFAULT_RENDER_SPEC, normalizeRenderSpec, renderSpecHash, type RenderSpec } from './render-spec';
import { pointsInBox, renderViews, tileViews, type RenderInput } from './render-views';
import { removeBackground } from './remove-background';
import { colormapTable } from './colormaps';
import { seeded } from './testing/fixture-writers';

function cloudOf(points: number[][], colors?: number[][]): RenderInput {
  return { count: points.length, positions: Float32Array.from(points.flat()), colors: colors && Uint8Array.from(colors.flat()) };
}

/** A square grid in the z = h plane, side 2, centred on the origin. */
function grid(n: number, h = 0): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.push([-1 + (2 * i) / (n - 1), -1 + (2 * j) / (n - 1), h]);
  return out;
}

/** A bumpy surface with a dent, like a scanned part. */
function part(seed: number): RenderInput {
  const r = seeded(seed);
  const pts: number[][] = [];
  for (let k = 0; k < 20000; k++) {
    const x = r() * 2 - 1, y = r() * 2 - 1;
    pts.push([x, y, 0.2 * Math.cos(3 * x) * Math.cos(2 * y) - (Math.hypot(x - 0.3, y + 0.2) < 0.2 ? 0.1 : 0)]);
  }
  return cloudOf(pts);
}

const spec = (s: Partial<RenderSpec>) => normalizeRenderSpec({ ...DEFAULT_RENDER_SPEC, sizePx: 224, ...s });
const px = (v: { rgba: Uint8ClampedArray; width: number }, x: number, y: number) => Array.from(v.rgba.subarray((y * v.width + x) * 4, (y * v.width + x) * 4 + 4));

describe('camera', () => {
  it('view sets have the documented sizes and labels', () => {
    expect(viewSetPoses({ kind: 'faces6' }, 1).map((v) => v.label)).toEqual(['+X', '-X', '+Y', '-Y', '+Z', '-Z']);
    expect(viewSetPoses({ kind: 'tilted9', tiltDeg: 30 }, 1)).toHaveLength(9);
    expect(viewSetPoses({ kind: 'cpmf27', stepDeg: 15 }, 1)).toHaveLength(27);
    expect(viewSetPoses({ kind: 'ring', n: 12, elevationDeg: 20 }, 1).map((v) => v.label)[3]).toBe('ring 90°');
    expect(new Set(viewSetPoses({ kind: 'cpmf27', stepDeg: 15 }, 1).map((v) => v.label)).size).toBe(27);
  });
  it('the target projects to the image centre and the eye sits at the camera origin', () => {
    for (const pose of [defaultViewerPose(2), ...viewSetPoses({ kind: 'tilted9', tiltDeg: 30 }, 2).map((v) => v.pose)]) {
      const m = worldToCamera(pose);
      const cam = (p: Vec3): Vec3 => [0, 1, 2].map((r) => m[r * 4] * p[0] + m[r * 4 + 1] * p[1] + m[r * 4 + 2] * p[2] + m[r * 4 + 3]) as Vec3;
      expect(cam(pose.eye).map((v) => Math.abs(v) < 1e-9)).toEqual([true, true, true]);
      const c = projectToPixel(pose, 100, cam(pose.target))!;
      expect(c[0]).toBeCloseTo(50, 6);
      expect(c[1]).toBeCloseTo(50, 6);
      const { up } = cameraBasis(pose);
      // A point along screen-up lands above the centre.
      const above = projectToPixel(pose, 100, cam([pose.target[0] + up[0] * 0.5, pose.target[1] + up[1] * 0.5, pose.target[2] + up[2] * 0.5]))!;
      expect(above[1]).toBeLessThan(50);
    }
  });
});

describe('renderer', () => {
  it('same cloud and spec give identical pixels', () => {
    for (const style of ['shaded', 'depth', 'height'] as const) {
      const s = spec({ style, removeBackground: true });
      const a = renderViews(part(1), s, removeBackground(part(1)).kept);
      const b = renderViews(part(1), s, removeBackground(part(1)).kept);
      expect(a.length).toBe(9);
      a.forEach((v, i) => {
        expect(Buffer.from(v.rgba).equals(Buffer.from(b[i].rgba))).toBe(true);
        expect(Buffer.from(v.index.buffer).equals(Buffer.from(b[i].index.buffer))).toBe(true);
      });
    }
  });

  it('draws the part in the middle on the background colour, with relief in shaded grey', () => {
    const [front] = renderViews(part(2), spec({ views: { kind: 'faces6' }, background: '#ffffff' })).filter((v) => v.label === '+Z');
    expect(px(front, 2, 2)).toEqual([255, 255, 255, 255]);
    const mid = px(front, 112, 112);
    expect(mid[0]).toBe(mid[1]);
    expect(mid[0]).toBeLessThan(250);
    // Relief shows as several grey levels, not one flat tone.
    const greys = new Set<number>();
    for (let q = 0; q < front.width * front.height; q++) if (front.index[q] >= 0) greys.add(front.rgba[q * 4]);
    expect(greys.size).toBeGreaterThan(30);
    // Sparse points still read as a surface: few background holes inside the part.
    let holes = 0;
    for (let y = 60; y < 160; y++) for (let x = 60; x < 160; x++) if (front.index[y * 224 + x] < 0) holes++;
    expect(holes).toBeLessThan(100);
  });

  it('nearer surfaces hide farther ones, and depth maps near to the high end of the colormap', () => {
    const near = grid(60, 0.5), far = grid(60, -0.5);
    const cloud = cloudOf([...far, ...near]);
    const [top] = renderViews(cloud, spec({ views: { kind: 'faces6' }, style: 'depth', colormap: 'gray', background: '#000000' })).filter((v) => v.label === '+Z');
    const i = top.index[112 * 224 + 112];
    expect(i).toBeGreaterThanOrEqual(far.length);
    expect(px(top, 112, 112)[0]).toBe(255);
    const [bottom] = renderViews(cloud, spec({ views: { kind: 'faces6' }, style: 'depth', colormap: 'gray' })).filter((v) => v.label === '-Z');
    expect(bottom.index[112 * 224 + 112]).toBeLessThan(far.length);
  });

  it('uses the colormap and the file colours', () => {
    const cloud = cloudOf(grid(50), grid(50).map(() => [200, 10, 30]));
    const [d] = renderViews(cloud, spec({ views: { kind: 'faces6' }, style: 'depth', colormap: 'turbo' }));
    const lut = colormapTable('turbo');
    const q = d.index.findIndex((i) => i >= 0);
    const c = Array.from(d.rgba.subarray(q * 4, q * 4 + 3));
    let found = false;
    for (let k = 0; k < 256; k++) if (lut[k * 3] === c[0] && lut[k * 3 + 1] === c[1] && lut[k * 3 + 2] === c[2]) found = true;
    expect(found).toBe(true);
    const [rgb] = renderViews(cloud, spec({ views: { kind: 'faces6' }, style: 'rgb' })).filter((v) => v.label === '+Z');
    expect(px(rgb, 112, 112)).toEqual([200, 10, 30, 255]);
  });

  it('a fixed depth range keeps a shallow slope in a narrow band; auto stretches it over the map', () => {
    const a = cloudOf(grid(40, 0).map(([x, y]) => [x, y, x * 0.2]));
    const range = (s: Partial<RenderSpec>) => {
      const v = renderViews(a, spec({ views: { kind: 'faces6' }, style: 'depth', colormap: 'gray', ...s })).find((w) => w.label === '+Z')!;
      let lo = 255, hi = 0;
      for (let q = 0; q < v.width * v.height; q++) if (v.index[q] >= 0) {
        lo = Math.min(lo, v.rgba[q * 4]);
        hi = Math.max(hi, v.rgba[q * 4]);
      }
      return hi - lo;
    };
    expect(range({})).toBeGreaterThan(250);
    const fixed = range({ depthRange: { mode: 'fixed', span: 2 } });
    expect(fixed).toBeGreaterThan(40);
    expect(fixed).toBeLessThan(60);
  });

  it('maps a normalised box in a view back to the points drawn there', () => {
    const cloud = cloudOf(grid(80));
    const [top] = renderViews(cloud, spec({ views: { kind: 'faces6' } })).filter((v) => v.label === '+Z');
    const left = pointsInBox(top, [0, 0, 0.5, 1]);
    expect(left.length).toBeGreaterThan(1000);
    // +Z view with screen-up +Y: the left half of the image is x < 0.
    for (const i of left) expect(cloud.positions[i * 3]).toBeLessThan(0.05);
    const right = pointsInBox(top, [0.5, 0, 1, 1]);
    for (const i of right) expect(cloud.positions[i * 3]).toBeGreaterThan(-0.05);
  });

  it('tiles views into one grid image', () => {
    const views = renderViews(part(3), spec({}));
    const g = tileViews(views, '#000000');
    expect([g.width, g.height]).toEqual([672, 672]);
    expect(Array.from(g.rgba.subarray(((224 + 112) * 672 + 224 + 112) * 4, ((224 + 112) * 672 + 224 + 112) * 4 + 4))).toEqual(px(views[4], 112, 112));
  });
});

describe('background removal', () => {
  it('drops the table and stray points, keeps the part', () => {
    const r = seeded(9);
    const table: number[][] = [], part: number[][] = [], stray: number[][] = [];
    for (let k = 0; k < 30000; k++) table.push([r() * 4 - 2, r() * 4 - 2, (r() - 0.5) * 0.01]);
    for (let k = 0; k < 5000; k++) {
      const u = r() * Math.PI * 2, v = Math.acos(2 * r() - 1);
      part.push([0.4 * Math.sin(v) * Math.cos(u), 0.4 * Math.sin(v) * Math.sin(u), 0.45 + 0.4 * Math.cos(v)]);
    }
    for (let k = 0; k < 300; k++) stray.push([1.7 + r() * 0.1, 1.7 + r() * 0.1, 0.5 + r() * 0.1]);
    const cloud = cloudOf([...table, ...part, ...stray]);
    const res = removeBackground(cloud);
    expect(res.planePoints).toBeGreaterThan(29000);
    const kept = new Set(res.kept);
    let partKept = 0;
    for (let i = table.length; i < table.length + part.length; i++) if (kept.has(i)) partKept++;
    expect(partKept / part.length).toBeGreaterThan(0.97);
    for (let i = table.length + part.length; i < cloud.count; i++) expect(kept.has(i)).toBe(false);
    expect(res.kept.length).toBeLessThan(part.length + 300);
  });
});

describe('render spec', () => {
  it('hashes equal specs equally whatever the key order, and changes with any setting', () => {
    const a = normalizeRenderSpec({});
    const b = normalizeRenderSpec(Object.fromEntries(Object.entries(a).reverse()) as RenderSpec);
    expect(renderSpecHash(a)).toBe(renderSpecHash(b));
    expect(renderSpecHash(a)).not.toBe(renderSpecHash({ ...a, sizePx: 512 }));
    expect(renderSpecHash(a)).not.toBe(renderSpecHash({ ...a, views: { kind: 'tilted9', tiltDeg: 15 } }));
  });
  it('clamps out-of-range settings', () => {
    const s = normalizeRenderSpec({ sizePx: 5000, pointSizePx: -3, background: 'red', depthRange: { mode: 'fixed', span: -1 } });
    expect(s.sizePx).toBe(1024);
    expect(s.pointSizePx).toBe(1);
    expect(s.background).toBe('#ffffff');
    expect(s.depthRange).toEqual({ mode: 'auto' });
  });
});
