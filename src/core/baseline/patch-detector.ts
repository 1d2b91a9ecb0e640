/**
 * The offline baseline detector: each query patch is compared with reference patches in a small
 * spatial neighbourhood (tolerant of shifts of a few percent), the nearest distance per patch
 * forms a distance map, and the map is read against what normal references show among
 * themselves (leave-one-out). A local, explainable yardstick — not a model and not reasoning.
 */
import type { FeatureMap } from '@/core/baseline/image-features';

/** How far the whole part may sit off the reference's position, in grid steps (1 px of 128 each). */
export const MAX_SHIFT = 12;
/** How far a patch may move after that global alignment, in grid steps. */
export const SEARCH_RADIUS = 2;

/** What the references of a class say about normal variation. */
export interface Calibration {
  /** Largest smoothed patch distance seen when each reference is compared with the others. */
  normalPeak: number;
  /** Number of references the calibration came from. */
  references: number;
  /** True when there were too few references for leave-one-out and the query itself set the scale. */
  selfCalibrated: boolean;
}

export interface BaselineOutcome {
  /** Anomaly score 0–1; 0.5 sits at the largest difference normal references show among themselves. */
  score: number;
  /** Peak distance ÷ the normal peak. */
  peakRatio: number;
  /** Share of the image (0–1) whose distance exceeds the normal peak. */
  areaFraction: number;
  /** Peak position, 0–1 of width and height. */
  peak: { x: number; y: number };
  /** Distance ÷ normal peak per grid cell (1 = at the edge of normal). */
  heatmap: { width: number; height: number; data: Float32Array };
  calibration: Calibration;
}

function sameGrid(a: FeatureMap, b: FeatureMap) {
  return a.gw === b.gw && a.gh === b.gh && a.dims === b.dims;
}

/**
 * The translation (in grid steps) that best lays `ref` over `query`: the part may sit a few
 * pixels elsewhere in the frame. Searching this first lets the per-patch search stay small, so a
 * missing hole is not matched to plain surface next to it.
 */
export function alignOffset(query: FeatureMap, ref: FeatureMap, maxShift = MAX_SHIFT): { dx: number; dy: number } {
  const { gw, gh, dims } = query;
  const cost = (dx: number, dy: number) => {
    let sum = 0;
    let n = 0;
    for (let y = Math.max(0, -dy); y < Math.min(gh, gh - dy); y += 4) {
      for (let x = Math.max(0, -dx); x < Math.min(gw, gw - dx); x += 4) {
        const qo = (y * gw + x) * dims;
        const ro = ((y + dy) * gw + x + dx) * dims;
        for (let k = 0; k < dims; k++) {
          const t = query.data[qo + k] - ref.data[ro + k];
          sum += t * t;
        }
        n++;
      }
    }
    // A slight preference for small shifts breaks ties on periodic textures.
    return sum / Math.max(1, n) + 1e-4 * (dx * dx + dy * dy);
  };
  // Coarse to fine: every second shift first (features are blurred, so the cost is smooth), then ±1.
  let best = { dx: 0, dy: 0, c: cost(0, 0) };
  const consider = (dx: number, dy: number) => {
    if (Math.abs(dx) > maxShift || Math.abs(dy) > maxShift) return;
    const c = cost(dx, dy);
    if (c < best.c) best = { dx, dy, c };
  };
  for (let dy = -maxShift; dy <= maxShift; dy += 2) for (let dx = -maxShift; dx <= maxShift; dx += 2) consider(dx, dy);
  const { dx: cx, dy: cy } = best;
  for (let dy = cy - 1; dy <= cy + 1; dy++) for (let dx = cx - 1; dx <= cx + 1; dx++) consider(dx, dy);
  return { dx: best.dx, dy: best.dy };
}

/** Nearest-neighbour distance of every query patch to the aligned references, searched within the radius. */
/** Query patches are visited every QUERY_STEP grid cells; references stay dense, so shifts stay 1 px exact. */
export const QUERY_STEP = 2;

/** The grid a distance map is laid on (every QUERY_STEP-th patch of the feature grid). */
export function mapSize(f: FeatureMap): { w: number; h: number } {
  return { w: Math.ceil(f.gw / QUERY_STEP), h: Math.ceil(f.gh / QUERY_STEP) };
}

export function distanceMap(query: FeatureMap, refs: readonly FeatureMap[], radius = SEARCH_RADIUS, align = true): Float32Array {
  const { gw, gh, dims } = query;
  const { w: mw, h: mh } = mapSize(query);
  for (const r of refs) if (!sameGrid(query, r)) throw new Error('Reference and query features differ in size.');
  const offsets = refs.map((r) => (align ? alignOffset(query, r) : { dx: 0, dy: 0 }));
  const out = new Float32Array(mw * mh);
  const q = query.data;
  for (let my = 0; my < mh; my++) {
    for (let mx = 0; mx < mw; mx++) {
      const x = mx * QUERY_STEP;
      const y = my * QUERY_STEP;
      const qo = (y * gw + x) * dims;
      let best = Infinity;
      for (let i = 0; i < refs.length; i++) {
        const r = refs[i].data;
        // Near the border the aligned position may fall outside the reference: use its edge.
        const cx = Math.min(gw - 1, Math.max(0, x + offsets[i].dx));
        const cy = Math.min(gh - 1, Math.max(0, y + offsets[i].dy));
        for (let yy = Math.max(0, cy - radius); yy <= Math.min(gh - 1, cy + radius); yy++) {
          for (let xx = Math.max(0, cx - radius); xx <= Math.min(gw - 1, cx + radius); xx++) {
            const ro = (yy * gw + xx) * dims;
            let d = 0;
            for (let k = 0; k < dims && d < best; k++) {
              const t = q[qo + k] - r[ro + k];
              d += t * t;
            }
            if (d < best) best = d;
          }
        }
      }
      out[my * mw + mx] = Math.sqrt(best);
    }
  }
  return out;
}

/** 3×3 mean, so one noisy patch does not decide; a real defect covers several overlapping patches. */
export function smooth(map: Float32Array, gw: number, gh: number): Float32Array {
  const out = new Float32Array(map.length);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      let s = 0;
      let n = 0;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(gh - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(gw - 1, x + 1); xx++) {
          s += map[yy * gw + xx];
          n++;
        }
      }
      out[y * gw + x] = s / n;
    }
  }
  return out;
}

function peakOf(map: Float32Array): { value: number; index: number } {
  let value = -Infinity;
  let index = 0;
  for (let i = 0; i < map.length; i++) {
    if (map[i] > value) {
      value = map[i];
      index = i;
    }
  }
  return { value, index };
}

/** Leave-one-out over the references: how far apart do normal parts get? Needs ≥ 2 references. */
export function calibrate(refs: readonly FeatureMap[]): Calibration | undefined {
  if (refs.length < 2) return undefined;
  let normalPeak = 0;
  for (let i = 0; i < refs.length; i++) {
    const others = refs.filter((_, j) => j !== i);
    const { w, h } = mapSize(refs[i]);
    const m = smooth(distanceMap(refs[i], others), w, h);
    normalPeak = Math.max(normalPeak, peakOf(m).value);
  }
  return { normalPeak: Math.max(normalPeak, 1e-6), references: refs.length, selfCalibrated: false };
}

function median(values: Float32Array): number {
  const s = Array.from(values).sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Scores one query image against the references of its class. */
export function detect(query: FeatureMap, refs: readonly FeatureMap[], calibration?: Calibration): BaselineOutcome {
  if (refs.length === 0) throw new Error('The baseline needs at least one reference image of the class.');
  const { w: gw, h: gh } = mapSize(query);
  const map = smooth(distanceMap(query, refs), gw, gh);
  // With a single reference there is nothing to compare it with: assume most of the query is
  // normal and take a multiple of its median distance as the edge of normal.
  const calib = calibration ?? { normalPeak: Math.max(median(map) * 3, 1e-6), references: refs.length, selfCalibrated: true };
  const { value, index } = peakOf(map);
  const peakRatio = value / calib.normalPeak;
  const heat = new Float32Array(map.length);
  let above = 0;
  for (let i = 0; i < map.length; i++) {
    heat[i] = map[i] / calib.normalPeak;
    if (heat[i] > 1) above++;
  }
  return {
    score: 1 / (1 + Math.exp(-5 * (peakRatio - 1))),
    peakRatio,
    areaFraction: above / map.length,
    peak: { x: ((index % gw) + 0.5) / gw, y: (Math.floor(index / gw) + 0.5) / gh },
    heatmap: { width: gw, height: gh, data: heat },
    calibration: calib,
  };
}

/** Where in the image a point lies, in words ("upper left", "centre" …). */
export function regionName(x: number, y: number): string {
  const col = x < 1 / 3 ? 0 : x < 2 / 3 ? 1 : 2;
  const row = y < 1 / 3 ? 0 : y < 2 / 3 ? 1 : 2;
  const names = [
    ['upper left', 'top centre', 'upper right'],
    ['left', 'centre', 'right'],
    ['lower left', 'bottom centre', 'lower right'],
  ];
  return names[row][col];
}

function pct(f: number): string {
  const p = f * 100;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}

/** A short factual account of the outcome, labelled as the local baseline. */
export function explain(o: BaselineOutcome, threshold = 0.5): string {
  const refs = `${o.calibration.references} reference image${o.calibration.references === 1 ? '' : 's'}`;
  const head = `Local baseline (patch comparison with ${refs}, not a model):`;
  const ratio = `${o.peakRatio.toFixed(1)}×`;
  const normalWord = o.calibration.selfCalibrated ? 'this image’s typical patch difference × 3' : 'the largest difference among the references';
  if (o.score < threshold) {
    return `${head} no region stands out; the largest difference, at ${regionName(o.peak.x, o.peak.y)}, is ${ratio} ${normalWord}.`;
  }
  return `${head} largest difference at ${regionName(o.peak.x, o.peak.y)}, ${pct(o.areaFraction)} of the area above the normal range, ${ratio} ${normalWord}.`;
}
