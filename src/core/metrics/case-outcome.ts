/**
 * One row per case for metrics: its label and what the model answered, with repeats folded into
 * a majority verdict, a vote-fraction score and a flip rate.
 */
import type { LabelStatus, Result, ResultStatus, ScoreSource, Verdict } from '@/core/model';

export interface CaseOutcome {
  caseId: string;
  className: string;
  /** Ground truth; only 'normal' and 'anomalous' enter the metrics. */
  truth: LabelStatus;
  /** 'ok' when at least one repeat gave a verdict; otherwise the most frequent failure. */
  outcome: ResultStatus;
  verdict?: Verdict;
  /** Anomaly score 0–1 when known. */
  score?: number;
  scoreSource?: ScoreSource;
  /** Number of answers folded into this row. */
  reps: number;
  /** Share of answered repeats that disagree with the majority verdict (0 when one answer). */
  flipRate: number;
}

const FAILURE_ORDER: ResultStatus[] = ['error', 'unparsed', 'refused'];

/**
 * Folds the results of one case (one run, any number of repeats). With several answers the
 * verdict is the majority (a tie counts as anomalous: a tie is a doubt, and a doubtful part is
 * inspected) and the score is the fraction of answers saying anomalous.
 */
export function foldRepeats(
  caseId: string,
  className: string,
  truth: LabelStatus,
  results: readonly Pick<Result, 'status' | 'verdict' | 'score' | 'scoreSource'>[],
): CaseOutcome {
  let anomalous = 0;
  let normal = 0;
  const failures: Partial<Record<ResultStatus, number>> = {};
  let single: (typeof results)[number] | undefined;
  for (const r of results) {
    if (r.status === 'ok' && r.verdict) {
      single = r;
      if (r.verdict === 'anomalous') anomalous++;
      else normal++;
    } else {
      const st = r.status === 'ok' ? 'unparsed' : r.status;
      failures[st] = (failures[st] ?? 0) + 1;
    }
  }
  const answered = anomalous + normal;
  if (answered === 0) {
    let outcome: ResultStatus = 'error';
    let best = -1;
    for (const st of FAILURE_ORDER) {
      if ((failures[st] ?? 0) > best) {
        best = failures[st] ?? 0;
        outcome = st;
      }
    }
    return { caseId, className, truth, outcome, reps: results.length, flipRate: 0 };
  }
  if (answered === 1 && single) {
    return { caseId, className, truth, outcome: 'ok', verdict: single.verdict, score: single.score, scoreSource: single.scoreSource, reps: results.length, flipRate: 0 };
  }
  const verdict: Verdict = anomalous >= normal ? 'anomalous' : 'normal';
  return {
    caseId,
    className,
    truth,
    outcome: 'ok',
    verdict,
    score: anomalous / answered,
    scoreSource: 'votes',
    reps: results.length,
    flipRate: Math.min(anomalous, normal) / answered,
  };
}

/** Groups a run's results by case and folds each group; cases without results are left out. */
export function caseOutcomes(
  cases: readonly { id: string; className: string; truth: { status: LabelStatus } }[],
  results: readonly Result[],
): CaseOutcome[] {
  const byCase = new Map<string, Result[]>();
  for (const r of results) {
    const list = byCase.get(r.caseId);
    if (list) list.push(r);
    else byCase.set(r.caseId, [r]);
  }
  const out: CaseOutcome[] = [];
  for (const c of cases) {
    const rs = byCase.get(c.id);
    if (rs) out.push(foldRepeats(c.id, c.className, c.truth.status, rs));
  }
  return out;
}
