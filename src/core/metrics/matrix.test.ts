import { describe, expect, it } from 'vitest';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { buildMatrix, cellWrong, filterMatrix, sortByScore } from '@/core/metrics/matrix';

const cases = [
  { id: 'a', className: 'washer', truth: { status: 'anomalous' as const } },
  { id: 'b', className: 'washer', truth: { status: 'normal' as const } },
  { id: 'c', className: 'washer', truth: { status: 'unlabelled' as const } },
  { id: 'd', className: 'washer', truth: { status: 'normal' as const } },
];
const o = (caseId: string, verdict: 'normal' | 'anomalous' | undefined, score?: number): CaseOutcome => ({
  caseId,
  className: 'washer',
  truth: cases.find((c) => c.id === caseId)!.truth.status,
  outcome: verdict ? 'ok' : 'unparsed',
  verdict,
  score,
  reps: 1,
  flipRate: 0,
});

describe('compare matrix', () => {
  const runA = [o('a', 'anomalous', 0.9), o('b', 'normal', 0.1), o('c', 'anomalous', 0.7)];
  const runB = [o('a', 'normal', 0.4), o('b', 'normal', 0.2), o('c', undefined)];
  const rows = buildMatrix(cases, [runA, runB]);

  it('lists every answered case with one cell per run', () => {
    expect(rows.map((r) => r.caseId)).toEqual(['a', 'b', 'c']);
    expect(rows[0].cells.map((c) => c?.verdict)).toEqual(['anomalous', 'normal']);
  });

  it('marks disagreement between runs and with the label', () => {
    expect(rows.map((r) => r.runsDisagree)).toEqual([true, false, false]);
    expect(rows.map((r) => r.againstLabel)).toEqual([true, false, false]);
    expect(cellWrong(rows[0].cells[1])).toBe(true);
    // An unlabelled case is never "wrong", an unanswered labelled case is.
    expect(cellWrong(rows[2].cells[1])).toBe(false);
    expect(cellWrong(o('d', undefined))).toBe(true);
    expect(filterMatrix(rows, 'runs-disagree').map((r) => r.caseId)).toEqual(['a']);
    expect(filterMatrix(rows, 'against-label').map((r) => r.caseId)).toEqual(['a']);
  });

  it('sorts by one run\u2019s score, unscored rows last', () => {
    expect(sortByScore(rows, 0).map((r) => r.caseId)).toEqual(['a', 'c', 'b']);
    expect(sortByScore(rows, 1).map((r) => r.caseId)).toEqual(['a', 'b', 'c']);
  });
});
