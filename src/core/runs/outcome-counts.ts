/**
 * What a run's stored answers amount to: how many came back as a verdict, as text no verdict could
 * be read from, as a refusal, or as a failed call. A run is only "all good" when every answer is ok.
 */
import type { Result, ResultStatus } from '@/core/model';

export interface OutcomeCounts {
  saved: number;
  ok: number;
  unparsed: number;
  refused: number;
  error: number;
  /** Answers copied from an earlier identical request (not paid again). */
  reused: number;
  /** Sum of the known costs, USD. */
  costUsd: number;
  /** Answers that used tokens but have no cost (no price known for the model). */
  unpriced: number;
}

export const EMPTY_COUNTS: OutcomeCounts = { saved: 0, ok: 0, unparsed: 0, refused: 0, error: 0, reused: 0, costUsd: 0, unpriced: 0 };

export function countOutcomes(results: Iterable<Pick<Result, 'status' | 'reusedFrom' | 'costUsd' | 'usage'>>): OutcomeCounts {
  const c: OutcomeCounts = { ...EMPTY_COUNTS };
  for (const r of results) {
    c.saved++;
    c[r.status satisfies ResultStatus]++;
    if (r.reusedFrom) c.reused++;
    if (r.costUsd !== undefined) c.costUsd += r.costUsd;
    else if (r.usage && !r.reusedFrom) c.unpriced++;
  }
  return c;
}

/** Answers that gave no verdict: they count as failures wherever a run is summed up. */
export function failedCount(c: OutcomeCounts): number {
  return c.unparsed + c.refused + c.error;
}

/** The tone of a finished run: good only when every answer gave a verdict. */
export function runHealth(c: OutcomeCounts, total: number): 'ok' | 'partial' | 'failed' {
  const failed = failedCount(c);
  if (failed === 0) return 'ok';
  return c.ok === 0 && failed >= Math.min(total, c.saved) ? 'failed' : 'partial';
}
