/**
 * Provider presets and what each endpoint can do. A table, not branches: code asks
 * `capabilities(presetId)` and never tests a provider's name.
 */

/** How a provider counts image input tokens (published formulas). */
export type ImageTokenFormula = 'openai-tiles' | 'gemini-tiles' | 'unknown';

export interface ProviderCapabilities {
  /** Honours the image `detail` field. */
  detail: boolean;
  /** `response_format: {type: 'json_schema', strict: true}`. */
  jsonSchemaStrict: boolean;
  /** `response_format: {type: 'json_object'}`. */
  jsonMode: boolean;
  /** Returns token logprobs (`logprobs`, `top_logprobs`). */
  logprobs: boolean;
  /** Most images accepted in one request. */
  maxImages: number;
  streaming: boolean;
  /** Sends `stream_options: {include_usage: true}` to get token usage at the end of a stream. */
  streamUsage: boolean;
  imageTokens: ImageTokenFormula;
}

/** `reasoning_effort` values across providers (each model accepts some of them). */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** What a request to one model may carry: the provider's defaults, refined per model (`model-capabilities.ts`). */
export interface ModelCapabilities extends ProviderCapabilities {
  /** The name of the output budget field: reasoning models refuse `max_tokens`. */
  tokenParam: 'max_tokens' | 'max_completion_tokens';
  /** Most output tokens (thinking included) the model accepts in one answer. */
  maxOutputTokens: number;
  /** Whether `temperature` may differ from the default: 'any', or 'default-only' (then it is left out). */
  sampling: 'any' | 'default-only';
  /** Efforts at which sampling and logprobs are accepted although `sampling` is default-only (gpt-5.1 at `none`). */
  samplingAtEfforts: ReasoningEffort[];
  /** Highest temperature the endpoint accepts. */
  maxTemperature: number;
  /** `reasoning_effort` values the model accepts; empty = the field is never sent. */
  reasoningEfforts: ReasoningEffort[];
  /** The effort the model uses when none is sent; undefined = the model decides per request (dynamic thinking). */
  defaultEffort?: ReasoningEffort;
  /** The model spends hidden thinking tokens by default, out of the output budget. */
  thinking: boolean;
  /** Thinking tokens to budget when no effort is sent and the model thinks dynamically. */
  thinkingAllowance: number;
  /** Extra request headers the endpoint needs (name → value). */
  headers: Record<string, string>;
}

/** Model fields of a classic chat model (what every preset starts from). */
export const CLASSIC_MODEL = {
  tokenParam: 'max_tokens',
  maxOutputTokens: 16_384,
  sampling: 'any',
  samplingAtEfforts: [],
  maxTemperature: 2,
  reasoningEfforts: [],
  defaultEffort: undefined,
  thinking: false,
  thinkingAllowance: 0,
  headers: {},
} as const satisfies Omit<ModelCapabilities, keyof ProviderCapabilities>;

export interface ProviderPreset {
  id: string;
  title: string;
  /** Suggested base URL (OpenAI-compatible, ending before `/chat/completions`). */
  baseURL: string;
  /** Whether a key is needed (local servers usually accept any). */
  needsKey: boolean;
  /** Runs on the user's own machine: a failed call is probably CORS, and the fix is known. */
  local: boolean;
  /** How to allow the browser's origin on this server, as a sentence. */
  corsHelp?: string;
  defaultModel: string;
  /** Where to get a key or set the server up. */
  note?: string;
  caps: ModelCapabilities;
  /** The provider's documentation page the capabilities follow. */
  doc?: string;
}

const CLOUD: ModelCapabilities = {
  ...CLASSIC_MODEL,
  samplingAtEfforts: [],
  reasoningEfforts: [],
  headers: {},
  detail: true,
  jsonSchemaStrict: true,
  jsonMode: true,
  logprobs: true,
  maxImages: 50,
  streaming: true,
  streamUsage: true,
  imageTokens: 'openai-tiles',
};

const LOCAL: ModelCapabilities = {
  ...CLASSIC_MODEL,
  samplingAtEfforts: [],
  reasoningEfforts: [],
  headers: {},
  // Local servers cap output by context size, not by a published ceiling.
  maxOutputTokens: 32_768,
  detail: false,
  jsonSchemaStrict: false,
  jsonMode: true,
  logprobs: false,
  maxImages: 16,
  streaming: true,
  streamUsage: true,
  imageTokens: 'unknown',
};

export const PROVIDER_PRESETS: ProviderPreset[] = [
  { id: 'openai', title: 'OpenAI', baseURL: 'https://api.openai.com/v1', needsKey: true, local: false, defaultModel: 'gpt-4o', caps: CLOUD },
  {
    id: 'azure',
    title: 'Azure OpenAI',
    baseURL: 'https://YOUR-RESOURCE.openai.azure.com/openai/v1',
    needsKey: true,
    local: false,
    defaultModel: 'gpt-4o',
    note: 'Use the v1 endpoint of your resource; the model is your deployment name (name deployments after their model, e.g. gpt-5-mini, so the model table applies).',
    corsHelp: 'Check the resource name in the base URL and that your network reaches *.openai.azure.com; Azure OpenAI answers browsers.',
    doc: 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/reasoning',
    caps: CLOUD,
  },
  {
    id: 'gemini',
    title: 'Google Gemini (OpenAI-compatible)',
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai',
    needsKey: true,
    local: false,
    defaultModel: 'gemini-2.5-flash',
    corsHelp: 'Gemini\'s OpenAI-compatible endpoint accepts calls from browsers; a failure here is the network, a proxy or an extension blocking generativelanguage.googleapis.com.',
    doc: 'https://ai.google.dev/gemini-api/docs/openai',
    caps: { ...CLOUD, detail: false, logprobs: false, maxImages: 16, streamUsage: true, imageTokens: 'gemini-tiles', maxOutputTokens: 65_536, thinking: true, thinkingAllowance: 8192, reasoningEfforts: ['none', 'low', 'medium', 'high'] },
  },
  {
    id: 'anthropic',
    title: 'Anthropic Claude (OpenAI-compatible)',
    baseURL: 'https://api.anthropic.com/v1',
    needsKey: true,
    local: false,
    defaultModel: 'claude-sonnet-4-5',
    note: 'Anthropic\'s OpenAI-compatible endpoint ignores response_format, logprobs and reasoning_effort: answers are read tolerantly.',
    corsHelp: 'Anthropic answers browsers only when the header anthropic-dangerous-direct-browser-access: true is sent (the workbench sends it unless you removed it); otherwise check the network.',
    doc: 'https://docs.anthropic.com/en/api/openai-sdk',
    // Ignored fields are left out, so the preview shows what really counts.
    caps: { ...CLOUD, detail: false, jsonSchemaStrict: false, jsonMode: false, logprobs: false, maxImages: 100, imageTokens: 'unknown', maxOutputTokens: 64_000, maxTemperature: 1, headers: { 'anthropic-dangerous-direct-browser-access': 'true' } },
  },
  {
    id: 'mistral',
    title: 'Mistral AI',
    baseURL: 'https://api.mistral.ai/v1',
    needsKey: true,
    local: false,
    defaultModel: 'mistral-medium-latest',
    note: 'Vision models: mistral-medium, mistral-small, pixtral-large. JSON mode and JSON schemas are supported; logprobs are not.',
    corsHelp: 'A failure here is the network, a proxy or an extension blocking api.mistral.ai.',
    doc: 'https://docs.mistral.ai/capabilities/vision/',
    caps: { ...CLOUD, detail: false, logprobs: false, maxImages: 8, imageTokens: 'unknown', maxOutputTokens: 32_768, maxTemperature: 1.5 },
  },
  {
    id: 'openrouter',
    title: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    needsKey: true,
    local: false,
    defaultModel: 'openai/gpt-4o',
    note: 'Capabilities depend on the routed model; strict schemas fall back to JSON mode where refused.',
    corsHelp: 'OpenRouter accepts calls from browsers; a failure here is the network, a proxy or an extension blocking openrouter.ai.',
    doc: 'https://openrouter.ai/docs/use-cases/reasoning-tokens',
    caps: { ...CLOUD, jsonSchemaStrict: false, logprobs: false },
  },
  {
    id: 'ollama',
    title: 'Ollama',
    baseURL: 'http://localhost:11434/v1',
    needsKey: false,
    local: true,
    corsHelp: 'Start Ollama with the app\'s origin allowed, e.g. OLLAMA_ORIGINS="{origin}" ollama serve.',
    defaultModel: 'qwen2.5vl:7b',
    caps: { ...LOCAL, jsonSchemaStrict: false },
  },
  {
    id: 'lmstudio',
    title: 'LM Studio',
    baseURL: 'http://localhost:1234/v1',
    needsKey: false,
    local: true,
    corsHelp: 'In LM Studio open the Developer tab, server settings, and switch on "Enable CORS".',
    defaultModel: 'qwen2.5-vl-7b-instruct',
    caps: { ...LOCAL, jsonSchemaStrict: true },
  },
  {
    id: 'vllm',
    title: 'vLLM',
    baseURL: 'http://localhost:8000/v1',
    needsKey: false,
    local: true,
    corsHelp: 'Start vLLM with --allowed-origins \'["{origin}"]\' (and --allowed-headers \'["*"]\').',
    defaultModel: 'Qwen/Qwen2.5-VL-7B-Instruct',
    caps: { ...LOCAL, jsonSchemaStrict: true, logprobs: true },
  },
  {
    id: 'custom',
    title: 'Custom (OpenAI-compatible)',
    baseURL: 'http://localhost:8080/v1',
    needsKey: false,
    local: true,
    corsHelp: 'Allow the origin {origin} and the headers authorization, content-type and x-stainless-* in the server\'s CORS settings.',
    defaultModel: '',
    caps: { ...LOCAL, jsonSchemaStrict: false, jsonMode: false },
  },
];

export function providerPreset(id: string): ProviderPreset {
  return PROVIDER_PRESETS.find((p) => p.id === id) ?? PROVIDER_PRESETS[PROVIDER_PRESETS.length - 1];
}

/** What the user configured: a preset, possibly with its capabilities overridden. */
export interface ProviderConfig {
  presetId: string;
  baseURL: string;
  model: string;
  /** Per-request timeout, s. */
  timeoutS: number;
  /** The user's overrides of capabilities (e.g. a custom server that does support logprobs); they win over the table. */
  caps?: Partial<ModelCapabilities>;
}

/**
 * The preset's capabilities with the user's overrides, without the model table. For a request use
 * `modelCapabilities()` (`model-capabilities.ts`), which also applies the row of the configured model.
 */
export function capabilities(config: Pick<ProviderConfig, 'presetId' | 'caps'>): ModelCapabilities {
  return { ...providerPreset(config.presetId).caps, ...config.caps };
}

export const DEFAULT_TIMEOUT_S = 120;

/** Price per million tokens, USD. `model` matches exactly or as a prefix ending in `*`. */
export interface PriceRow {
  model: string;
  inputPerMTokUsd: number;
  outputPerMTokUsd: number;
}

/** Editable defaults (public list prices at the time of writing; local models cost nothing). */
export const DEFAULT_PRICES: PriceRow[] = [
  { model: 'gpt-4o', inputPerMTokUsd: 2.5, outputPerMTokUsd: 10 },
  { model: 'gpt-4o-mini', inputPerMTokUsd: 0.15, outputPerMTokUsd: 0.6 },
  { model: 'gpt-4.1', inputPerMTokUsd: 2, outputPerMTokUsd: 8 },
  { model: 'gpt-4.1-mini', inputPerMTokUsd: 0.4, outputPerMTokUsd: 1.6 },
  { model: 'gemini-2.5-flash', inputPerMTokUsd: 0.3, outputPerMTokUsd: 2.5 },
  { model: 'gemini-2.5-pro', inputPerMTokUsd: 1.25, outputPerMTokUsd: 10 },
  { model: 'openai/gpt-4o', inputPerMTokUsd: 2.5, outputPerMTokUsd: 10 },
  // Reasoning tokens are billed as output.
  { model: 'gpt-5.1*', inputPerMTokUsd: 1.25, outputPerMTokUsd: 10 },
  { model: 'gpt-5', inputPerMTokUsd: 1.25, outputPerMTokUsd: 10 },
  { model: 'gpt-5-mini*', inputPerMTokUsd: 0.25, outputPerMTokUsd: 2 },
  { model: 'o4-mini*', inputPerMTokUsd: 1.1, outputPerMTokUsd: 4.4 },
  { model: 'claude-sonnet-4*', inputPerMTokUsd: 3, outputPerMTokUsd: 15 },
];

/** The price row for a model: exact match first, then the longest `prefix*` match. */
export function priceFor(prices: readonly PriceRow[], model: string): PriceRow | undefined {
  const exact = prices.find((p) => p.model === model);
  if (exact) return exact;
  return prices
    .filter((p) => p.model.endsWith('*') && model.startsWith(p.model.slice(0, -1)))
    .sort((a, b) => b.model.length - a.model.length)[0];
}

export function costUsd(price: PriceRow | undefined, promptTokens: number, completionTokens: number): number | undefined {
  if (!price) return undefined;
  return (promptTokens * price.inputPerMTokUsd + completionTokens * price.outputPerMTokUsd) / 1e6;
}
