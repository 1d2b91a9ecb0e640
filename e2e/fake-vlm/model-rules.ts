/**
 * The documented rules of today's model families, enforced the way each provider answers a
 * violation (its real error shape), so the app is tested against what the endpoints really do:
 * - OpenAI/Azure reasoning models (gpt-5*, o-series): `max_completion_tokens` only, temperature at
 *   its default and no logprobs (except gpt-5.1+ at effort `none`), `reasoning_effort` per model;
 *   hidden reasoning spent out of the budget (empty answer + `finish_reason: "length"` when short).
 * - Classic OpenAI models: `max_tokens` above the model's ceiling is a 400.
 * - Gemini: thinks by default out of `max_tokens`; refused efforts; errors as a JSON array.
 * - Anthropic: 401 for a browser call without `anthropic-dangerous-direct-browser-access`;
 *   `response_format`, `logprobs` and `reasoning_effort` ignored (the answer comes as prose + JSON).
 * - Open thinking models (name contains "thinking"): their thinking comes back as `reasoning_content`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpFailure } from './scenarios';

export interface RuleBody {
  model?: string;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  logprobs?: boolean;
  reasoning_effort?: string;
}

export interface RuleOutcome {
  /** The provider's error for a violated rule. */
  failure?: HttpFailure;
  /** Hidden reasoning tokens the model spends before answering. */
  reasoningTokens: number;
  /** Output budget the request allows (undefined = unlimited). */
  budget?: number;
  /** The family answers in prose around the JSON and returns no logprobs. */
  textOnly: boolean;
  /** Thinking text returned beside the answer, as `reasoning_content`. */
  thinking?: string;
  family: 'openai-reasoning' | 'openai-classic' | 'gemini' | 'anthropic' | 'open-thinking' | 'other';
}

/** Reasoning tokens the fake spends per effort (before the visible answer). */
export const FAKE_REASONING: Record<string, number> = { none: 0, minimal: 150, low: 600, medium: 1800, high: 4000, xhigh: 8000 };
/** Gemini 2.5's dynamic thinking on the fake's prompts, tokens: more than the 800 a 2024 prompt allowed. */
export const FAKE_GEMINI_THINKING = 1200;

const openAiError = (message: string, param: string | null, code: string): HttpFailure => ({ status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } });
const geminiError = (message: string): HttpFailure => ({ status: 400, body: [{ error: { code: 400, message, status: 'INVALID_ARGUMENT' } }] });

const list = (values: string[]) => `${values.slice(0, -1).map((v) => `'${v}'`).join(', ')}, and '${values[values.length - 1]}'`;

function openAiReasoning(model: string, b: RuleBody): RuleOutcome {
  const efforts = /^gpt-5\.[2-9]/.test(model) ? ['none', 'low', 'medium', 'high', 'xhigh'] : /^gpt-5\.1/.test(model) ? ['none', 'low', 'medium', 'high'] : /^gpt-5/.test(model) ? ['minimal', 'low', 'medium', 'high'] : ['low', 'medium', 'high'];
  const dflt = efforts[0] === 'none' ? 'none' : 'medium';
  const base = { reasoningTokens: 0, textOnly: false, family: 'openai-reasoning' as const };
  if (b.max_tokens !== undefined) return { ...base, failure: openAiError("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens', 'unsupported_parameter') };
  if (b.reasoning_effort !== undefined && !efforts.includes(b.reasoning_effort))
    return { ...base, failure: openAiError(`Unsupported value: '${b.reasoning_effort}' is not supported with the '${model}' model. Supported values are: ${list(efforts)}.`, 'reasoning_effort', 'unsupported_value') };
  const effort = b.reasoning_effort ?? dflt;
  if (effort !== 'none' && b.temperature !== undefined && b.temperature !== 1)
    return { ...base, failure: openAiError(`Unsupported value: 'temperature' does not support ${b.temperature} with this model. Only the default (1) value is supported.`, 'temperature', 'unsupported_value') };
  if (effort !== 'none' && b.logprobs) return { ...base, failure: openAiError("Unsupported parameter: 'logprobs' is not supported with this model.", 'logprobs', 'unsupported_parameter') };
  return { ...base, reasoningTokens: FAKE_REASONING[effort], budget: b.max_completion_tokens };
}

function openAiClassic(model: string, b: RuleBody): RuleOutcome {
  const ceiling = /^gpt-4\.1/.test(model) ? 32_768 : 16_384;
  const asked = b.max_tokens ?? b.max_completion_tokens;
  const base = { reasoningTokens: 0, textOnly: false, family: 'openai-classic' as const, budget: asked };
  if (asked !== undefined && asked > ceiling)
    return { ...base, failure: openAiError(`max_tokens is too large: ${asked}. This model supports at most ${ceiling} completion tokens, whereas you provided ${asked}.`, 'max_tokens', 'invalid_value') };
  return base;
}

function gemini(model: string, b: RuleBody): RuleOutcome {
  const pro = /^gemini-2\.5-pro/.test(model);
  const thinksByDefault = /^gemini-(2\.5|3)/.test(model) && !/flash-lite/.test(model);
  const base = { reasoningTokens: 0, textOnly: false, family: 'gemini' as const, budget: b.max_tokens ?? b.max_completion_tokens };
  if (b.logprobs) return { ...base, failure: geminiError('Logprobs are not supported for this model.') };
  const effort = b.reasoning_effort;
  if (effort !== undefined) {
    if (effort === 'none' && pro) return { ...base, failure: geminiError('Budget 0 is invalid. This model only works in thinking mode.') };
    if (!['none', 'low', 'medium', 'high'].includes(effort)) return { ...base, failure: geminiError(`Invalid reasoning effort: ${effort}. Expected one of none, low, medium, high.`) };
    return { ...base, reasoningTokens: FAKE_REASONING[effort] };
  }
  return { ...base, reasoningTokens: thinksByDefault ? FAKE_GEMINI_THINKING : 0 };
}

function anthropic(b: RuleBody, headers: IncomingHttpHeaders): RuleOutcome {
  const base = { reasoningTokens: 0, textOnly: true, family: 'anthropic' as const, budget: b.max_tokens ?? b.max_completion_tokens };
  // Only browsers send Origin: Node callers (the unit tests) are not CORS requests.
  if (headers.origin && headers['anthropic-dangerous-direct-browser-access'] !== 'true')
    return { ...base, failure: { status: 401, body: { type: 'error', error: { type: 'authentication_error', message: "CORS requests must set 'anthropic-dangerous-direct-browser-access' header" } } } };
  return base;
}

export function applyModelRules(model: string, body: RuleBody, headers: IncomingHttpHeaders): RuleOutcome {
  const m = model.toLowerCase();
  if (/^(gpt-5|o[134])/.test(m) && !/chat/.test(m)) return openAiReasoning(m, body);
  if (/^gpt-4/.test(m)) return openAiClassic(m, body);
  if (/^gemini-/.test(m)) return gemini(m, body);
  if (/^claude-/.test(m)) return anthropic(body, headers);
  if (/thinking/.test(m))
    return { reasoningTokens: 300, textOnly: false, family: 'open-thinking', budget: body.max_tokens ?? body.max_completion_tokens, thinking: 'First I compare the query with the reference, region by region, then I check each rule.' };
  return { reasoningTokens: 0, textOnly: false, family: 'other', budget: body.max_tokens ?? body.max_completion_tokens };
}

/** Model ids the fake lists besides its scenarios: one per family. */
export const FAMILY_MODELS = ['gpt-4o', 'gpt-5.1', 'gpt-5-mini', 'o4-mini', 'gemini-2.5-flash', 'gemini-2.5-pro', 'claude-sonnet-4-5', 'qwen3-vl-thinking'];
