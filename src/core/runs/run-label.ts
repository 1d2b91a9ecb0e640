/**
 * How a run is named wherever it is listed (Runs, Review, Metrics, Share, the matrix): its name,
 * which carries the prompt and version, plus the model and the variant, so runs that differ only
 * by model never read the same.
 */
import type { Run } from '@/core/model';

const BASELINE_MODEL = 'offline baseline';

/** The model part of a run's label. */
export function runModel(run: Pick<Run, 'detector' | 'provider'>): string {
  return run.detector === 'baseline' ? BASELINE_MODEL : run.provider?.model || 'unknown model';
}

/** "Washer v2 · all (12) · gpt-4o · ablation: rules only": name, model, variant (each once). */
export function runLabel(run: Pick<Run, 'name' | 'detector' | 'provider' | 'variant'>): string {
  const parts = [run.name];
  const has = (s: string) => run.name.toLowerCase().includes(s.toLowerCase());
  const model = runModel(run);
  if (!has(model)) parts.push(model);
  const variant = run.variant && run.variant.kind !== 'plain' ? (run.variant.label ?? run.variant.kind) : '';
  if (variant && !has(variant)) parts.push(variant);
  return parts.join(' · ');
}

/** A run made from the One case mode: one case, kept apart from batch runs in lists and defaults. */
export function isOneCaseRun(run: Pick<Run, 'name' | 'caseIds'>): boolean {
  return run.caseIds.length <= 1 && /^(Single run|One case) · /.test(run.name);
}

/** Runs in list order: batch runs (newest first, as given) before one-case runs. */
export function listedRuns<R extends Pick<Run, 'name' | 'caseIds'>>(runs: readonly R[]): { batch: R[]; oneCase: R[] } {
  const batch: R[] = [];
  const oneCase: R[] = [];
  for (const r of runs) (isOneCaseRun(r) ? oneCase : batch).push(r);
  return { batch, oneCase };
}

/** The run a view opens on: the newest batch run, else the newest one-case run. */
export function defaultRun<R extends Pick<Run, 'name' | 'caseIds'>>(runs: readonly R[]): R | undefined {
  const { batch, oneCase } = listedRuns(runs);
  return batch[0] ?? oneCase[0];
}
