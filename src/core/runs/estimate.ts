/**
 * Calls and cost before a batch, a control run or an ablation starts. Tokens per call come from
 * earlier answers of the same model when there are any, else from the prompt's size (text at about
 * 4 characters a token, every image at its provider formula, the answer at its token budget).
 * A model without a price has an unknown cost, never $0.00.
 */
import type { PromptBody } from '@/core/prompt/prompt-body';
import { imageTokens, textTokens } from '@/core/prompt/token-estimate';
import type { ImageTokenFormula, PriceRow } from '@/core/vlm/providers';

export interface CallTokens {
  promptTokens: number;
  completionTokens: number;
  /** Where the numbers come from, as a phrase: "from 24 earlier answers of gpt-4o". */
  basis: string;
}

export interface RunEstimate {
  calls: number;
  /** Undefined when no price is known for the model. */
  costUsd?: number;
  perCall: CallTokens;
}

/** Mean tokens of earlier answers (those that report usage), or undefined when there are none. */
export function tokensFromEarlier(usages: readonly { promptTokens: number; completionTokens: number }[], model: string): CallTokens | undefined {
  if (!usages.length) return undefined;
  const p = usages.reduce((s, u) => s + u.promptTokens, 0) / usages.length;
  const c = usages.reduce((s, u) => s + u.completionTokens, 0) / usages.length;
  return { promptTokens: Math.round(p), completionTokens: Math.round(c), basis: `from ${usages.length} earlier answer${usages.length === 1 ? '' : 's'} of ${model}` };
}

/** Tokens of one call from the prompt alone: the upper end, since the answer is costed at its budget. */
export function tokensFromPrompt(body: PromptBody, classes: readonly string[], formula: ImageTokenFormula): CallTokens {
  const k = body.knowledge;
  const text = [body.task, ...(k.classContext ? classes.map((c) => body.classContext[c] ?? '') : []), ...(k.rules ? body.rules.filter((r) => r.enabled).map((r) => r.text) : [])].join('\n');
  const refs = k.references && classes.length ? classes.reduce((s, c) => s + (body.references[c]?.length ?? 0), 0) / classes.length : 0;
  const side = body.image.maxSidePx;
  const perImage = imageTokens(formula, side, side, body.image.detail).tokens;
  // The schema and the framing add about 300 tokens whatever the prompt.
  const promptTokens = Math.round(textTokens(text) + 300 + (refs + 1) * perImage);
  return { promptTokens, completionTokens: body.sampling.maxTokens, basis: 'from the prompt size (square images at the longest side; the answer at its full token budget)' };
}

export function estimateRun(calls: number, perCall: CallTokens, price: PriceRow | undefined): RunEstimate {
  const costUsd = price ? (calls * (perCall.promptTokens * price.inputPerMTokUsd + perCall.completionTokens * price.outputPerMTokUsd)) / 1e6 : undefined;
  return { calls, costUsd, perCall };
}

/** Whether starting needs a second click: above the cost limit, or above the call limit when the price is unknown. */
export function needsConfirmation(e: RunEstimate, limits: { usd: number; calls: number }): boolean {
  if (e.costUsd === undefined) return e.calls > limits.calls;
  return e.costUsd > limits.usd || e.calls > limits.calls;
}
