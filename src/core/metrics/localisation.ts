/**
 * Where the defect is, checked against the dataset's masks.
 * - Boxes: for true positives (anomalous, called anomalous) whose mask is not empty, the hit rate
 *   (some box covers a defect pixel) over answers that gave a box, the mean IoU of the best box
 *   against the mask's bounding region, and how many such answers gave no box at all.
 * - Heatmaps: pixel-level AUROC against the masks, all pixels of a group pooled (as anomalib
 *   reports it).
 */
import type { LabelStatus, Verdict } from '@/core/model';
import { rate, type Rate } from '@/core/metrics/rates';
import { seededRandom } from '@/core/random';
import type { Box } from '@/core/metrics/masks';

export interface LocalisationInput {
  caseId: string;
  className: string;
  truth: LabelStatus;
  verdict?: Verdict;
  /** The answer's boxes on the image the mask belongs to. */
  boxes: Box[];
  /** Set for cases with masks: the union's bounding region (null when empty) and, per box, whether it covers a defect pixel. */
  mask?: { region: Box | null; hits: boolean[] };
}

export interface MeanWithInterval {
  value: number | null;
  /** 95% percentile bootstrap interval (2,000 resamples, fixed seed), null when n < 2. */
  lo: number | null;
  hi: number | null;
  n: number;
}

export interface LocalisationGroup {
  /** True positives with a non-empty mask: the cases localisation is scored on. */
  scored: number;
  /** Of those, answers that gave no box. */
  noBox: number;
  /** Some box covers a defect pixel, over scored answers that gave a box. */
  hitRate: Rate;
  /** Best box's IoU with the mask's bounding region, over scored answers that gave a box. */
  meanIou: MeanWithInterval;
}

export interface LocalisationReport {
  overall: LocalisationGroup;
  perClass: Record<string, LocalisationGroup>;
}

export function boxIou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const area = (r: Box) => Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]);
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

const BOOTSTRAP_RESAMPLES = 2000;

export function meanWithInterval(values: readonly number[], seed = 1): MeanWithInterval {
  const n = values.length;
  if (n === 0) return { value: null, lo: null, hi: null, n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { value: mean, lo: null, hi: null, n };
  const rand = seededRandom(seed);
  const means = new Float64Array(BOOTSTRAP_RESAMPLES);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rand() * n)];
    means[b] = s / n;
  }
  means.sort();
  return { value: mean, lo: means[Math.floor(0.025 * BOOTSTRAP_RESAMPLES)], hi: means[Math.ceil(0.975 * BOOTSTRAP_RESAMPLES) - 1], n };
}

function group(items: readonly LocalisationInput[]): LocalisationGroup {
  let scored = 0;
  let noBox = 0;
  let hits = 0;
  const ious: number[] = [];
  for (const it of items) {
    if (it.truth !== 'anomalous' || it.verdict !== 'anomalous' || !it.mask?.region) continue;
    scored++;
    if (!it.boxes.length) {
      noBox++;
      continue;
    }
    if (it.mask.hits.some(Boolean)) hits++;
    const region = it.mask.region;
    ious.push(Math.max(...it.boxes.map((b) => boxIou(b, region))));
  }
  return { scored, noBox, hitRate: rate(hits, ious.length), meanIou: meanWithInterval(ious) };
}

export function localisationMetrics(items: readonly LocalisationInput[]): LocalisationReport {
  const byClass = new Map<string, LocalisationInput[]>();
  for (const it of items) {
    const list = byClass.get(it.className);
    if (list) list.push(it);
    else byClass.set(it.className, [it]);
  }
  const perClass: Record<string, LocalisationGroup> = {};
  for (const [cls, list] of [...byClass].sort(([a], [b]) => a.localeCompare(b))) perClass[cls] = group(list);
  return { overall: group(items), perClass };
}

export interface PixelScores {
  /** Anomaly score per pixel, row-major, same size as the mask. */
  scores: Float32Array;
  /** 1 = defect pixel. */
  mask: Uint8Array;
}

export interface PixelAuroc {
  value: number | null;
  /** Why value is null: no defect pixels, or no normal pixels. */
  reason?: 'no-defect-pixels' | 'no-normal-pixels';
  pixels: number;
  defectPixels: number;
}

/**
 * Pixel-level AUROC over all pixels of `images` pooled: the chance that a defect pixel scores
 * higher than a normal one, ties counting one half (Mann–Whitney). Sorted typed arrays, so
 * millions of pixels take a moment, not a minute.
 */
export function pixelAuroc(images: readonly PixelScores[]): PixelAuroc {
  let np = 0;
  let total = 0;
  for (const im of images) {
    if (im.scores.length !== im.mask.length) throw new Error(`A heatmap has ${im.scores.length} pixels but its mask ${im.mask.length}; resample it to the mask's size first.`);
    total += im.mask.length;
    for (let i = 0; i < im.mask.length; i++) np += im.mask[i] ? 1 : 0;
  }
  const nn = total - np;
  if (np === 0) return { value: null, reason: 'no-defect-pixels', pixels: total, defectPixels: 0 };
  if (nn === 0) return { value: null, reason: 'no-normal-pixels', pixels: total, defectPixels: np };
  const P = new Float32Array(np);
  const N = new Float32Array(nn);
  let ip = 0;
  let ineg = 0;
  for (const im of images) {
    for (let i = 0; i < im.mask.length; i++) {
      if (im.mask[i]) P[ip++] = im.scores[i];
      else N[ineg++] = im.scores[i];
    }
  }
  P.sort();
  N.sort();
  // For each defect pixel: normal pixels below it, plus half of those equal.
  let wins = 0;
  let below = 0;
  let j = 0;
  for (let i = 0; i < np; ) {
    const v = P[i];
    let k = i;
    while (k < np && P[k] === v) k++;
    while (j < nn && N[j] < v) j++;
    below = j;
    let eq = j;
    while (eq < nn && N[eq] === v) eq++;
    wins += (k - i) * (below + (eq - below) / 2);
    i = k;
  }
  return { value: wins / (np * nn), pixels: total, defectPixels: np };
}

/** Pixels of one image that share a score: how many are defect (`pos`) and how many normal (`neg`). */
export interface ScoreCount {
  score: number;
  pos: number;
  neg: number;
}

/** Significant digits a heatmap score keeps for pixel AUROC, so one image's summary stays small (a few hundred scores). */
export const PIXEL_SCORE_DIGITS = 3;

const roundScore = (v: number) => Number(v.toPrecision(PIXEL_SCORE_DIGITS));

/**
 * One heatmap against its mask, summarised per distinct (rounded) score. AUROC from these counts
 * is the AUROC of the pixels with rounded scores: the app and `npm run metrics` (which reads the
 * summaries from the results export) compute it from the same counts.
 */
export function scoreCounts(im: PixelScores): ScoreCount[] {
  if (im.scores.length !== im.mask.length) throw new Error(`A heatmap has ${im.scores.length} pixels but its mask ${im.mask.length}; resample it to the mask's size first.`);
  const byScore = new Map<number, ScoreCount>();
  for (let i = 0; i < im.mask.length; i++) {
    const score = roundScore(im.scores[i]);
    let c = byScore.get(score);
    if (!c) byScore.set(score, (c = { score, pos: 0, neg: 0 }));
    if (im.mask[i]) c.pos++;
    else c.neg++;
  }
  return [...byScore.values()].sort((a, b) => a.score - b.score);
}

/** Pixel AUROC of several images' score counts pooled (Mann–Whitney, ties one half). */
export function pixelAurocFromCounts(images: readonly (readonly ScoreCount[])[]): PixelAuroc {
  const merged = new Map<number, { pos: number; neg: number }>();
  let np = 0, nn = 0;
  for (const im of images)
    for (const c of im) {
      const m = merged.get(c.score) ?? { pos: 0, neg: 0 };
      m.pos += c.pos;
      m.neg += c.neg;
      merged.set(c.score, m);
      np += c.pos;
      nn += c.neg;
    }
  if (np === 0) return { value: null, reason: 'no-defect-pixels', pixels: nn, defectPixels: 0 };
  if (nn === 0) return { value: null, reason: 'no-normal-pixels', pixels: np, defectPixels: np };
  let wins = 0, below = 0;
  for (const s of [...merged.keys()].sort((a, b) => a - b)) {
    const m = merged.get(s)!;
    wins += m.pos * (below + m.neg / 2);
    below += m.neg;
  }
  return { value: wins / (np * nn), pixels: np + nn, defectPixels: np };
}

/** `score:pos:neg` entries, space-separated: how a results export carries one image's counts. */
export function scoreCountsText(counts: readonly ScoreCount[]): string {
  return counts.map((c) => `${c.score}:${c.pos}:${c.neg}`).join(' ');
}

export function parseScoreCounts(text: string): ScoreCount[] | undefined {
  const out: ScoreCount[] = [];
  for (const t of text.trim().split(/\s+/)) {
    const [s, p, n] = t.split(':').map(Number);
    if (![s, p, n].every(Number.isFinite) || p < 0 || n < 0) return undefined;
    out.push({ score: s, pos: p, neg: n });
  }
  return out.length ? out : undefined;
}

export interface PixelAurocReport {
  overall: PixelAuroc;
  perClass: Record<string, PixelAuroc>;
  /** Cases whose heatmap entered. */
  cases: number;
}

/** Pixel AUROC per class and overall from each case's score counts. */
export function pixelAurocReport(items: readonly { className: string; counts: readonly ScoreCount[] }[]): PixelAurocReport {
  const groups = new Map<string, (readonly ScoreCount[])[]>();
  for (const it of items) groups.set(it.className, [...(groups.get(it.className) ?? []), it.counts]);
  const perClass: Record<string, PixelAuroc> = {};
  for (const [cls, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) perClass[cls] = pixelAurocFromCounts(list);
  return { overall: pixelAurocFromCounts(items.map((i) => i.counts)), perClass, cases: items.length };
}
