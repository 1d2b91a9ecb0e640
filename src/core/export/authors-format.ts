/**
 * The answer file of the method's reference scripts: their dataset fields plus `reasoning` and
 * `correctness`, where 1 means normal (no anomaly) and `label` 1 means a good part. Their
 * evaluation script reads `object_type`, `label` and `correctness`.
 */
import type { ExportRow } from '@/core/export/results-table';
import { foldRepeats } from '@/core/metrics/case-outcome';

export interface AuthorsAnswer {
  object_type: string;
  defect_img_path: string;
  good_img_path: string;
  /** 1 = good (normal), 0 = defective. */
  label: 0 | 1;
  defect_type: string;
  reasoning: string;
  /** 1 = the model says normal, 0 = anomalous. */
  correctness: 0 | 1;
}

/** What the answer file left out or folded, for the export note. */
export interface AuthorsSkipped {
  /** Labelled cases with no usable answer in any repeat. */
  failed: number;
  /** Answered cases without a normal/anomalous label. */
  unlabelled: number;
  /** Cases whose several repeats were folded into one majority answer. */
  folded: number;
}

/**
 * One entry per case and run in the authors' shape. Several repeats of a case are folded into
 * one majority answer, as the workbench's metrics fold them (a tie counts as anomalous), so the
 * authors' script and our metrics count the same cases. Their script cannot take failed answers
 * or unlabelled cases, so those are left out and counted in `skipped` for the screen to say.
 */
export function toAuthorsAnswers(rows: readonly ExportRow[], refPathByClass: Record<string, string> = {}): { answers: AuthorsAnswer[]; skipped: AuthorsSkipped } {
  const groups = new Map<string, ExportRow[]>();
  for (const r of rows) {
    if (!r.runId) continue;
    const k = `${r.runId}\u0000${r.caseId}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const answers: AuthorsAnswer[] = [];
  const skipped: AuthorsSkipped = { failed: 0, unlabelled: 0, folded: 0 };
  for (const g of groups.values()) {
    const first = g[0];
    if (first.label !== 'normal' && first.label !== 'anomalous') {
      skipped.unlabelled++;
      continue;
    }
    const folded = foldRepeats(first.caseId, first.className, first.label, g.map((r) => ({ status: r.status ?? 'error', verdict: r.verdict })));
    if (folded.outcome !== 'ok' || !folded.verdict) {
      skipped.failed++;
      continue;
    }
    if (g.length > 1) skipped.folded++;
    // The reasoning of the first repeat that gave the majority verdict.
    const voice = g.find((r) => r.status === 'ok' && r.verdict === folded.verdict)!;
    answers.push({
      object_type: first.className,
      defect_img_path: first.caseName,
      good_img_path: refPathByClass[first.className] ?? '',
      label: first.label === 'normal' ? 1 : 0,
      defect_type: first.label === 'normal' ? 'good' : (first.defectType ?? 'unknown'),
      reasoning: voice.reasoning ?? '',
      correctness: folded.verdict === 'normal' ? 1 : 0,
    });
  }
  return { answers, skipped };
}
