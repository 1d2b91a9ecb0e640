import type { Rate } from '@/core/metrics/rates';
import type { RankMetric } from '@/core/metrics/metrics';

export const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(digits)}%`);

const REASONS: Record<string, string> = {
  'single-class': 'n/a: only one class (normal or anomalous) is present, so there is nothing to rank.',
  'binary-scores': 'n/a: the scores are only 0/1 (verdicts without confidence), which would make a misleading curve. Use logprobs, stated confidence or repeats.',
  'no-scores': 'n/a: no answered case has a score.',
};

export function reasonText(r: string | undefined) {
  return r ? REASONS[r] ?? r : '';
}

/** A rate with its Wilson 95% interval underneath. */
export function RateCell({ r, tone }: { r: Rate; tone?: 'bad' }) {
  if (r.value === null) return <span className="text-zinc-600" title="No case in the denominator">n/a</span>;
  return (
    <span className="inline-flex flex-col items-end leading-tight" title={`${r.k} of ${r.n}; 95% Wilson interval ${pct(r.lo)}–${pct(r.hi)}`}>
      <span className={tone === 'bad' && r.value > 0.2 ? 'text-rose-300' : ''}>{pct(r.value)}</span>
      <span className="text-[10px] text-zinc-500">{pct(r.lo, 0)}–{pct(r.hi, 0)}</span>
    </span>
  );
}

export function RankCell({ m }: { m: RankMetric }) {
  if (m.value === null) return <span className="cursor-help text-zinc-500 underline decoration-dotted" title={reasonText(m.reason)}>n/a</span>;
  return <span title={`${m.n} scored cases`}>{m.value.toFixed(3)}</span>;
}

export const num = (v: number | null, d = 3) => (v === null ? 'n/a' : v.toFixed(d));
