import { describe, expect, it } from 'vitest';
import { metricsByAnomalyKind } from '@/core/metrics/anomaly-kind';
import type { CaseOutcome } from '@/core/metrics/case-outcome';

const row = (caseId: string, truth: 'normal' | 'anomalous', verdict: 'normal' | 'anomalous'): CaseOutcome => ({ caseId, className: 'juice_bottle', truth, outcome: 'ok', verdict, reps: 1, flipRate: 0 });

describe('metrics by anomaly kind (MVTec LOCO)', () => {
  it('scores each kind on its anomalies plus all normal parts', () => {
    const rows = [row('n1', 'normal', 'normal'), row('n2', 'normal', 'anomalous'), row('l1', 'anomalous', 'normal'), row('l2', 'anomalous', 'normal'), row('s1', 'anomalous', 'anomalous')];
    const kinds = new Map([['l1', 'logical'], ['l2', 'logical'], ['s1', 'structural']]);
    const m = metricsByAnomalyKind(rows, kinds);
    expect(Object.keys(m)).toEqual(['logical', 'structural']);
    expect(m.logical.miss).toMatchObject({ k: 2, n: 2 });
    expect(m.structural.recall).toMatchObject({ k: 1, n: 1 });
    expect(m.logical.overkill).toMatchObject({ k: 1, n: 2 });
    expect(m.structural.labelled).toBe(3);
  });
});
