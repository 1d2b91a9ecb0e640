/**
 * Runs one case through one prompt version: load images → encode (cached) → `buildRequest()` →
 * call the model (streaming) → `parseVerdict()` → a `Result` record.
 *
 * Contract (batch runs build on this):
 * - `runCase()` returns a `Result` that is NOT saved; the caller saves it (`db.results.put`) under
 *   its own Run. `saveSingleRun()` does both for a one-off run.
 * - It never throws for model or network problems: those come back as `status: 'error'` with
 *   `error.kind`, a sentence in `error.message`, `error.retryable` and `error.retryAfterS`.
 *   A cancelled call comes back with `error.kind === 'cancelled'` (don't save it).
 * - Exactly one layer retries: `maxRetries` (default 2 for single runs). A batch runner passes
 *   `maxRetries: 0` and does its own backoff from `retryable` / `retryAfterS`.
 * - Missing case, missing prompt version or unrenderable case images also come back as
 *   `status: 'error'` (kind 'input', not retryable), so every case of a batch is accounted for.
 */
import type { Result } from '@/core/model';
import type { ProviderConfig, PriceRow } from '@/core/vlm/providers';

export interface RunCaseOptions {
  /** Control run: replace the query image by a mid-grey image of the same size. */
  blankQuery?: boolean;
  /** Use these reference case ids instead of the prompt's picks for the case's class. */
  referenceOverride?: string[];
  /** Retries inside runCase for retryable failures (default 2). Batch runners pass 0. */
  maxRetries?: number;
  /** Stream the answer (default: when the provider can). */
  stream?: boolean;
  /** Prices used for `costUsd` (default: none → no cost). */
  prices?: readonly PriceRow[];
}

export interface RunCaseInput {
  caseId: string;
  promptVersionId: string;
  provider: ProviderConfig;
  apiKey: string;
  /** The Run this result belongs to; used to form `Result.id` = `${runId}:${caseId}:${rep}`. */
  runId: string;
  /** Repeat index for self-consistency runs (default 0). */
  rep?: number;
  signal?: AbortSignal;
  /** The reasoning text so far, while the answer streams in (plain text). */
  onReasoningDelta?: (reasoningSoFar: string) => void;
  options?: RunCaseOptions;
}

/** Runs one case; see the contract above. */
export async function runCase(input: RunCaseInput): Promise<Result> {
  return {
    id: `${input.runId}:${input.caseId}:${input.rep ?? 0}`,
    runId: input.runId,
    caseId: input.caseId,
    rep: input.rep ?? 0,
    status: 'error',
    error: { kind: 'input', message: 'Running a case is not available yet.', retryable: false },
    createdAt: Date.now(),
  };
}
