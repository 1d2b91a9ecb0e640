/**
 * What a request may carry depends on the model, not only on the provider. The provider preset
 * gives defaults; one row of this table, matched by provider and model-name pattern, refines them;
 * the user's overrides (Settings) win over both. Data, not branches: request building, the fake
 * server's tests and the Settings view all read these rows.
 *
 * Sources (checked against the providers' own pages):
 * - OpenAI reasoning models: https://platform.openai.com/docs/guides/reasoning and the
 *   `reasoning_effort` reference (gpt-5.1 defaults to `none`; models before it default to `medium`
 *   and refuse `none`; `max_completion_tokens` includes reasoning tokens; temperature, top_p and
 *   logprobs only at effort `none` on gpt-5.1 and later).
 * - Azure OpenAI: https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/reasoning
 * - Gemini: https://ai.google.dev/gemini-api/docs/openai and /thinking (2.5 and 3 think by default;
 *   2.5 Pro cannot turn thinking off; 3 Pro accepts only low and high).
 * - Anthropic: https://docs.anthropic.com/en/api/openai-sdk (response_format, logprobs and
 *   reasoning_effort ignored; temperature 0–1).
 */
import { providerPreset, type ModelCapabilities, type ProviderConfig, type ReasoningEffort } from '@/core/vlm/providers';

export interface ModelRow {
  /** Stable id, shown in Settings and in the model list. */
  id: string;
  /** Short name of the family, as the user sees it. */
  label: string;
  /** Preset ids the row applies to. */
  providers: readonly string[];
  /** Model ids: exact, or globs with `*` (case-insensitive). The most specific match wins. */
  models: readonly string[];
  caps: Partial<ModelCapabilities>;
}

const OPENAI = ['openai', 'azure'] as const;

/** OpenAI's reasoning models: hidden reasoning out of `max_completion_tokens`, sampling at its default, no logprobs. */
const OPENAI_REASONING: Partial<ModelCapabilities> = {
  tokenParam: 'max_completion_tokens',
  sampling: 'default-only',
  logprobs: false,
  thinking: true,
  maxOutputTokens: 128_000,
};

export const MODEL_ROWS: readonly ModelRow[] = [
  { id: 'openai-gpt-4o', label: 'GPT-4o', providers: OPENAI, models: ['gpt-4o', 'gpt-4o-*', 'chatgpt-4o*'], caps: { maxOutputTokens: 16_384 } },
  { id: 'openai-gpt-4.1', label: 'GPT-4.1', providers: OPENAI, models: ['gpt-4.1', 'gpt-4.1-*'], caps: { maxOutputTokens: 32_768 } },
  { id: 'openai-gpt-4-turbo', label: 'GPT-4 Turbo', providers: OPENAI, models: ['gpt-4-turbo*'], caps: { maxOutputTokens: 4096 } },
  {
    id: 'openai-gpt-5',
    label: 'GPT-5 (reasoning)',
    providers: OPENAI,
    models: ['gpt-5', 'gpt-5-2*', 'gpt-5-mini*', 'gpt-5-nano*'],
    caps: { ...OPENAI_REASONING, reasoningEfforts: ['minimal', 'low', 'medium', 'high'], defaultEffort: 'medium' },
  },
  { id: 'openai-gpt-5-pro', label: 'GPT-5 pro (reasoning)', providers: OPENAI, models: ['gpt-5-pro*'], caps: { ...OPENAI_REASONING, maxOutputTokens: 272_000, reasoningEfforts: ['high'], defaultEffort: 'high' } },
  // Chat variants answer without reasoning but still take the newer budget field.
  { id: 'openai-gpt-5-chat', label: 'GPT-5 chat', providers: OPENAI, models: ['gpt-5*-chat*'], caps: { tokenParam: 'max_completion_tokens', maxOutputTokens: 16_384, logprobs: false } },
  {
    id: 'openai-gpt-5.1',
    label: 'GPT-5.1 (reasoning, default none)',
    providers: OPENAI,
    models: ['gpt-5.1', 'gpt-5.1-*'],
    caps: { ...OPENAI_REASONING, reasoningEfforts: ['none', 'low', 'medium', 'high'], defaultEffort: 'none', samplingAtEfforts: ['none'], logprobs: true },
  },
  {
    id: 'openai-gpt-5.2',
    label: 'GPT-5.2+ (reasoning, default none)',
    providers: OPENAI,
    models: ['gpt-5.2*', 'gpt-5.3*', 'gpt-5.4*', 'gpt-5.5*'],
    caps: { ...OPENAI_REASONING, reasoningEfforts: ['none', 'low', 'medium', 'high', 'xhigh'], defaultEffort: 'none', samplingAtEfforts: ['none'], logprobs: true },
  },
  {
    id: 'openai-o-series',
    label: 'o-series (reasoning)',
    providers: OPENAI,
    models: ['o1', 'o1-2*', 'o3', 'o3-*', 'o4-mini*'],
    caps: { ...OPENAI_REASONING, maxOutputTokens: 100_000, reasoningEfforts: ['low', 'medium', 'high'], defaultEffort: 'medium' },
  },
  { id: 'gemini-2.0', label: 'Gemini 2.0 (no thinking)', providers: ['gemini'], models: ['gemini-2.0-*'], caps: { maxOutputTokens: 8192, thinking: false, thinkingAllowance: 0, reasoningEfforts: [] } },
  { id: 'gemini-2.5-flash', label: 'Gemini 2.5 Flash (thinks by default)', providers: ['gemini'], models: ['gemini-2.5-flash', 'gemini-2.5-flash-0*', 'gemini-2.5-flash-preview*', 'gemini-flash-latest'], caps: { reasoningEfforts: ['none', 'low', 'medium', 'high'] } },
  { id: 'gemini-2.5-flash-lite', label: 'Gemini 2.5 Flash-Lite (no thinking by default)', providers: ['gemini'], models: ['gemini-2.5-flash-lite*', 'gemini-flash-lite-latest'], caps: { thinking: false, thinkingAllowance: 0, defaultEffort: 'none', reasoningEfforts: ['none', 'low', 'medium', 'high'] } },
  // 2.5 Pro cannot switch thinking off.
  { id: 'gemini-2.5-pro', label: 'Gemini 2.5 Pro (always thinks)', providers: ['gemini'], models: ['gemini-2.5-pro*'], caps: { reasoningEfforts: ['low', 'medium', 'high'] } },
  { id: 'gemini-3-pro', label: 'Gemini 3 Pro (thinking levels low, high)', providers: ['gemini'], models: ['gemini-3*-pro*'], caps: { reasoningEfforts: ['low', 'high'], defaultEffort: 'high', thinkingAllowance: 16_384 } },
  { id: 'gemini-3-flash', label: 'Gemini 3 Flash (thinking levels)', providers: ['gemini'], models: ['gemini-3*-flash*'], caps: { reasoningEfforts: ['minimal', 'low', 'medium', 'high'], defaultEffort: 'high', thinkingAllowance: 16_384 } },
  { id: 'anthropic-claude-opus', label: 'Claude Opus', providers: ['anthropic'], models: ['claude-opus-4*'], caps: { maxOutputTokens: 32_000 } },
  { id: 'anthropic-claude', label: 'Claude Sonnet / Haiku', providers: ['anthropic'], models: ['claude-sonnet-4*', 'claude-haiku-4*', 'claude-3-7-sonnet*'], caps: { maxOutputTokens: 64_000 } },
  // OpenRouter takes `max_tokens` for every model and translates it; it returns thinking as `reasoning`.
  { id: 'openrouter-reasoning', label: 'Reasoning model via OpenRouter', providers: ['openrouter'], models: ['openai/gpt-5*', 'openai/o*', 'google/gemini-2.5*', 'google/gemini-3*', 'anthropic/claude-*', 'deepseek/*', 'qwen/qwen3*'], caps: { thinking: true, thinkingAllowance: 8192, sampling: 'default-only', maxOutputTokens: 64_000 } },
  // vLLM, Ollama and LM Studio run open thinking models: their thinking comes out of `max_tokens`.
  { id: 'local-thinking', label: 'Open thinking model', providers: ['ollama', 'lmstudio', 'vllm', 'custom'], models: ['*thinking*', '*qwq*', '*-r1*', 'qwen3-vl*', 'qwen/qwen3-vl*', '*glm-4.*v*'], caps: { thinking: true, thinkingAllowance: 4096 } },
];

/** Thinking tokens budgeted for an effort (upper bounds seen on image-inspection prompts). */
export const EFFORT_ALLOWANCE: Record<ReasoningEffort, number> = { none: 0, minimal: 1024, low: 4096, medium: 8192, high: 16_384, xhigh: 32_768 };

function globMatch(pattern: string, model: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(model);
}

/** How specific a pattern is: exact ids beat globs; longer literal text beats shorter. */
function specificity(pattern: string): number {
  return pattern.includes('*') ? pattern.replaceAll('*', '').length : 10_000;
}

/** The table row for a provider and model, or undefined when the model is not in the table. */
export function matchModelRow(presetId: string, model: string, rows: readonly ModelRow[] = MODEL_ROWS): ModelRow | undefined {
  const id = model.trim();
  if (!id) return undefined;
  let best: { row: ModelRow; score: number } | undefined;
  for (const row of rows) {
    if (!row.providers.includes(presetId)) continue;
    for (const p of row.models) {
      if (p.toLowerCase() !== id.toLowerCase() && !globMatch(p, id)) continue;
      const score = specificity(p);
      if (!best || score > best.score) best = { row, score };
    }
  }
  return best?.row;
}

export type CapSource = 'provider' | 'table' | 'yours';

export interface ResolvedModel {
  caps: ModelCapabilities;
  row?: ModelRow;
  /** Where each field's value comes from. */
  source: Record<keyof ModelCapabilities, CapSource>;
  /** A sentence when the model is not in the table (the provider's defaults apply). */
  unknownNote?: string;
}

/** Preset defaults, refined by the model's row, overridden by the user's settings. */
export function resolveModel(config: Pick<ProviderConfig, 'presetId' | 'model' | 'caps'>): ResolvedModel {
  const preset = providerPreset(config.presetId);
  const row = matchModelRow(preset.id, config.model ?? '');
  const caps = { ...preset.caps, ...row?.caps, ...config.caps } as ModelCapabilities;
  const source = {} as Record<keyof ModelCapabilities, CapSource>;
  for (const k of Object.keys(caps) as (keyof ModelCapabilities)[]) source[k] = config.caps && k in config.caps ? 'yours' : row && k in row.caps ? 'table' : 'provider';
  const hasRows = MODEL_ROWS.some((r) => r.providers.includes(preset.id));
  const unknownNote =
    !row && config.model && hasRows
      ? `"${config.model}" is not in the model table: ${preset.title}'s defaults are used (${caps.tokenParam}, ${caps.thinking ? 'thinks' : 'no thinking'}, ${caps.sampling === 'any' ? 'temperature sent' : 'temperature left out'}). Check the capabilities in Settings.`
      : undefined;
  return { caps, row, source, unknownNote };
}

/** The capabilities a request to the configured model must follow. */
export function modelCapabilities(config: Pick<ProviderConfig, 'presetId' | 'model' | 'caps'>): ModelCapabilities {
  return resolveModel(config).caps;
}

/** The effort a request runs at: the prompt's choice when the model accepts it, else the model's default. */
export function effectiveEffort(caps: ModelCapabilities, wanted: ReasoningEffort | undefined): { effort?: ReasoningEffort; send: boolean; refused?: ReasoningEffort } {
  if (wanted && caps.reasoningEfforts.includes(wanted)) return { effort: wanted, send: true };
  return { effort: caps.defaultEffort, send: false, refused: wanted && caps.reasoningEfforts.length ? wanted : undefined };
}

/** Thinking tokens to budget at an effort (0 when the model does not think at it). */
export function thinkingAllowance(caps: ModelCapabilities, effort: ReasoningEffort | undefined): number {
  if (effort) return caps.thinking || caps.reasoningEfforts.includes(effort) ? EFFORT_ALLOWANCE[effort] : 0;
  return caps.thinking ? caps.thinkingAllowance || EFFORT_ALLOWANCE.medium : 0;
}

/** Whether temperature (and logprobs) may be sent at this effort. */
export function samplingAllowed(caps: ModelCapabilities, effort: ReasoningEffort | undefined): boolean {
  return caps.sampling === 'any' || (!!effort && caps.samplingAtEfforts.includes(effort));
}
