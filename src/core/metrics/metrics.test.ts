import { describe, expect, it } from 'vitest';
import { wilson, rate } from '@/core/metrics/rates';
import { auroc, averagePrecision, prCurve, rocCurve, type ScoredLabel } from '@/core/metrics/ranking';
import { computeMetrics, curves, groupMetrics, matrixAtThreshold } from '@/core/metrics/metrics';
import { foldRepeats, type CaseOutcome } from '@/core/metrics/case-outcome';

// Independent references: O(n²) pairwise counting, written without sorting or threshold sweeps.
function pairwiseAuroc(items: ScoredLabel[]): number {
  let sum = 0;
  let pairs = 0;
  for (const p of items) {
    if (!p.positive) continue;
    for (const n of items) {
      if (n.positive) continue;
      pairs++;
      sum += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
    }
  }
  return sum / pairs;
}
// AP = mean over positives of precision at that positive's score (all cases with score ≥ it).
function pairwiseAp(items: ScoredLabel[]): number {
  const pos = items.filter((i) => i.positive);
  let sum = 0;
  for (const p of pos) {
    const above = items.filter((j) => j.score >= p.score);
    sum += above.filter((j) => j.positive).length / above.length;
  }
  return sum / pos.length;
}
const L = (scores: number[], labels: number[]): ScoredLabel[] => scores.map((score, i) => ({ score, positive: labels[i] === 1 }));

function row(id: string, truth: CaseOutcome['truth'], verdict: 'normal' | 'anomalous' | undefined, score?: number, outcome: CaseOutcome['outcome'] = 'ok', className = 'bottle'): CaseOutcome {
  return { caseId: id, className, truth, outcome, verdict: outcome === 'ok' ? verdict : undefined, score, scoreSource: score === undefined ? undefined : 'confidence', reps: 1, flipRate: 0 };
}

describe('Wilson interval', () => {
  it('matches published values for 8/10 and 0/10', () => {
    const a = wilson(8, 10)!;
    expect(a.lo).toBeCloseTo(0.4902, 4);
    expect(a.hi).toBeCloseTo(0.9433, 4);
    const b = wilson(0, 10)!;
    expect(b.lo).toBe(0);
    expect(b.hi).toBeCloseTo(0.2775, 4);
  });
  it('has no value and no interval for an empty denominator', () => {
    expect(rate(0, 0)).toEqual({ value: null, k: 0, n: 0, lo: null, hi: null });
  });
});

describe('AUROC and average precision', () => {
  it('match the scikit-learn documentation example', () => {
    const items = L([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
    expect(auroc(items)).toBeCloseTo(0.75, 12);
    expect(averagePrecision(items)).toBeCloseTo(0.8333333333, 9);
  });
  it('handle ties: hand-computed values', () => {
    const items = L([0.9, 0.9, 0.5, 0.3, 0.3], [1, 0, 1, 0, 1]);
    expect(auroc(items)).toBeCloseTo(0.5, 12);
    // thresholds 0.9 (R 1/3, P 1/2), 0.5 (R 2/3, P 2/3), 0.3 (R 1, P 3/5)
    expect(averagePrecision(items)).toBeCloseTo((1 / 3) * (1 / 2 + 2 / 3 + 3 / 5), 12);
    const allTied = L([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]);
    expect(auroc(allTied)).toBe(0.5);
    expect(averagePrecision(allTied)).toBe(0.5);
  });
  it('agree with pairwise counting on random tables with many ties', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 30; t++) {
      const n = 5 + Math.floor(rnd() * 60);
      const items = Array.from({ length: n }, () => ({ score: Math.round(rnd() * 10) / 10, positive: rnd() < 0.4 }));
      if (!items.some((i) => i.positive) || items.every((i) => i.positive)) continue;
      expect(auroc(items)).toBeCloseTo(pairwiseAuroc(items), 12);
      expect(averagePrecision(items)).toBeCloseTo(pairwiseAp(items), 12);
    }
  });
  it('are 1 for a perfect ranking and 0 / minimal for an inverted one', () => {
    const perfect = L([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]);
    expect(auroc(perfect)).toBe(1);
    expect(averagePrecision(perfect)).toBe(1);
    const inverted = L([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]);
    expect(auroc(inverted)).toBe(0);
    // positives found last: precision 1/3 then 2/4
    expect(averagePrecision(inverted)).toBeCloseTo(0.5 * (1 / 3) + 0.5 * (2 / 4), 12);
  });
  it('are null with a single class', () => {
    expect(auroc(L([0.1, 0.9], [1, 1]))).toBeNull();
    expect(averagePrecision(L([0.1, 0.9], [0, 0]))).toBeNull();
  });
  it('give curves from (0,0) to (1,1) with one point per distinct score', () => {
    const items = L([0.9, 0.9, 0.5, 0.3, 0.3], [1, 0, 1, 0, 1]);
    const roc = rocCurve(items);
    expect(roc.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0.5, 1 / 3],
      [0.5, 2 / 3],
      [1, 1],
    ]);
    expect(prCurve(items).map((p) => p.threshold)).toEqual([0.9, 0.5, 0.3]);
  });
});

describe('group metrics', () => {
  // 4 anomalous (2 caught, 1 missed, 1 error), 4 normal (2 fine, 1 overkill, 1 unparsed), 1 unlabelled.
  const rows = [
    row('a1', 'anomalous', 'anomalous', 0.9),
    row('a2', 'anomalous', 'anomalous', 0.7),
    row('a3', 'anomalous', 'normal', 0.3),
    row('a4', 'anomalous', undefined, undefined, 'error'),
    row('n1', 'normal', 'normal', 0.1),
    row('n2', 'normal', 'normal', 0.2),
    row('n3', 'normal', 'anomalous', 0.8),
    row('n4', 'normal', undefined, undefined, 'unparsed'),
    row('u1', 'unlabelled', 'anomalous', 0.6),
  ];
  it('counts failed answers as wrong by default and says so', () => {
    const r = computeMetrics(rows);
    const m = r.overall;
    expect(m.outcomes).toEqual({ ok: 7, unparsed: 1, refused: 0, error: 1 });
    expect(m.failed).toEqual({ normal: 1, anomalous: 1 });
    expect(m.matrix).toEqual({ tp: 2, fp: 2, tn: 2, fn: 2 });
    expect(m.accuracy.value).toBe(4 / 8);
    expect(m.precision.value).toBe(2 / 4);
    expect(m.recall.value).toBe(2 / 4);
    expect(m.overkill.value).toBe(2 / 4);
    expect(m.miss.value).toBe(2 / 4);
    expect(m.f1).toBe(0.5);
    expect(m.balancedAccuracy).toBe(0.5);
    expect(m.coverage.value).toBe(6 / 8);
    expect(m.unlabelled).toBe(1);
    expect(r.policyText).toContain('2 failed answers (1 error, 1 unparsed) count as wrong');
    expect(r.policyText).toContain('all 8 labelled cases');
  });
  it('names only failures of labelled cases in the breakdown, so the sentence adds up', () => {
    const withUnlabelledFailures = [...rows, row('u2', 'unlabelled', undefined, undefined, 'error'), row('u3', 'unsure', undefined, undefined, 'refused')];
    const r = computeMetrics(withUnlabelledFailures);
    expect(r.overall.outcomes.error).toBe(2);
    expect(r.overall.failedKinds).toEqual({ error: 1, unparsed: 1, refused: 0 });
    expect(r.policyText).toContain('2 failed answers (1 error, 1 unparsed) count as wrong');
    expect(r.policyText).not.toContain('refused');
    const parts = [...r.policyText.matchAll(/(\d+) (?:errors?|unparsed|refused)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(parts).toBe(r.overall.failed.normal + r.overall.failed.anomalous);
  });
  it('leaves failed answers out under the exclude policy and states the coverage', () => {
    const r = computeMetrics(rows, 'exclude');
    const m = r.overall;
    expect(m.matrix).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(m.accuracy.value).toBe(4 / 6);
    expect(m.precision.value).toBe(2 / 3);
    expect(m.recall.value).toBe(2 / 3);
    expect(m.overkill.value).toBe(1 / 3);
    expect(r.policyText).toContain('6 answered of 8 labelled cases (coverage 75.0%)');
  });
  it('computes AUROC from the answered, scored, labelled cases only', () => {
    const m = groupMetrics(rows);
    const items = L([0.9, 0.7, 0.3, 0.1, 0.2, 0.8], [1, 1, 1, 0, 0, 0]);
    expect(m.auroc.n).toBe(6);
    expect(m.auroc.value).toBeCloseTo(pairwiseAuroc(items), 12);
    expect(m.averagePrecision.value).toBeCloseTo(pairwiseAp(items), 12);
  });
  it('is perfect for a perfect detector', () => {
    const m = groupMetrics([row('a', 'anomalous', 'anomalous', 0.9), row('b', 'normal', 'normal', 0.2), row('c', 'anomalous', 'anomalous', 0.6)]);
    expect([m.accuracy.value, m.precision.value, m.recall.value, m.f1, m.balancedAccuracy, m.auroc.value, m.averagePrecision.value]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect([m.overkill.value, m.miss.value]).toEqual([0, 0]);
  });
  it('is all wrong for an inverted detector', () => {
    const m = groupMetrics([row('a', 'anomalous', 'normal', 0.1), row('b', 'normal', 'anomalous', 0.9)]);
    expect([m.accuracy.value, m.recall.value, m.precision.value, m.f1, m.balancedAccuracy, m.auroc.value]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([m.overkill.value, m.miss.value]).toEqual([1, 1]);
  });
  it('says n/a, not 0.5, when only one class is present', () => {
    const m = groupMetrics([row('a', 'normal', 'normal', 0.1), row('b', 'normal', 'anomalous', 0.9)]);
    expect(m.auroc).toEqual({ value: null, reason: 'single-class', n: 2 });
    expect(m.recall.value).toBeNull();
    expect(m.miss.value).toBeNull();
    expect(m.balancedAccuracy).toBeNull();
    expect(m.overkill.value).toBe(0.5);
  });
  it('refuses a curve when scores are only 0/1', () => {
    const rs = [row('a', 'anomalous', 'anomalous', 1), row('b', 'normal', 'normal', 0), row('c', 'normal', 'anomalous', 1)];
    expect(groupMetrics(rs).auroc.reason).toBe('binary-scores');
    expect(curves(rs)).toEqual({ roc: [], pr: [], reason: 'binary-scores' });
  });
  it('splits per class', () => {
    const r = computeMetrics([row('a', 'anomalous', 'anomalous', 0.9, 'ok', 'cable'), row('b', 'normal', 'anomalous', 0.8, 'ok', 'bottle')]);
    expect(Object.keys(r.perClass)).toEqual(['bottle', 'cable']);
    expect(r.perClass.cable.accuracy.value).toBe(1);
    expect(r.perClass.bottle.overkill.value).toBe(1);
  });
});

describe('threshold matrix', () => {
  it('moves cases between cells as the threshold moves and keeps failures apart', () => {
    const rows = [row('a1', 'anomalous', 'anomalous', 0.9), row('a2', 'anomalous', 'normal', 0.4), row('n1', 'normal', 'normal', 0.3), row('n2', 'normal', undefined, undefined, 'error')];
    const hi = matrixAtThreshold(rows, 0.5);
    expect(hi.cases).toEqual({ tp: ['a1'], fp: [], tn: ['n1'], fn: ['a2'], 'failed-normal': ['n2'], 'failed-anomalous': [] });
    const lo = matrixAtThreshold(rows, 0.3);
    expect(lo.counts).toEqual({ tp: 2, fp: 1, tn: 0, fn: 0, 'failed-normal': 1, 'failed-anomalous': 0 });
  });
});

describe('repeats', () => {
  it('gives the majority verdict, vote fraction as score and the flip rate', () => {
    const ok = (v: 'normal' | 'anomalous') => ({ status: 'ok' as const, verdict: v, score: 0.7, scoreSource: 'confidence' as const });
    const o = foldRepeats('c', 'k', 'normal', [ok('anomalous'), ok('normal'), ok('anomalous'), { status: 'error' }]);
    expect(o).toMatchObject({ outcome: 'ok', verdict: 'anomalous', scoreSource: 'votes', reps: 4 });
    expect(o.score).toBeCloseTo(2 / 3, 12);
    expect(o.flipRate).toBeCloseTo(1 / 3, 12);
  });
  it('keeps the single answer as is and reports a failure when nothing answered', () => {
    expect(foldRepeats('c', 'k', 'normal', [{ status: 'ok', verdict: 'normal', score: 0.2, scoreSource: 'logprobs' }])).toMatchObject({ verdict: 'normal', score: 0.2, scoreSource: 'logprobs', flipRate: 0 });
    expect(foldRepeats('c', 'k', 'normal', [{ status: 'unparsed' }, { status: 'unparsed' }, { status: 'error' }]).outcome).toBe('unparsed');
  });
});
