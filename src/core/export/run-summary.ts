/**
 * A small summary of one run against hand or folder labels: counts, accuracy and AUROC from
 * continuous scores, overall and per class. Used by the report and the share view; "anomalous"
 * is the positive class. Errors and unlabelled cases are counted, never silently dropped.
 */
import type { Case, Result } from '@/core/model';

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface SummaryRow extends Confusion {
  className: string;
  /** Cases with a label and a usable answer. */
  scored: number;
  /** Results that failed, were refused or could not be parsed. */
  failed: number;
  /** Cases without a normal/anomalous label. */
  unlabelled: number;
  accuracy?: number;
  precision?: number;
  recall?: number;
  /** Undefined when only one label class is present or scores are missing. */
  auroc?: number;
  /** True when every score is 0 or 1, so AUROC is really balanced accuracy. */
  binaryScores: boolean;
}

export interface RunSummary {
  overall: SummaryRow;
  perClass: SummaryRow[];
  /** ROC points (false positive rate, true positive rate), from (0,0) to (1,1). */
  roc: [number, number][];
}

/** AUROC by the rank-sum formula, ties counted half. Undefined without both classes. */
export function auroc(scores: readonly number[], positive: readonly boolean[]): number | undefined {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  if (nPos === 0 || nNeg === 0) return undefined;
  let rankSum = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (positive[idx[k]]) rankSum += rank;
    i = j + 1;
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export function rocPoints(scores: readonly number[], positive: readonly boolean[]): [number, number][] {
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  if (!nPos || !nNeg) return [];
  const idx = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const pts: [number, number][] = [[0, 0]];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && scores[idx[j]] === scores[idx[i]]) {
      if (positive[idx[j]]) tp++;
      else fp++;
      j++;
    }
    pts.push([fp / nNeg, tp / nPos]);
    i = j;
  }
  return pts;
}

function row(className: string, items: { c: Case; r?: Result }[]): SummaryRow {
  const out: SummaryRow = { className, tp: 0, fp: 0, tn: 0, fn: 0, scored: 0, failed: 0, unlabelled: 0, binaryScores: true };
  const scores: number[] = [];
  const pos: boolean[] = [];
  let allScored = true;
  for (const { c, r } of items) {
    const truth = c.truth.status;
    if (truth !== 'normal' && truth !== 'anomalous') {
      out.unlabelled++;
      continue;
    }
    if (!r || r.status !== 'ok' || !r.verdict) {
      out.failed++;
      continue;
    }
    out.scored++;
    const p = truth === 'anomalous';
    const called = r.verdict === 'anomalous';
    if (called && p) out.tp++;
    else if (called) out.fp++;
    else if (p) out.fn++;
    else out.tn++;
    if (r.score === undefined) allScored = false;
    else {
      scores.push(r.score);
      pos.push(p);
      if (r.score !== 0 && r.score !== 1) out.binaryScores = false;
    }
  }
  if (out.scored) out.accuracy = (out.tp + out.tn) / out.scored;
  if (out.tp + out.fp) out.precision = out.tp / (out.tp + out.fp);
  if (out.tp + out.fn) out.recall = out.tp / (out.tp + out.fn);
  if (allScored) out.auroc = auroc(scores, pos);
  return out;
}

/** Summarises the results of one run (first repeat per case) against the cases' labels. */
export function summariseRun(cases: readonly Case[], results: readonly Result[]): RunSummary {
  const byCase = new Map<string, Result>();
  for (const r of results) if (!byCase.has(r.caseId) || r.rep < byCase.get(r.caseId)!.rep) byCase.set(r.caseId, r);
  const items = cases.map((c) => ({ c, r: byCase.get(c.id) }));
  const classes = [...new Set(cases.map((c) => c.className))].sort();
  const scored = items.filter(({ c, r }) => r?.status === 'ok' && r.score !== undefined && (c.truth.status === 'normal' || c.truth.status === 'anomalous'));
  return {
    overall: row('All classes', items),
    perClass: classes.map((k) => row(k, items.filter(({ c }) => c.className === k))),
    roc: rocPoints(
      scored.map(({ r }) => r!.score!),
      scored.map(({ c }) => c.truth.status === 'anomalous'),
    ),
  };
}
