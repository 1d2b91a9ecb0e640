import { bboxRadius, normalize, sub, upFor, viewSetPoses, worldToCamera, type CameraPose, type NamedPose, type Vec3 } from './camera';
import { colormapTable, parseHexColor } from './colormaps';
import { resolveFront, type RenderSpec } from './render-spec';

/** What the renderer needs of a cloud (a `PointCloud` fits). */
export interface RenderInput {
  count: number;
  positions: Float32Array;
  colors?: Uint8Array;
  /** File-coordinate bounding box, used to resolve `front: 'auto'`. */
  bbox?: { min: Vec3; max: Vec3 };
}

export interface RenderedView {
  label: string;
  pose: CameraPose;
  width: number;
  height: number;
  /** RGBA bytes, row-major from the top-left. */
  rgba: Uint8ClampedArray;
  /** Index of the point drawn at each pixel (into the cloud's arrays), -1 for background. */
  index: Int32Array;
}

/** Bounding box and centre of the points that will be drawn (all, or a subset). */
export function subsetBounds(cloud: RenderInput, subset?: Uint32Array): { min: Vec3; max: Vec3; centre: Vec3; radius: number } {
  const p = cloud.positions;
  const n = subset ? subset.length : cloud.count;
  const min: Vec3 = [Infinity, Infinity, Infinity], max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let k = 0; k < n; k++) {
    const i = (subset ? subset[k] : k) * 3;
    for (let c = 0; c < 3; c++) {
      const v = p[i + c];
      if (v < min[c]) min[c] = v;
      if (v > max[c]) max[c] = v;
    }
  }
  if (n === 0) return { min: [0, 0, 0], max: [0, 0, 0], centre: [0, 0, 0], radius: 1 };
  return { min, max, centre: [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2], radius: bboxRadius({ min, max }) };
}

/** The named poses a spec renders, framed on the points to draw. */
export function posesForSpec(cloud: RenderInput, spec: RenderSpec, subset?: Uint32Array): NamedPose[] {
  if (spec.views.kind === 'captured') return spec.views.views;
  const b = subsetBounds(cloud, subset);
  return viewSetPoses(spec.views, b.radius, resolveFront(spec.front, cloud.bbox)).map((v) => {
    const d = sub(v.pose.eye, v.pose.target);
    return { label: v.label, pose: { ...v.pose, target: b.centre, eye: [b.centre[0] + d[0], b.centre[1] + d[1], b.centre[2] + d[2]] } };
  });
}

/** Splat side from point density: about 1.4 × the mean spacing of a surface seen from one side. */
export function autoPointSize(count: number, sizePx: number): number {
  return Math.max(1, Math.min(12, Math.round((1.4 * sizePx) / Math.sqrt(Math.max(1, count)))));
}

/** Renders every view of a spec. Deterministic: the same cloud and spec give the same pixels. */
export function renderViews(cloud: RenderInput, spec: RenderSpec, subset?: Uint32Array): RenderedView[] {
  const poses = posesForSpec(cloud, spec, subset);
  const n = subset ? subset.length : cloud.count;
  const pointSize = spec.pointSizePx === 'auto' ? autoPointSize(n, spec.sizePx) : spec.pointSizePx;
  const heights = spec.style === 'height' ? heightValues(cloud, spec, subset) : undefined;
  return poses.map((v) => renderView(cloud, v, spec, pointSize, subset, heights));
}

function heightValues(cloud: RenderInput, spec: RenderSpec, subset?: Uint32Array): { values: Float32Array; lo: number; hi: number } {
  const up = upFor(resolveFront(spec.front, cloud.bbox));
  const p = cloud.positions;
  const values = new Float32Array(cloud.count);
  let lo = Infinity, hi = -Infinity;
  const n = subset ? subset.length : cloud.count;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k] : k;
    const h = p[i * 3] * up[0] + p[i * 3 + 1] * up[1] + p[i * 3 + 2] * up[2];
    values[i] = h;
    if (h < lo) lo = h;
    if (h > hi) hi = h;
  }
  return { values, lo, hi };
}

export function renderView(cloud: RenderInput, view: NamedPose, spec: RenderSpec, pointSize: number, subset?: Uint32Array, heights?: { values: Float32Array; lo: number; hi: number }): RenderedView {
  const S = spec.sizePx;
  const pose = view.pose;
  const ortho = pose.projection === 'orthographic';
  const tanHalf = Math.tan((pose.fovDeg * Math.PI) / 360);
  const halfH = pose.halfHeight;
  const zbuf = scratch(S, 0);
  const index = new Int32Array(S * S);
  const pairs = depthPairs(S);
  splat(cloud.positions, subset ? subset.length : cloud.count, subset, worldToCamera(pose), S, ortho, tanHalf, halfH, pointSize, pairs.z, pairs.i);
  for (let q = 0, q2 = 0; q < S * S; q++, q2 += 2) {
    zbuf[q] = pairs.z[q2];
    index[q] = pairs.i[q2 + 1];
  }
  closeSeeThrough(zbuf, index, S, ortho ? (2 * halfH) / S : (2 * tanHalf) / S, ortho, pointSize);
  const rgba = new Uint8ClampedArray(S * S * 4);
  const [br, bg, bb] = parseHexColor(spec.background);
  fillRgba(rgba, br, bg, bb);
  if (spec.style === 'shaded') shade(rgba, zbuf, index, S, ortho ? (2 * halfH) / S : (2 * tanHalf) / S, ortho, pointSize);
  else if (spec.style === 'rgb' && cloud.colors) {
    const c = cloud.colors;
    for (let q = 0; q < S * S; q++) {
      const i = index[q];
      if (i < 0) continue;
      rgba[q * 4] = c[i * 3];
      rgba[q * 4 + 1] = c[i * 3 + 1];
      rgba[q * 4 + 2] = c[i * 3 + 2];
    }
  } else {
    const lut = colormapTable(spec.colormap);
    let lo: number, hi: number;
    if (spec.style === 'height' && heights) {
      lo = heights.lo;
      hi = heights.hi;
    } else if (spec.depthRange.mode === 'fixed') {
      const dc = Math.hypot(...sub(pose.eye, pose.target));
      lo = dc - spec.depthRange.span / 2;
      hi = dc + spec.depthRange.span / 2;
    } else {
      lo = Infinity;
      hi = -Infinity;
      for (let q = 0; q < S * S; q++) {
        const d = zbuf[q];
        if (d === Infinity) continue;
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
    }
    const span = hi - lo || 1;
    const byHeight = spec.style === 'height' && heights ? heights.values : undefined;
    for (let q = 0; q < S * S; q++) {
      const i = index[q];
      if (i < 0) continue;
      // Depth: near is the high end of the map (bright); height: high is the high end.
      let t = byHeight ? (byHeight[i] - lo) / span : 1 - (zbuf[q] - lo) / span;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const e = Math.round(t * 255) * 3;
      rgba[q * 4] = lut[e];
      rgba[q * 4 + 1] = lut[e + 1];
      rgba[q * 4 + 2] = lut[e + 2];
    }
  }
  return { label: view.label, pose, width: S, height: S, rgba, index };
}

/**
 * Scratch float buffers of S × S, kept between views and calls: a 9-view render at 512² would
 * otherwise allocate and collect dozens of megabytes. Slot k is one buffer; callers never hold
 * one across another renderView call.
 */
const scratchBufs: Float32Array[] = [];
function scratch(S: number, slot: number): Float32Array {
  let b = scratchBufs[slot];
  if (!b || b.length !== S * S) b = scratchBufs[slot] = new Float32Array(S * S);
  return b;
}
const scratchIndex: { b?: Int32Array } = {};

/**
 * The depth buffer while points are drawn: depth and point index side by side (float32 at 2q,
 * int32 at 2q + 1), so the depth test and its write touch one cache line, not two, per point.
 * Filled with (Infinity, -1) through a 64-bit view, which copies the bits as they are.
 */
let pairBuf: { z: Float32Array; i: Int32Array; all: BigInt64Array; empty: bigint } | undefined;
function depthPairs(S: number): { z: Float32Array; i: Int32Array } {
  if (!pairBuf || pairBuf.z.length !== 2 * S * S) {
    const buf = new ArrayBuffer(8 * S * S);
    const one = new ArrayBuffer(8);
    new Float32Array(one)[0] = Infinity;
    new Int32Array(one)[1] = -1;
    pairBuf = { z: new Float32Array(buf), i: new Int32Array(buf), all: new BigInt64Array(buf), empty: new BigInt64Array(one)[0] };
  }
  pairBuf.all.fill(pairBuf.empty);
  return pairBuf;
}

/** Opaque background in one native fill: the four bytes read as one 32-bit word in this machine's order. */
function fillRgba(rgba: Uint8ClampedArray, r: number, g: number, b: number) {
  const word = new Uint32Array(Uint8Array.of(r, g, b, 255).buffer)[0];
  new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2).fill(word);
}

/**
 * Projects points into the depth buffer, nearest wins. One-pixel splats of a whole cloud (the
 * dense case, and the hot one) get loops of their own without the subset, size and projection
 * tests per point; the arithmetic is the same in every branch, so the pixels are too.
 */
function splat(p: Float32Array, n: number, subset: Uint32Array | undefined, m: Float64Array, S: number, ortho: boolean, tanHalf: number, halfH: number, s: number, zbuf: Float32Array, index: Int32Array) {
  // zbuf and index are the two views of the depth pairs: pixel q lives at 2q and 2q + 1.
  const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7], m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11];
  const halfS = S / 2;
  const orthoScale = halfS / halfH;
  if (s === 1 && !subset && !ortho) {
    for (let i = 0, i3 = 0; i < n; i++, i3 += 3) {
      const x = p[i3], y = p[i3 + 1], z = p[i3 + 2];
      const d = -(m8 * x + m9 * y + m10 * z + m11);
      if (d <= 0) continue;
      const scalePx = halfS / (d * tanHalf);
      const px = halfS + (m0 * x + m1 * y + m2 * z + m3) * scalePx;
      const py = halfS - (m4 * x + m5 * y + m6 * z + m7) * scalePx;
      if (px < 0 || py < 0 || px >= S || py >= S) continue;
      const q = ((py | 0) * S + (px | 0)) << 1;
      if (d < zbuf[q]) {
        zbuf[q] = d;
        index[q + 1] = i;
      }
    }
    return;
  }
  const lead = (s - 1) >> 1;
  for (let k = 0; k < n; k++) {
    const i = subset ? subset[k] : k;
    const x = p[i * 3], y = p[i * 3 + 1], z = p[i * 3 + 2];
    const d = -(m8 * x + m9 * y + m10 * z + m11);
    if (d <= 0) continue;
    const scalePx = ortho ? orthoScale : halfS / (d * tanHalf);
    const px = halfS + (m0 * x + m1 * y + m2 * z + m3) * scalePx;
    const py = halfS - (m4 * x + m5 * y + m6 * z + m7) * scalePx;
    if (s === 1) {
      if (px < 0 || py < 0 || px >= S || py >= S) continue;
      const q = ((py | 0) * S + (px | 0)) << 1;
      if (d < zbuf[q]) {
        zbuf[q] = d;
        index[q + 1] = i;
      }
      continue;
    }
    const x0 = Math.floor(px) - lead, y0 = Math.floor(py) - lead;
    if (x0 >= S || y0 >= S || x0 + s <= 0 || y0 + s <= 0) continue;
    const xa = x0 < 0 ? 0 : x0, xb = x0 + s > S ? S : x0 + s;
    const ya = y0 < 0 ? 0 : y0, yb = y0 + s > S ? S : y0 + s;
    for (let yy = ya; yy < yb; yy++) {
      let q = (yy * S + xa) << 1;
      for (let xx = xa; xx < xb; xx++, q += 2) {
        if (d < zbuf[q]) {
          zbuf[q] = d;
          index[q + 1] = i;
        }
      }
    }
  }
}

/**
 * A far point seen through a gap between near splats is not visible on a real surface: when most
 * neighbours of a pixel are clearly nearer, the pixel takes the nearest neighbour's point.
 */
function closeSeeThrough(zbuf: Float32Array, index: Int32Array, S: number, pixWorld: number, ortho: boolean, splat: number) {
  const src = scratch(S, 1);
  src.set(zbuf);
  const srcIndex = scratchIndex.b?.length === index.length ? scratchIndex.b : (scratchIndex.b = new Int32Array(index.length));
  srcIndex.set(index);
  const k = 4 * Math.max(1, splat) * pixWorld;
  // The 8 neighbours as offsets, in the order ties are broken (first nearest wins).
  const offs = [-S - 1, -S, -S + 1, -1, 1, S - 1, S, S + 1];
  const o0 = offs[0], o1 = offs[1], o2 = offs[2], o3 = offs[3], o4 = offs[4], o5 = offs[5], o6 = offs[6], o7 = offs[7];
  for (let y = 1; y < S - 1; y++) {
    for (let q = y * S + 1, end = y * S + S - 1; q < end; q++) {
      const d = src[q];
      // "Clearly nearer": nd < d − gap, where gap grows with the neighbour's depth under perspective
      // (nd < d − k·nd ⇔ nd < d / (1 + k)); every drawn neighbour is nearer than an empty pixel.
      const thr = d === Infinity ? Infinity : ortho ? d - k : d / (1 + k);
      let nearer = 0, best = Infinity, bestQ = -1;
      let nd: number;
      if ((nd = src[q + o0]) < thr) { nearer++; if (nd < best) { best = nd; bestQ = q + o0; } }
      if ((nd = src[q + o1]) < thr) { nearer++; if (nd < best) { best = nd; bestQ = q + o1; } }
      if ((nd = src[q + o2]) < thr) { nearer++; if (nd < best) { best = nd; bestQ = q + o2; } }
      if ((nd = src[q + o3]) < thr) { nearer++; if (nd < best) { best = nd; bestQ = q + o3; } }
      if (nearer < 2) continue; // 6 of 8 can no longer be reached
      if ((nd = src[q + o4]) < thr) { nearer++; if (nd < best) { best = nd; bestQ = q + o4; } }
      if ((nd = src[q + o5]) < thr) { nearer++; if (nd < best) { best = nd; bestQ = q + o5; } }
      if ((nd = src[q + o6]) < thr) { nearer++; if (nd < best) { best = nd; bestQ = q + o6; } }
      if ((nd = src[q + o7]) < thr) { nearer++; if (nd < best) { best = nd; bestQ = q + o7; } }
      if (nearer >= 6) {
        zbuf[q] = best;
        index[q] = srcIndex[bestQ];
      }
    }
  }
}

const LIGHT = normalize([-0.45, 0.55, 0.7]);

/**
 * Lit uniform grey from the depth buffer: normals from the gradient of a box-smoothed depth map
 * (so splats read as one surface), Lambert light from the upper left plus ambient.
 */
function shade(rgba: Uint8ClampedArray, zbuf: Float32Array, index: Int32Array, S: number, pixWorld: number, ortho: boolean, splat: number) {
  const r = Math.max(1, splat);
  const tmpS = scratch(S, 1);
  const tmpC = scratch(S, 2);
  // Horizontal then vertical box sums over covered pixels.
  for (let y = 0; y < S; y++) {
    let a = 0, c = 0;
    const row = y * S;
    for (let x = -r; x < S; x++) {
      const add = x + r;
      if (add < S && index[row + add] >= 0) {
        a += zbuf[row + add];
        c++;
      }
      const rem = x - r - 1;
      if (rem >= 0 && index[row + rem] >= 0) {
        a -= zbuf[row + rem];
        c--;
      }
      if (x >= 0) {
        tmpS[row + x] = a;
        tmpC[row + x] = c;
      }
    }
  }
  // The vertical pass walks rows (a running sum per column), so memory is read in order; each
  // column adds and removes in the same order as a column walk would, so the sums are identical.
  // Smoothed depth (the float32 sum over the count), Infinity where nothing is drawn.
  const sm = scratch(S, 3);
  const colA = new Float64Array(S), colC = new Float64Array(S);
  for (let y = -r; y < S; y++) {
    const add = y + r, rem = y - r - 1;
    if (add < S) {
      const o = add * S;
      for (let x = 0; x < S; x++) {
        colA[x] += tmpS[o + x];
        colC[x] += tmpC[o + x];
      }
    }
    if (rem >= 0) {
      const o = rem * S;
      for (let x = 0; x < S; x++) {
        colA[x] -= tmpS[o + x];
        colC[x] -= tmpC[o + x];
      }
    }
    if (y < 0) continue;
    for (let x = 0, q = y * S; x < S; x++, q++) {
      const c = Math.fround(colC[x]);
      sm[q] = index[q] >= 0 && c > 0 ? Math.fround(colA[x]) / c : Infinity;
    }
  }
  const lx = LIGHT[0], ly = LIGHT[1], lz = LIGHT[2];
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const q = y * S + x;
      if (index[q] < 0) continue;
      const d = sm[q];
      const pw = ortho ? pixWorld : pixWorld * d;
      const edge = 6 * pw * r;
      // Central differences where both neighbours belong to the same surface, one-sided otherwise.
      const l = x > 0 ? sm[q - 1] : Infinity, rr = x < S - 1 ? sm[q + 1] : Infinity;
      const okL = Math.abs(l - d) < edge, okR = Math.abs(rr - d) < edge;
      const gx = okL && okR ? (rr - l) / (2 * pw) : okR ? (rr - d) / pw : okL ? (d - l) / pw : 0;
      const u = y > 0 ? sm[q - S] : Infinity, dn = y < S - 1 ? sm[q + S] : Infinity;
      const okU = Math.abs(u - d) < edge, okD = Math.abs(dn - d) < edge;
      const gy = okU && okD ? (dn - u) / (2 * pw) : okD ? (dn - d) / pw : okU ? (d - u) / pw : 0;
      // Camera-space normal of the surface z = -depth (image y points down).
      const nl = Math.sqrt(gx * gx + gy * gy + 1);
      const lam = (gx * lx - gy * ly + lz) / nl;
      // Key light plus a head-on fill, so faces turned from the key light keep their relief.
      const v = Math.round(45 + 190 * (0.7 * (lam > 0 ? lam : 0) + 0.3 / nl));
      rgba[q * 4] = v;
      rgba[q * 4 + 1] = v;
      rgba[q * 4 + 2] = v;
    }
  }
}

/** Tiles views into one grid image (row-major, left to right); the index maps tile alike. */
export function tileViews(views: RenderedView[], background: string): RenderedView {
  const cols = Math.ceil(Math.sqrt(views.length));
  const rows = Math.ceil(views.length / cols);
  const S = views[0].width;
  const W = cols * S, H = rows * S;
  const rgba = new Uint8ClampedArray(W * H * 4);
  const index = new Int32Array(W * H).fill(-1);
  const [br, bg, bb] = parseHexColor(background);
  for (let q = 0; q < W * H; q++) {
    rgba[q * 4] = br;
    rgba[q * 4 + 1] = bg;
    rgba[q * 4 + 2] = bb;
    rgba[q * 4 + 3] = 255;
  }
  views.forEach((v, k) => {
    const ox = (k % cols) * S, oy = Math.floor(k / cols) * S;
    for (let y = 0; y < S; y++) {
      rgba.set(v.rgba.subarray(y * S * 4, (y + 1) * S * 4), ((oy + y) * W + ox) * 4);
      index.set(v.index.subarray(y * S, (y + 1) * S), (oy + y) * W + ox);
    }
  });
  return { label: `grid of ${views.length} views (${views.map((v) => v.label).join('; ')})`, pose: views[0].pose, width: W, height: H, rgba, index };
}

/** Points drawn inside a normalised box [x0, y0, x1, y1] (0–1, from the top-left) of a view. */
export function pointsInBox(view: Pick<RenderedView, 'width' | 'height' | 'index'>, box: [number, number, number, number]): Uint32Array {
  const x0 = Math.max(0, Math.floor(Math.min(box[0], box[2]) * view.width));
  const x1 = Math.min(view.width, Math.ceil(Math.max(box[0], box[2]) * view.width));
  const y0 = Math.max(0, Math.floor(Math.min(box[1], box[3]) * view.height));
  const y1 = Math.min(view.height, Math.ceil(Math.max(box[1], box[3]) * view.height));
  const seen = new Set<number>();
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = view.index[y * view.width + x];
      if (i >= 0) seen.add(i);
    }
  return Uint32Array.from([...seen].sort((a, b) => a - b));
}

/** The view direction as a unit vector (from eye toward target). */
export function viewDirection(pose: CameraPose): Vec3 {
  return normalize(sub(pose.target, pose.eye));
}
