import { describe, expect, it } from 'vitest';
import { compareAb, intervalsOverlap } from '@/core/knowledge/ab-compare';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { rate } from '@/core/metrics/rates';

const row = (caseId: string, truth: 'normal' | 'anomalous', verdict: 'normal' | 'anomalous', className = 'washer'): CaseOutcome => ({ caseId, className, truth, outcome: 'ok', verdict, reps: 1, flipRate: 0 });

/** n normal and n anomalous cases; the old version misses `missA` defects, the new one `missB`. */
function runs(n: number, missA: number, missB: number) {
  const a: CaseOutcome[] = [];
  const b: CaseOutcome[] = [];
  for (let i = 0; i < n; i++) {
    a.push(row(`n${i}`, 'normal', 'normal'));
    b.push(row(`n${i}`, 'normal', 'normal'));
    a.push(row(`d${i}`, 'anomalous', i < missA ? 'normal' : 'anomalous'));
    b.push(row(`d${i}`, 'anomalous', i < missB ? 'normal' : 'anomalous'));
  }
  return { a, b };
}

describe('A/B comparison of two prompt versions on one class', () => {
  it('lists the flipped cases and counts fixed and broken ones', () => {
    const { a, b } = runs(4, 3, 1);
    b[0] = row('n0', 'normal', 'anomalous'); // the new rule now calls a normal part defective
    const c = compareAb(a, b, 'washer');
    expect(c.cases).toBe(8);
    expect(c.flips.map((f) => [f.caseId, f.a, f.b, f.rightIn])).toEqual([
      ['n0', 'normal', 'anomalous', 'a'],
      ['d1', 'normal', 'anomalous', 'b'],
      ['d2', 'normal', 'anomalous', 'b'],
    ]);
    expect([c.fixed, c.broken]).toEqual([2, 1]);
    expect(c.a.miss.value).toBeCloseTo(3 / 4);
    expect(c.b.miss.value).toBeCloseTo(1 / 4);
    expect(c.b.overkill.value).toBeCloseTo(1 / 4);
    expect(c.summary).toContain('calls more normal parts defective');
  });

  it('warns that a few cases cannot tell the versions apart, and stops warning with enough evidence', () => {
    const small = compareAb(...Object.values(runs(4, 3, 0)) as [CaseOutcome[], CaseOutcome[]], 'washer');
    expect(small.overlaps.miss).toBe(true);
    expect(small.summary).toContain('too few cases to tell the versions apart');
    const big = compareAb(...Object.values(runs(60, 45, 5)) as [CaseOutcome[], CaseOutcome[]], 'washer');
    expect(big.overlaps.miss).toBe(false);
    expect(big.overlaps.accuracy).toBe(false);
    expect(big.summary).toContain('differ beyond their 95% intervals');
  });

  it('compares only labelled cases of the class that both runs have', () => {
    const { a, b } = runs(2, 1, 0);
    a.push(row('other', 'anomalous', 'normal', 'pcb'), { ...row('u', 'normal', 'normal'), truth: 'unlabelled' });
    b.pop();
    const c = compareAb(a, b, 'washer');
    expect(c.cases).toBe(3);
    expect(c.flips.map((f) => f.caseId)).toEqual(['d0']);
  });

  it('treats an empty interval as overlapping (nothing to tell)', () => {
    expect(intervalsOverlap(rate(0, 0), rate(3, 4))).toBe(true);
    expect(intervalsOverlap(rate(0, 50), rate(50, 50))).toBe(false);
  });
});
