import { describe, expect, it } from 'vitest';
import { onSharedCases, verdictFlips } from '@/core/metrics/compare';
import type { CaseOutcome } from '@/core/metrics/case-outcome';

const o = (caseId: string, truth: CaseOutcome['truth'], verdict?: 'normal' | 'anomalous', outcome: CaseOutcome['outcome'] = 'ok'): CaseOutcome => ({ caseId, className: 'k', truth, outcome, verdict, reps: 1, flipRate: 0 });

describe('run comparison', () => {
  it('keeps only the cases both runs have', () => {
    const [a, b] = onSharedCases([[o('1', 'normal', 'normal'), o('2', 'normal', 'normal')], [o('2', 'normal', 'anomalous'), o('3', 'normal', 'normal')]]);
    expect(a.map((x) => x.caseId)).toEqual(['2']);
    expect(b.map((x) => x.caseId)).toEqual(['2']);
  });
  it('lists flips with which run was right, failures included', () => {
    const a = [o('1', 'anomalous', 'normal'), o('2', 'normal', 'normal'), o('3', 'normal', undefined, 'error'), o('4', 'unlabelled', 'normal')];
    const b = [o('1', 'anomalous', 'anomalous'), o('2', 'normal', 'normal'), o('3', 'normal', 'normal'), o('4', 'unlabelled', 'anomalous')];
    expect(verdictFlips(a, b)).toEqual([
      { caseId: '1', className: 'k', truth: 'anomalous', a: 'normal', b: 'anomalous', rightIn: 'b' },
      { caseId: '3', className: 'k', truth: 'normal', a: 'error', b: 'normal', rightIn: 'b' },
      { caseId: '4', className: 'k', truth: 'unlabelled', a: 'normal', b: 'anomalous', rightIn: undefined },
    ]);
  });
});
