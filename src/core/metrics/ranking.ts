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

/** Sorted by descending score; returns cumulative (tp, fp) after each distinct score. */
function sweep(items: readonly ScoredLabel[]): { threshold: number; tp: number; fp: number }[] {
  const sorted = items.slice().sort((a, b) => b.score - a.score);
  const steps: { threshold: number; tp: number; fp: number }[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].positive) tp++;
    else fp++;
    if (i === sorted.length - 1 || sorted[i + 1].score !== sorted[i].score) steps.push({ threshold: sorted[i].score, tp, fp });
  }
  return steps;
}

function counts(items: readonly ScoredLabel[]) {
  let pos = 0;
  for (const it of items) if (it.positive) pos++;
  return { pos, neg: items.length - pos };
}

/** Area under the ROC curve; null when either class is absent. */
export function auroc(items: readonly ScoredLabel[]): number | null {
  const { pos, neg } = counts(items);
  if (pos === 0 || neg === 0) return null;
  // Trapezoids over the distinct-threshold curve equal the Mann–Whitney statistic with ties as 1/2.
  let area = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (const s of sweep(items)) {
    area += ((s.fp - prevFp) * (s.tp + prevTp)) / 2;
    prevTp = s.tp;
    prevFp = s.fp;
  }
  return area / (pos * neg);
}

/** Average precision as scikit-learn defines it; null when there is no positive or no negative. */
export function averagePrecision(items: readonly ScoredLabel[]): number | null {
  const { pos, neg } = counts(items);
  if (pos === 0 || neg === 0) return null;
  let ap = 0;
  let prevRecall = 0;
  for (const s of sweep(items)) {
    const recall = s.tp / pos;
    const precision = s.tp / (s.tp + s.fp);
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
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
