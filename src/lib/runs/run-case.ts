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
import type { Result, ResultError, Run } from '@/core/model';
import { newRunId, requestHash as hashOfRequest, resultId, type RequestParams } from '@/core/identity';
import { runParams } from '@/core/runs/run-params';
import { blockingNote, type ChatRequestBody } from '@/core/prompt/build-request';
import { readPromptBody } from '@/core/prompt/prompt-body';
import { parseVerdict, partialReasoning } from '@/core/vlm/parse-verdict';
import { scoreAnswer } from '@/core/vlm/score';
import { modelCapabilities } from '@/core/vlm/model-capabilities';
import { costUsd, priceFor, type PriceRow, type ProviderConfig } from '@/core/vlm/providers';
import { projectDb, storageErrorText } from '@/lib/storage/db';
import { reportStorageProblem } from '@/lib/storage/notices';
import { InputError, prepareRequest } from '@/lib/prompt/prepare-request';
import { sentReferences } from '@/lib/knowledge/reference-retrieval';
import { callChat, VlmError, type RetryInfo } from '@/lib/vlm/openai-client';
import { defaultOptions } from '@/core/options';

export interface RunCaseOptions {
  /** Control run: replace the query image by a mid-grey image of the same size. */
  blankQuery?: boolean;
  /** Use these reference case ids instead of the prompt's picks for the case's class. */
  referenceOverride?: string[];
  /** Retries inside runCase for retryable failures (default 2). Batch runners pass 0. */
  maxRetries?: number;
  /** Stream the answer (default: when the provider can). */
  stream?: boolean;
  /** Copy an earlier answer (not a failure) to the same request and repeat instead of calling the model. */
  reuseIdentical?: boolean;
  /** Prices used for `costUsd` (default: none → no cost). */
  prices?: readonly PriceRow[];
}

export interface RunCaseInput {
  caseId: string;
  promptVersionId: string;
  provider: ProviderConfig;
  apiKey: string;
  /** The Run this result belongs to; part of `Result.id` (see `resultId`). */
  runId: string;
  /** Repeat index for self-consistency runs (default 0). */
  rep?: number;
  signal?: AbortSignal;
  /** The reasoning text so far, while the answer streams in (plain text). */
  onReasoningDelta?: (reasoningSoFar: string) => void;
  /** Told before runCase's own retries wait (only when `maxRetries` > 0). */
  onRetry?: (info: RetryInfo) => void;
  options?: RunCaseOptions;
}

/** The parameters that decide an answer, for the request hash (same shape as before for classic bodies). */
function requestParams(body: ChatRequestBody): RequestParams {
  const p: RequestParams = { temperature: body.temperature, maxTokens: body.max_tokens, responseFormat: body.response_format?.type ?? 'text', logprobs: !!body.logprobs };
  if (body.max_completion_tokens !== undefined) p.maxCompletionTokens = body.max_completion_tokens;
  if (body.reasoning_effort !== undefined) p.reasoningEffort = body.reasoning_effort;
  return p;
}

function baseResult(input: RunCaseInput): Pick<Result, 'id' | 'runId' | 'caseId' | 'rep' | 'createdAt'> {
  const rep = input.rep ?? 0;
  return { id: resultId(input.runId, input.caseId, rep), runId: input.runId, caseId: input.caseId, rep, createdAt: Date.now() };
}

function errorResult(input: RunCaseInput, error: ResultError, extra: Partial<Result> = {}): Result {
  return { ...baseResult(input), status: 'error', error, ...extra };
}

/** An earlier answer to the same request and repeat in another run; failures are never reused. */
async function identicalAnswer(requestHash: string, input: RunCaseInput): Promise<Result | undefined> {
  const rep = input.rep ?? 0;
  const same = await projectDb().results.where('requestHash').equals(requestHash).toArray();
  return same.find((r) => r.runId !== input.runId && r.rep === rep && r.status !== 'error');
}

/** Runs one case; see the contract above. Never throws. */
export async function runCase(input: RunCaseInput): Promise<Result> {
  const opts = input.options ?? {};
  const version = await projectDb().promptVersions.get(input.promptVersionId);
  if (!version) return errorResult(input, { kind: 'input', message: 'The prompt version of this run is missing from the project; pick another version.', retryable: false });
  let prepared;
  try {
    const body = readPromptBody(version.body);
    const caps = modelCapabilities(input.provider);
    prepared = await prepareRequest({ caseId: input.caseId, body, provider: input.provider, stream: opts.stream ?? caps.streaming, options: { blankQuery: opts.blankQuery, referenceOverride: opts.referenceOverride } });
  } catch (err) {
    const message = err instanceof InputError || err instanceof Error ? err.message : 'The inputs of this case could not be prepared.';
    return errorResult(input, { kind: 'input', message, retryable: false });
  }
  const { built, renderSpecHashes } = prepared;
  const requestHash = await hashOfRequest({
    detector: 'vlm',
    promptVersionHash: version.hash,
    baseURL: input.provider.baseURL,
    model: input.provider.model,
    params: requestParams(built.body),
    imageHashes: built.imageHashes,
  });
  const repro = { requestHash, imageHashes: built.imageHashes, renderSpecHashes, references: sentReferences(built, prepared.retrieval) };
  const block = blockingNote(built);
  if (block) return errorResult(input, { kind: 'input', message: block.text, retryable: false }, repro);
  if (opts.reuseIdentical) {
    const twin = await identicalAnswer(requestHash, input);
    if (twin) return { ...twin, ...baseResult(input), reusedFrom: twin.reusedFrom ?? twin.id, costUsd: 0 };
  }

  try {
    const out = await callChat({
      config: input.provider,
      apiKey: input.apiKey,
      body: built.body,
      signal: input.signal,
      maxRetries: opts.maxRetries ?? defaultOptions.calls.retries,
      onRetry: input.onRetry,
      onText: input.onReasoningDelta
        ? (text) => {
            const r = partialReasoning(text);
            if (r !== undefined) input.onReasoningDelta!(r);
          }
        : undefined,
    });
    const price = priceFor(opts.prices ?? [], input.provider.model);
    const common: Partial<Result> = {
      ...repro,
      raw: out.refusal ? out.refusal : out.text,
      usage: out.usage,
      thinking: out.thinking,
      latencyMs: Math.round(out.latencyMs),
      costUsd: out.usage ? costUsd(price, out.usage.promptTokens, out.usage.completionTokens) : undefined,
    };
    if (out.refusal && !out.text) return { ...baseResult(input), ...common, status: 'refused', reasoning: out.refusal };
    const parsed = parseVerdict(out.text);
    if (parsed.status === 'refused') return { ...baseResult(input), ...common, status: 'refused', reasoning: parsed.reason };
    if (parsed.status === 'unparsed') {
      const cut = out.finishReason === 'length' ? ' The answer was cut off at the token limit; raise the output budget (max tokens) or lower the reasoning effort.' : '';
      return { ...baseResult(input), ...common, status: 'unparsed', reasoning: parsed.reasoning, error: { kind: 'unparsed', message: parsed.why + cut, retryable: false } };
    }
    const score = scoreAnswer(parsed.verdict, parsed.confidence, out.logprobs);
    return {
      ...baseResult(input),
      ...common,
      status: 'ok',
      verdict: parsed.verdict,
      confidence: parsed.confidence,
      score: score.score,
      scoreSource: score.source,
      reasoning: parsed.reasoning,
      violatedRules: parsed.violatedRules,
      defectType: parsed.defectType,
      locations: parsed.locations,
    };
  } catch (err) {
    const e = err instanceof VlmError ? err : new VlmError('network', 'The call failed unexpectedly; try again.', { retryable: true });
    return errorResult(input, { kind: e.kind, message: e.message, httpStatus: e.httpStatus, retryable: e.retryable, retryAfterS: e.retryAfterS }, repro);
  }
}

/** A Run record for a one-off run of one case (what makes it reproducible). */
export async function singleRunRecord(args: { caseId: string; caseName: string; promptVersionId: string; provider: ProviderConfig }): Promise<Run> {
  const version = await projectDb().promptVersions.get(args.promptVersionId);
  const body = version ? readPromptBody(version.body) : undefined;
  const prompt = version ? await projectDb().prompts.get(version.promptId) : undefined;
  return {
    id: newRunId(),
    name: `One case · ${args.caseName} · ${prompt?.name ?? 'Prompt'} v${version?.version ?? '?'}`,
    detector: 'vlm',
    promptVersionId: args.promptVersionId,
    promptVersionHash: version?.hash,
    provider: { presetId: args.provider.presetId, baseURL: args.provider.baseURL, model: args.provider.model },
    params: body ? runParams.single(body, args.provider.timeoutS) : {},
    caseIds: [args.caseId],
    repeat: 1,
    variant: { kind: 'plain' },
    status: 'running',
    createdAt: Date.now(),
  };
}

/**
 * Saves a finished single run and its result (a cancelled call is not saved). A storage refusal
 * is told in the app's notices; the answer is still shown.
 */
export async function saveSingleRun(run: Run, result: Result): Promise<void> {
  if (result.error?.kind === 'cancelled') return;
  const db = projectDb();
  try {
    await db.transaction('rw', db.runs, db.results, async () => {
      await db.runs.put({ ...run, status: 'done', finishedAt: Date.now() });
      await db.results.put(result);
    });
  } catch (err) {
    const text = storageErrorText(err);
    if (!text) throw err;
    reportStorageProblem(`The answer for this case is shown but was not saved. ${text}`);
  }
}
