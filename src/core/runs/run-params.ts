/**
 * A run's parameters, built in one place per kind of run, and what a run asks (for reuse).
 * The shapes are stored with the runs and compared by `runRequest`: keep them as they are.
 */
import type { AblationCell, Run, RunParams } from '@/core/model';
import type { PromptBody } from '@/core/prompt/prompt-body';
import type { RequestIdentity } from '@/core/identity';

const sampling = (b: PromptBody): RunParams => ({ temperature: b.sampling.temperature, maxTokens: b.sampling.maxTokens });

/** Parameters per kind of run. */
export const runParams = {
  /** A batch, control or ablation run (`createRun` adds a control run's `control`). */
  batch: sampling,
  /** One case run from the Runs tab. */
  single: (b: PromptBody, timeoutS: number): RunParams => ({ ...sampling(b), reasoningEffort: b.sampling.reasoningEffort, image: b.image, output: b.output.format, timeoutS }),
  /** Answers imported from a Batch API output file. */
  batchFile: (b: PromptBody): RunParams => ({ ...sampling(b), reasoningEffort: b.sampling.reasoningEffort, batchApi: true }),
  /** The offline baseline. */
  baseline: (version: string, threshold: number): RunParams => ({ version, threshold }),
};

/** The ablation cell of a run: its own field, or (runs made before it) the group kept in `params`. */
export function runAblation(run: Pick<Run, 'ablation' | 'params' | 'variant'>): AblationCell | undefined {
  if (run.ablation) return run.ablation;
  const { ablationGroup: group, ablationOf: of } = run.params;
  return typeof group === 'string' ? { group, of: of ?? run.variant?.of ?? '', cell: run.variant?.label ?? '' } : undefined;
}

/**
 * What a whole run asks, before any image is encoded: runs with equal keys (`requestKey`) send the
 * same requests case by case. The ablation group only says which click made a run, not what it asked.
 */
export function runRequest(run: Run): RequestIdentity {
  const { ablationGroup: _g, ablationOf: _o, ...params } = run.params;
  const ablationOf = run.ablation?.of ?? run.params.ablationOf;
  return {
    detector: 'vlm-run',
    promptVersionId: run.promptVersionId,
    baseURL: run.provider?.baseURL,
    model: run.provider?.model,
    params: ablationOf === undefined ? params : { ...params, ablationOf },
    variant: run.variant?.kind === 'plain' ? undefined : (run.variant?.label ?? run.variant?.kind),
  };
}
