/**
 * Classification metrics per class and overall, with "anomalous" as the positive class.
 *
 * Failed answers (error, refused, unparsed) are their own outcome and are never dropped silently.
 * The denominator policy says how they enter the rates:
 * - 'as-wrong' (default): a failed answer counts as the wrong verdict — a failed normal case as
 *   overkill (FP), a failed anomalous case as a miss (FN); denominators are all labelled cases.
 * - 'exclude': only answered cases enter the rates; coverage says how many that were.
 * AUROC and AP use answered cases with a continuous score; they are null ("n/a") with a reason
 * when one class is absent or when the scores are only 0/1.
 */
import type { ResultStatus } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { rate, type Rate } from '@/core/metrics/rates';
import { rankSummary, type PrPoint, type RocPoint, type ScoredLabel } from '@/core/metrics/ranking';

export type FailurePolicy = 'as-wrong' | 'exclude';

export interface Confusion {
  /** Anomalous called anomalous. */
  tp: number;
  /** Normal called anomalous (overkill). */
  fp: number;
  tn: number;
  /** Anomalous called normal (miss). */
  fn: number;
}

export type RankReason = 'single-class' | 'binary-scores' | 'no-scores';

export interface RankMetric {
  value: number | null;
  /** Why value is null, or why no curve is shown. */
  reason?: RankReason;
  /** Cases that entered (answered, labelled, scored). */
  n: number;
}

export interface GroupMetrics {
  /** Cases labelled normal or anomalous. */
  labelled: number;
  normal: number;
  anomalous: number;
  /** Cases in the run without a usable label (unlabelled or unsure): not in any rate. */
  unlabelled: number;
  outcomes: Record<ResultStatus, number>;
  /** Failed answers by true class. */
  failed: { normal: number; anomalous: number };
  /** The failures of labelled cases by kind; they add up to `failed.normal + failed.anomalous`. */
  failedKinds: Record<'error' | 'unparsed' | 'refused', number>;
  /** Answered cases only. */
  answered: Confusion;
  /** The matrix the rates are computed from (answered, plus failures under 'as-wrong'). */
  matrix: Confusion;
  /** answered / labelled. */
  coverage: Rate;
  accuracy: Rate;
  balancedAccuracy: number | null;
  precision: Rate;
  recall: Rate;
  f1: number | null;
  /** Normal parts called anomalous, over normal parts. */
  overkill: Rate;
  /** Anomalous parts called normal, over anomalous parts. */
  miss: Rate;
  auroc: RankMetric;
  averagePrecision: RankMetric;
}

export interface MetricsReport {
  policy: FailurePolicy;
  /** The denominator policy as a sentence for the screen and the JSON output. */
  policyText: string;
  overall: GroupMetrics;
  perClass: Record<string, GroupMetrics>;
}

const EMPTY_OUTCOMES = (): Record<ResultStatus, number> => ({ ok: 0, unparsed: 0, refused: 0, error: 0 });

function isLabelled(o: CaseOutcome) {
  return o.truth === 'normal' || o.truth === 'anomalous';
}

/** The cases that can enter a ranking metric, and why none can when that is so. */
export function scoredItems(rows: readonly CaseOutcome[]): { items: ScoredLabel[]; reason?: RankReason } {
  const items: ScoredLabel[] = [];
  let pos = 0;
  let binary = true;
  for (const o of rows) {
    if (!isLabelled(o) || o.outcome !== 'ok' || o.score === undefined || !Number.isFinite(o.score)) continue;
    if (o.scoreSource === 'verdict-only') continue;
    const positive = o.truth === 'anomalous';
    if (positive) pos++;
    if (o.score !== 0 && o.score !== 1) binary = false;
    items.push({ score: o.score, positive });
  }
  if (items.length === 0) return { items, reason: 'no-scores' };
  if (pos === 0 || pos === items.length) return { items, reason: 'single-class' };
  if (binary) return { items, reason: 'binary-scores' };
  return { items };
}

function rankMetrics(rows: readonly CaseOutcome[]): { auroc: RankMetric; averagePrecision: RankMetric } {
  const { items, reason } = scoredItems(rows);
  if (reason) return { auroc: { value: null, reason, n: items.length }, averagePrecision: { value: null, reason, n: items.length } };
  const r = rankSummary(items, false);
  return { auroc: { value: r.auroc, n: items.length }, averagePrecision: { value: r.ap, n: items.length } };
}

export function groupMetrics(rows: readonly CaseOutcome[], policy: FailurePolicy = 'as-wrong'): GroupMetrics {
  const outcomes = EMPTY_OUTCOMES();
  const answered: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  const failed = { normal: 0, anomalous: 0 };
  const failedKinds = { error: 0, unparsed: 0, refused: 0 };
  let normal = 0;
  let anomalous = 0;
  let unlabelled = 0;
  for (const o of rows) {
    outcomes[o.outcome]++;
    if (!isLabelled(o)) {
      unlabelled++;
      continue;
    }
    const pos = o.truth === 'anomalous';
    if (pos) anomalous++;
    else normal++;
    if (o.outcome !== 'ok' || !o.verdict) {
      if (pos) failed.anomalous++;
      else failed.normal++;
      failedKinds[o.outcome === 'ok' ? 'unparsed' : o.outcome]++;
      continue;
    }
    const called = o.verdict === 'anomalous';
    if (pos && called) answered.tp++;
    else if (pos) answered.fn++;
    else if (called) answered.fp++;
    else answered.tn++;
  }
  const matrix: Confusion =
    policy === 'as-wrong'
      ? { tp: answered.tp, fp: answered.fp + failed.normal, tn: answered.tn, fn: answered.fn + failed.anomalous }
      : { ...answered };
  const { tp, fp, tn, fn } = matrix;
  const total = tp + fp + tn + fn;
  const precision = rate(tp, tp + fp);
  const recall = rate(tp, tp + fn);
  const specificity = tn + fp > 0 ? tn / (tn + fp) : null;
  const f1 = precision.value !== null && recall.value !== null && precision.value + recall.value > 0 ? (2 * precision.value * recall.value) / (precision.value + recall.value) : tp + fp + fn > 0 ? 0 : null;
  const labelled = normal + anomalous;
  return {
    labelled,
    normal,
    anomalous,
    unlabelled,
    outcomes,
    failed,
    failedKinds,
    answered,
    matrix,
    coverage: rate(labelled - failed.normal - failed.anomalous, labelled),
    accuracy: rate(tp + tn, total),
    balancedAccuracy: recall.value !== null && specificity !== null ? (recall.value + specificity) / 2 : null,
    precision,
    recall,
    f1,
    overkill: rate(fp, fp + tn),
    miss: rate(fn, fn + tp),
    ...rankMetrics(rows),
  };
}

export function policySentence(policy: FailurePolicy, m: GroupMetrics): string {
  const f = m.failed.normal + m.failed.anomalous;
  // Only failures of labelled cases: the breakdown adds up to the count it explains.
  const parts = (['error', 'unparsed', 'refused'] as const).filter((k) => m.failedKinds[k] > 0).map((k) => `${m.failedKinds[k]} ${k === 'error' ? (m.failedKinds[k] === 1 ? 'error' : 'errors') : k}`);
  const what = parts.length ? ` (${parts.join(', ')})` : '';
  const unl = m.unlabelled > 0 ? ` ${m.unlabelled} case${m.unlabelled === 1 ? '' : 's'} without a normal/anomalous label ${m.unlabelled === 1 ? 'is' : 'are'} left out.` : '';
  if (policy === 'as-wrong') {
    return `${f} failed answer${f === 1 ? '' : 's'}${what} ${f === 1 ? 'counts' : 'count'} as wrong: a failed normal case as overkill, a failed anomalous case as a miss; rates use all ${m.labelled} labelled cases.${unl} AUROC and AP use the ${m.auroc.n} answered cases with a score.`;
  }
  return `${f} failed answer${f === 1 ? '' : 's'}${what} ${f === 1 ? 'is' : 'are'} left out: rates use the ${m.labelled - f} answered of ${m.labelled} labelled cases (coverage ${m.labelled ? ((100 * (m.labelled - f)) / m.labelled).toFixed(1) : '0.0'}%).${unl} AUROC and AP use the ${m.auroc.n} answered cases with a score.`;
}

/** Metrics overall and per class (classes sorted by name). */
export function computeMetrics(rows: readonly CaseOutcome[], policy: FailurePolicy = 'as-wrong'): MetricsReport {
  const byClass = new Map<string, CaseOutcome[]>();
  for (const o of rows) {
    const list = byClass.get(o.className);
    if (list) list.push(o);
    else byClass.set(o.className, [o]);
  }
  const perClass: Record<string, GroupMetrics> = {};
  for (const name of [...byClass.keys()].sort()) perClass[name] = groupMetrics(byClass.get(name)!, policy);
  const overall = groupMetrics(rows, policy);
  return { policy, policyText: policySentence(policy, overall), overall, perClass };
}

export interface Curves {
  roc: RocPoint[];
  pr: PrPoint[];
  reason?: RankReason;
}

/** ROC and PR points, or a reason there is no meaningful curve. */
export function curves(rows: readonly CaseOutcome[]): Curves {
  const { items, reason } = scoredItems(rows);
  if (reason) return { roc: [], pr: [], reason };
  const { roc, pr } = rankSummary(items);
  return { roc, pr };
}

export type MatrixCell = 'tp' | 'fp' | 'tn' | 'fn' | 'failed-normal' | 'failed-anomalous';

export interface ThresholdMatrix {
  threshold: number;
  counts: Record<MatrixCell, number>;
  /** Case ids in each cell, so a click can list them. */
  cases: Record<MatrixCell, string[]>;
}

/**
 * The confusion matrix when cases with score ≥ threshold are called anomalous. Answered cases
 * without a score keep their verdict; failed answers get their own cells.
 */
export function matrixAtThreshold(rows: readonly CaseOutcome[], threshold: number): ThresholdMatrix {
  const cases: Record<MatrixCell, string[]> = { tp: [], fp: [], tn: [], fn: [], 'failed-normal': [], 'failed-anomalous': [] };
  for (const o of rows) {
    if (!isLabelled(o)) continue;
    const pos = o.truth === 'anomalous';
    if (o.outcome !== 'ok' || !o.verdict) {
      cases[pos ? 'failed-anomalous' : 'failed-normal'].push(o.caseId);
      continue;
    }
    const called = o.score !== undefined && o.scoreSource !== 'verdict-only' ? o.score >= threshold : o.verdict === 'anomalous';
    cases[pos ? (called ? 'tp' : 'fn') : called ? 'fp' : 'tn'].push(o.caseId);
  }
  const counts = Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, v.length])) as Record<MatrixCell, number>;
  return { threshold, counts, cases };
}
