/**
 * Ranking metrics from continuous anomaly scores (positive = anomalous, higher = more anomalous).
 * AUROC counts tied pairs as one half (Mann–Whitney); average precision follows scikit-learn:
 * AP = Σ (Rₙ − Rₙ₋₁) · Pₙ over distinct score thresholds, tied scores entering together.
 */

export interface ScoredLabel {
  score: number;
  positive: boolean;
}

export interface RocPoint {
  /** Cases with score ≥ threshold are called anomalous. */
  threshold: number;
  fpr: number;
  tpr: number;
}

export interface PrPoint {
  threshold: number;
  recall: number;
  precision: number;
}

/**
 * Cumulative (tp, fp) after each distinct score, highest first. Positives and negatives are
 * sorted apart as typed arrays (native numeric sort, no comparator) and merged from the top.
 */
function sweep(items: readonly ScoredLabel[]): { threshold: number; tp: number; fp: number }[] {
  let np = 0;
  for (const it of items) if (it.positive) np++;
  const P = new Float64Array(np);
  const N = new Float64Array(items.length - np);
  let ip = 0;
  let ineg = 0;
  for (const it of items) {
    if (it.positive) P[ip++] = it.score;
    else N[ineg++] = it.score;
  }
  P.sort();
  N.sort();
  const steps: { threshold: number; tp: number; fp: number }[] = [];
  let i = P.length - 1;
  let j = N.length - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const t = Math.max(i >= 0 ? P[i] : -Infinity, j >= 0 ? N[j] : -Infinity);
    while (i >= 0 && P[i] === t) {
      tp++;
      i--;
    }
    while (j >= 0 && N[j] === t) {
      fp++;
      j--;
    }
    steps.push({ threshold: t, tp, fp });
  }
  return steps;
}

function counts(items: readonly ScoredLabel[]) {
  let pos = 0;
  for (const it of items) if (it.positive) pos++;
  return { pos, neg: items.length - pos };
}

type Steps = ReturnType<typeof sweep>;

// Trapezoids over the distinct-threshold curve equal the Mann–Whitney statistic with ties as 1/2.
function aurocOf(steps: Steps, pos: number, neg: number): number {
  let area = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (const s of steps) {
    area += ((s.fp - prevFp) * (s.tp + prevTp)) / 2;
    prevTp = s.tp;
    prevFp = s.fp;
  }
  return area / (pos * neg);
}

function apOf(steps: Steps, pos: number): number {
  let ap = 0;
  let prevRecall = 0;
  for (const s of steps) {
    const recall = s.tp / pos;
    ap += (recall - prevRecall) * (s.tp / (s.tp + s.fp));
    prevRecall = recall;
  }
  return ap;
}

/** Area under the ROC curve; null when either class is absent. */
export function auroc(items: readonly ScoredLabel[]): number | null {
  const { pos, neg } = counts(items);
  return pos === 0 || neg === 0 ? null : aurocOf(sweep(items), pos, neg);
}

/** Average precision as scikit-learn defines it; null when there is no positive or no negative. */
export function averagePrecision(items: readonly ScoredLabel[]): number | null {
  const { pos, neg } = counts(items);
  return pos === 0 || neg === 0 ? null : apOf(sweep(items), pos);
}

/** AUROC, AP and both curves from one sort (null / empty when a class is absent). */
export function rankSummary(items: readonly ScoredLabel[], withCurves = true): { auroc: number | null; ap: number | null; roc: RocPoint[]; pr: PrPoint[] } {
  const { pos, neg } = counts(items);
  if (pos === 0 || neg === 0) return { auroc: null, ap: null, roc: [], pr: [] };
  const steps = sweep(items);
  const roc: RocPoint[] = [];
  const pr: PrPoint[] = [];
  if (withCurves) {
    roc.push({ threshold: Infinity, fpr: 0, tpr: 0 });
    for (const s of steps) {
      roc.push({ threshold: s.threshold, fpr: s.fp / neg, tpr: s.tp / pos });
      pr.push({ threshold: s.threshold, recall: s.tp / pos, precision: s.tp / (s.tp + s.fp) });
    }
  }
  return { auroc: aurocOf(steps, pos, neg), ap: apOf(steps, pos), roc, pr };
}

/** ROC points from (0,0) to (1,1), one per distinct score. */
export function rocCurve(items: readonly ScoredLabel[]): RocPoint[] {
  const { pos, neg } = counts(items);
  if (pos === 0 || neg === 0) return [];
  const pts: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  for (const s of sweep(items)) pts.push({ threshold: s.threshold, fpr: s.fp / neg, tpr: s.tp / pos });
  return pts;
}

/** Precision–recall points, one per distinct score (recall ascending). */
export function prCurve(items: readonly ScoredLabel[]): PrPoint[] {
  const { pos, neg } = counts(items);
  if (pos === 0 || neg === 0) return [];
  return sweep(items).map((s) => ({ threshold: s.threshold, recall: s.tp / pos, precision: s.tp / (s.tp + s.fp) }));
}
