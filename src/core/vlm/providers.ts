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
  caps: ProviderCapabilities;
}

const CLOUD: ProviderCapabilities = {
  detail: true,
  jsonSchemaStrict: true,
  jsonMode: true,
  logprobs: true,
  maxImages: 50,
  streaming: true,
  streamUsage: true,
  imageTokens: 'openai-tiles',
};

const LOCAL: ProviderCapabilities = {
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
    note: 'Use the v1 endpoint of your resource; the model is your deployment name.',
    caps: CLOUD,
  },
  {
    id: 'gemini',
    title: 'Google Gemini (OpenAI-compatible)',
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai',
    needsKey: true,
    local: false,
    defaultModel: 'gemini-2.5-flash',
    caps: { ...CLOUD, detail: false, logprobs: false, maxImages: 16, streamUsage: true, imageTokens: 'gemini-tiles' },
  },
  {
    id: 'openrouter',
    title: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    needsKey: true,
    local: false,
    defaultModel: 'openai/gpt-4o',
    note: 'Capabilities depend on the routed model; strict schemas fall back to JSON mode where refused.',
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
  /** Overrides of the preset's capabilities (e.g. a custom server that does support logprobs). */
  caps?: Partial<ProviderCapabilities>;
}

export function capabilities(config: Pick<ProviderConfig, 'presetId' | 'caps'>): ProviderCapabilities {
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
