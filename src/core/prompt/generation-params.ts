/**
 * The generation fields of a request (effort, temperature, output budget) adapted to the model:
 * one function for every request kind, so a verdict request and a knowledge request to the same
 * model carry the same parameter names and budgets.
 */
import type { Adaptation, ChatRequestBody } from '@/core/prompt/build-request';
import { effectiveEffort, samplingAllowed, thinkingAllowance } from '@/core/vlm/model-capabilities';
import type { ModelCapabilities, ReasoningEffort } from '@/core/vlm/providers';

export interface GenerationWanted {
  temperature: number;
  /** Tokens for the visible answer; thinking gets its allowance on top. */
  maxTokens: number;
  /** Unset = the model's own default. */
  reasoningEffort?: ReasoningEffort;
}

export interface GenerationParams {
  fields: Pick<ChatRequestBody, 'temperature' | 'max_tokens' | 'max_completion_tokens' | 'reasoning_effort'>;
  adapted: Adaptation[];
  /** Whether temperature (and so logprobs) may be sent. */
  sampling: boolean;
  effort?: ReasoningEffort;
  /** The value of the budget field sent. */
  budget: number;
  answerTokens: number;
  /** Thinking tokens budgeted on top of the answer. */
  allowance: number;
}

export function generationParams(caps: ModelCapabilities, modelId: string, wanted: GenerationWanted): GenerationParams {
  const fields: GenerationParams['fields'] = {};
  const adapted: Adaptation[] = [];
  const model = modelId || 'this model';
  const effort = effectiveEffort(caps, wanted.reasoningEffort);
  if (effort.refused)
    adapted.push({ field: 'reasoning_effort', text: `reasoning_effort "${effort.refused}" left out: ${model} accepts ${caps.reasoningEfforts.join(', ')}; it runs at ${effort.effort ? `its default (${effort.effort})` : 'its own default'}.` });
  else if (wanted.reasoningEffort && !caps.reasoningEfforts.length)
    adapted.push({ field: 'reasoning_effort', text: `reasoning_effort left out: ${model} on this endpoint does not take it.` });
  if (effort.send) fields.reasoning_effort = effort.effort;

  const sampling = samplingAllowed(caps, effort.effort);
  if (sampling) {
    fields.temperature = Math.min(wanted.temperature, caps.maxTemperature);
    if (fields.temperature !== wanted.temperature) adapted.push({ field: 'temperature', text: `temperature lowered to ${caps.maxTemperature}: the endpoint accepts no more.` });
  } else adapted.push({ field: 'temperature', text: `temperature left out: ${model} accepts only the default${effort.effort ? ` at ${effort.effort} effort` : ''}.` });

  // Hidden thinking is spent out of the same budget: give it room, up to the model's ceiling.
  const answerTokens = wanted.maxTokens;
  const allowance = thinkingAllowance(caps, effort.effort);
  const budget = Math.min(caps.maxOutputTokens, answerTokens + allowance);
  fields[caps.tokenParam] = budget;
  if (caps.tokenParam !== 'max_tokens') adapted.push({ field: caps.tokenParam, text: `${caps.tokenParam} instead of max_tokens: ${model} refuses max_tokens.` });
  if (allowance > 0 && budget > answerTokens)
    adapted.push({ field: caps.tokenParam, text: `${caps.tokenParam} is ${budget}: ${answerTokens} for the answer + ${budget - answerTokens} for thinking (${model} ${effort.effort ? `at ${effort.effort} effort` : 'thinks by default'}).` });
  else if (budget < answerTokens + allowance) adapted.push({ field: caps.tokenParam, text: `${caps.tokenParam} lowered to ${budget}: the most ${model} accepts.` });
  return { fields, adapted, sampling, effort: effort.effort, budget, answerTokens, allowance };
}
