/**
 * The answer file of the method's reference scripts: their dataset fields plus `reasoning` and
 * `correctness`, where 1 means normal (no anomaly) and `label` 1 means a good part. Their
 * evaluation script reads `object_type`, `label` and `correctness`.
 */
import type { ExportRow } from '@/core/export/results-table';

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

/**
 * Answered, labelled rows in the authors' shape. Their script cannot take failed answers or
 * unlabelled cases, so those are left out and counted in `skipped` for the screen to say.
 */
export function toAuthorsAnswers(rows: readonly ExportRow[], refPathByClass: Record<string, string> = {}): { answers: AuthorsAnswer[]; skipped: { failed: number; unlabelled: number } } {
  const answers: AuthorsAnswer[] = [];
  let failed = 0;
  let unlabelled = 0;
  for (const r of rows) {
    if (!r.runId) continue;
    if (r.label !== 'normal' && r.label !== 'anomalous') {
      unlabelled++;
      continue;
    }
    if (r.status !== 'ok' || !r.verdict) {
      failed++;
      continue;
    }
    answers.push({
      object_type: r.className,
      defect_img_path: r.caseName,
      good_img_path: refPathByClass[r.className] ?? '',
      label: r.label === 'normal' ? 1 : 0,
      defect_type: r.label === 'normal' ? 'good' : (r.defectType ?? 'unknown'),
      reasoning: r.reasoning ?? '',
      correctness: r.verdict === 'normal' ? 1 : 0,
    });
  }
  return { answers, skipped: { failed, unlabelled } };
}
