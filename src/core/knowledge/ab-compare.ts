/**
 * Old vs new prompt version on the same labelled cases of one class: accuracy, overkill and miss
 * of both with 95% intervals, the cases that flipped, and whether the evidence can tell them
 * apart at all. A rule is kept because it measurably helps, not because it sounds right.
 */
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { onSharedCases, verdictFlips, type Flip } from '@/core/metrics/compare';
import { groupMetrics, type FailurePolicy, type GroupMetrics } from '@/core/metrics/metrics';
import type { Rate } from '@/core/metrics/rates';

export type AbRate = 'accuracy' | 'overkill' | 'miss';
export const AB_RATES: readonly AbRate[] = ['accuracy', 'overkill', 'miss'];

export interface AbComparison {
  className: string;
  /** Shared labelled cases of the class both runs answered or failed on. */
  cases: number;
  a: GroupMetrics;
  b: GroupMetrics;
  flips: Flip[];
  /** Per rate: the two 95% intervals overlap (or one is empty), so the difference may be chance. */
  overlaps: Record<AbRate, boolean>;
  /** Fixed by B, broken by B (labelled flips only). */
  fixed: number;
  broken: number;
  /** One sentence for the screen. */
  summary: string;
}

export function intervalsOverlap(x: Rate, y: Rate): boolean {
  if (x.lo === null || x.hi === null || y.lo === null || y.hi === null) return true;
  return x.lo <= y.hi && y.lo <= x.hi;
}

const labelled = (o: CaseOutcome) => o.truth === 'normal' || o.truth === 'anomalous';

export function compareAb(aRows: readonly CaseOutcome[], bRows: readonly CaseOutcome[], className: string, policy: FailurePolicy = 'as-wrong'): AbComparison {
  const [a, b] = onSharedCases([aRows.filter((o) => o.className === className && labelled(o)), bRows.filter((o) => o.className === className && labelled(o))]);
  const ma = groupMetrics(a, policy);
  const mb = groupMetrics(b, policy);
  const flips = verdictFlips(a, b);
  const overlaps = Object.fromEntries(AB_RATES.map((k) => [k, intervalsOverlap(ma[k], mb[k])])) as Record<AbRate, boolean>;
  const fixed = flips.filter((f) => f.rightIn === 'b').length;
  const broken = flips.filter((f) => f.rightIn === 'a').length;
  return { className, cases: a.length, a: ma, b: mb, flips, overlaps, fixed, broken, summary: summarise(a.length, ma, mb, fixed, broken, overlaps) };
}

function summarise(n: number, a: GroupMetrics, b: GroupMetrics, fixed: number, broken: number, overlaps: Record<AbRate, boolean>): string {
  if (n === 0) return 'The two runs share no labelled cases of this class yet.';
  const change = fixed === 0 && broken === 0 ? 'No labelled case changed its verdict.' : `The new version fixed ${fixed} case${fixed === 1 ? '' : 's'} and broke ${broken}.`;
  const moreMiss = (b.miss.value ?? 0) > (a.miss.value ?? 0);
  const moreOverkill = (b.overkill.value ?? 0) > (a.overkill.value ?? 0);
  const tell = AB_RATES.every((k) => overlaps[k])
    ? `On ${n} cases the 95% intervals of accuracy, overkill and miss all overlap: too few cases to tell the versions apart; label more cases of this class before keeping the rule.`
    : `On ${n} cases, ${AB_RATES.filter((k) => !overlaps[k]).join(' and ')} differ beyond their 95% intervals.`;
  const cost = moreOverkill ? ' It calls more normal parts defective.' : moreMiss ? ' It misses more defects.' : '';
  return `${change}${cost} ${tell}`;
}
