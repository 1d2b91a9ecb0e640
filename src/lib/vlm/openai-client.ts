/**
 * The VLM seam: the only module that imports `openai`. One call = one chat completion (streamed
 * where asked), with the SDK's own retries switched off so this module is the single retry owner.
 * Every failure becomes a `VlmError` whose message is a sentence with the action to take.
 * The API key is sent only to the configured base URL and never appears in an error or a log.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatRequestBody } from '@/core/prompt/build-request';
import type { TokenLogprob } from '@/core/vlm/score';
import { modelCapabilities } from '@/core/vlm/model-capabilities';
import { providerPreset, type ProviderConfig } from '@/core/vlm/providers';
import { defaultOptions } from '@/core/options';
import { retryDelay } from '@/core/identity';

export type VlmErrorKind =
  | 'auth'
  | 'model'
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'cors'
  | 'timeout'
  | 'context-length'
  | 'content-filter'
  | 'bad-request'
  | 'cancelled'
  | 'empty'
  | 'budget';

export class VlmError extends Error {
  readonly kind: VlmErrorKind;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly retryAfterS?: number;
  constructor(kind: VlmErrorKind, message: string, opts: { httpStatus?: number; retryable?: boolean; retryAfterS?: number } = {}) {
    super(message);
    this.name = 'VlmError';
    this.kind = kind;
    this.httpStatus = opts.httpStatus;
    this.retryable = opts.retryable ?? false;
    this.retryAfterS = opts.retryAfterS;
  }
}

export interface ChatCallInput {
  config: ProviderConfig;
  apiKey: string;
  body: ChatRequestBody;
  signal?: AbortSignal;
  /** Called with the whole answer text so far while it streams. */
  onText?: (textSoFar: string) => void;
  /** Retries for retryable failures (429 per Retry-After, 5xx, network, timeout). */
  maxRetries: number;
  /** Longest Retry-After honoured inside a call, s; a longer wait is returned to the caller. */
  maxRetryWaitS?: number;
  /** Told before each wait between attempts (to show "retrying in N s"). */
  onRetry?: (info: RetryInfo) => void;
  /** Injected for tests and other environments. */
  fetch?: typeof fetch;
}

export interface RetryInfo {
  /** The sentence of the failure being retried. */
  message: string;
  waitS: number;
  /** The attempt about to start, 2 … maxRetries + 1. */
  attempt: number;
  maxAttempts: number;
}

export interface ChatCallOutput {
  text: string;
  /** The model's own refusal field (OpenAI structured outputs), when set. */
  refusal?: string;
  finishReason?: string;
  logprobs?: TokenLogprob[];
  /** `reasoningTokens`: hidden thinking, counted in `completionTokens` (billed as output). */
  usage?: { promptTokens: number; completionTokens: number; reasoningTokens?: number };
  /** The model's thinking, when the server returns it beside the answer (`reasoning_content` or `reasoning`). */
  thinking?: string;
  /** From sending to the last byte, ms (of the successful attempt). */
  latencyMs: number;
  attempts: number;
}

/**
 * Gemini's compatible endpoint returns errors as a JSON array (`[{"error": {…}}]`); the SDK reads
 * only an object's `error` and would report "(no body)". This rewrites such a body to the usual shape.
 */
export function readableErrorFetch(fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): typeof fetch {
  return async (url, init) => {
    const res = await fetchImpl(url, init);
    if (res.ok) return res;
    const text = await res
      .clone()
      .text()
      .catch(() => '');
    if (!text.trimStart().startsWith('[')) return res;
    let first: { error?: { message?: unknown; status?: unknown; code?: unknown }; message?: unknown } | undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      first = Array.isArray(parsed) ? parsed[0] : undefined;
    } catch {
      return res;
    }
    const inner = first?.error ?? first;
    if (!inner || typeof inner !== 'object') return res;
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    headers.set('content-type', 'application/json');
    const error = { message: typeof inner.message === 'string' ? inner.message : undefined, type: typeof (inner as { status?: unknown }).status === 'string' ? (inner as { status: string }).status : undefined, code: (inner as { code?: unknown }).code ?? null };
    return new Response(JSON.stringify({ error }), { status: res.status, statusText: res.statusText, headers });
  };
}

/** The HTTP status of an error the SDK raised, when the server answered at all. */
export function httpStatusOf(err: unknown): number | undefined {
  return err instanceof APIError ? err.status : undefined;
}

export function clientFor(config: ProviderConfig, apiKey: string, fetchImpl?: typeof fetch): OpenAI {
  const preset = providerPreset(config.presetId);
  // Headers the endpoint needs (Anthropic's browser-access header) come from the model table.
  const headers: Record<string, string> = { ...modelCapabilities(config).headers };
  if (preset.id === 'azure' && apiKey) headers['api-key'] = apiKey;
  return new OpenAI({
    apiKey: apiKey || 'no-key',
    baseURL: config.baseURL.replace(/\/+$/, ''),
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    // Our own timer below covers the whole stream; this is only a backstop.
    timeout: (config.timeoutS + 5) * 1000,
    defaultHeaders: Object.keys(headers).length ? headers : undefined,
    fetch: readableErrorFetch(fetchImpl),
  });
}

function retryAfterS(headers: Headers | undefined): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms) / 1000;
  const v = headers?.get('retry-after');
  if (!v) return undefined;
  if (Number.isFinite(Number(v))) return Number(v);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, (at - Date.now()) / 1000) : undefined;
}

function scrub(text: string, apiKey: string): string {
  let t = text.slice(0, 300);
  if (apiKey && apiKey.length > 3) t = t.split(apiKey).join('•••');
  return t.replace(/\b(sk-|key-)[A-Za-z0-9*_-]{6,}/g, '$1•••');
}

/** A sentence without its final period, so it can be quoted inside another sentence. */
function clause(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

function originHelp(config: ProviderConfig): string {
  const origin = typeof location !== 'undefined' ? location.origin : 'this page\'s address';
  const help = providerPreset(config.presetId).corsHelp;
  return help ? help.replaceAll("{origin}", origin) : `Allow the origin ${origin} in the server's CORS settings.`;
}

/** Maps anything thrown by the SDK or fetch to a `VlmError` with a sentence and an action. */
export function toVlmError(err: unknown, config: ProviderConfig, apiKey: string, ctx: { timedOut: boolean; cancelled: boolean }): VlmError {
  if (err instanceof VlmError) return err;
  const where = `${config.baseURL} (model "${config.model}")`;
  if (ctx.timedOut) return new VlmError('timeout', `The model at ${where} did not finish within ${config.timeoutS} s; try again, raise the timeout in Settings, or send smaller images.`, { retryable: true });
  if (ctx.cancelled || err instanceof APIUserAbortError) return new VlmError('cancelled', 'The call was cancelled.');
  if (err instanceof APIConnectionTimeoutError) return new VlmError('timeout', `The model at ${where} did not answer within ${config.timeoutS} s; try again or raise the timeout in Settings.`, { retryable: true });
  if (err instanceof APIConnectionError) {
    const preset = providerPreset(config.presetId);
    if (preset.local)
      return new VlmError('cors', `Could not reach ${config.baseURL}. Either the server is not running, or it refuses requests from this page (CORS). ${originHelp(config)}`, { retryable: true });
    return new VlmError('network', `Could not reach ${config.baseURL}; check the network connection and the base URL in Settings.${preset.corsHelp ? ` ${originHelp(config)}` : ''}`, { retryable: true });
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    const body = (err.error ?? {}) as { code?: unknown; type?: unknown; message?: unknown };
    const detail = scrub(typeof body.message === 'string' ? body.message : err.message ?? '', apiKey);
    const code = `${String(body.code ?? '')} ${String(body.type ?? '')} ${detail}`.toLowerCase();
    if (/anthropic-dangerous-direct-browser-access/.test(code))
      return new VlmError('cors', `Anthropic refused a call from the browser (HTTP ${status}): it needs the header anthropic-dangerous-direct-browser-access: true. Choose the Anthropic provider in Settings (it sends the header), or restore the header if you removed it.`, { httpStatus: status });
    if (status === 401 || status === 403)
      return new VlmError('auth', `The endpoint ${config.baseURL} refused the API key (HTTP ${status}); check the key in Settings${status === 403 ? ' and that it may use this model' : ''}.`, { httpStatus: status });
    if (status === 404) return new VlmError('model', `The model "${config.model}" was not found at ${config.baseURL} (HTTP 404); pick one from the model list in Settings.`, { httpStatus: status });
    if (status === 429) {
      const wait = retryAfterS(err.headers);
      return new VlmError('rate-limit', `The provider is rate-limiting requests (HTTP 429)${wait !== undefined ? `; it asked to wait ${Math.ceil(wait)} s` : ''}. Wait, or lower the concurrency.`, { httpStatus: status, retryable: true, retryAfterS: wait });
    }
    if (/context.?length|maximum context|too many tokens|context window|prompt is too long/.test(code))
      return new VlmError('context-length', `The request is larger than the model's context (HTTP ${status}); use fewer references, a smaller max side, or low detail.`, { httpStatus: status });
    if (/content.?filter|content.?policy|safety|responsible ?ai/.test(code))
      return new VlmError('content-filter', `The provider's content filter blocked this request (HTTP ${status}); the images or text were flagged, try other wording or images.`, { httpStatus: status });
    if (status >= 500) return new VlmError('server', `The provider had a server error (HTTP ${status}); it is usually temporary, try again in a minute.`, { httpStatus: status, retryable: true });
    return new VlmError('bad-request', `The endpoint rejected the request (HTTP ${status}): ${clause(detail) || 'no reason given'}.`, { httpStatus: status });
  }
  return new VlmError('network', `The call to ${config.baseURL} failed unexpectedly; check the base URL and try again.`, { retryable: true });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new VlmError('cancelled', 'The call was cancelled.'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new VlmError('cancelled', 'The call was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

type SdkParams = OpenAI.Chat.Completions.ChatCompletionCreateParams;

async function attempt(input: ChatCallInput): Promise<ChatCallOutput> {
  const { config, apiKey, body } = input;
  const client = clientFor(config, apiKey, input.fetch);
  const ctl = new AbortController();
  const ctx = { timedOut: false, cancelled: false };
  const onAbort = () => {
    ctx.cancelled = true;
    ctl.abort();
  };
  if (input.signal?.aborted) onAbort();
  input.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    ctx.timedOut = true;
    ctl.abort();
  }, config.timeoutS * 1000);
  const t0 = performance.now();
  try {
    if (body.stream) {
      const stream = await client.chat.completions.create(body as SdkParams & { stream: true }, { signal: ctl.signal });
      let text = '';
      let refusal = '';
      let thinking = '';
      let finishReason: string | undefined;
      const logprobs: TokenLogprob[] = [];
      let usage: ChatCallOutput['usage'];
      for await (const chunk of stream) {
        const choice = chunk.choices?.[0];
        const delta = choice?.delta;
        if (delta?.content) {
          text += delta.content;
          input.onText?.(text);
        }
        if (delta?.refusal) refusal += delta.refusal;
        const th = thinkingOf(delta);
        if (th) thinking += th;
        if (choice?.logprobs?.content) logprobs.push(...(choice.logprobs.content as TokenLogprob[]));
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) usage = usageOf(chunk.usage);
      }
      // An aborted stream ends the loop silently.
      if (ctl.signal.aborted) throw new APIUserAbortError();
      return finish({ text, refusal: refusal || undefined, thinking: thinking || undefined, finishReason, logprobs: logprobs.length ? logprobs : undefined, usage, latencyMs: performance.now() - t0, attempts: 1 }, config, body);
    }
    const res = await client.chat.completions.create({ ...(body as SdkParams), stream: false }, { signal: ctl.signal });
    const choice = res.choices?.[0];
    return finish(
      {
        text: choice?.message?.content ?? '',
        refusal: choice?.message?.refusal ?? undefined,
        thinking: thinkingOf(choice?.message) || undefined,
        finishReason: choice?.finish_reason ?? undefined,
        logprobs: (choice?.logprobs?.content as TokenLogprob[] | undefined) ?? undefined,
        usage: res.usage ? usageOf(res.usage) : undefined,
        latencyMs: performance.now() - t0,
        attempts: 1,
      },
      config,
      body,
    );
  } catch (err) {
    throw toVlmError(err, config, apiKey, ctx);
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onAbort);
  }
}

/** Thinking text beside the answer: vLLM and others say `reasoning_content`, OpenRouter `reasoning`. */
function thinkingOf(part: unknown): string {
  if (!part || typeof part !== 'object') return '';
  const p = part as { reasoning_content?: unknown; reasoning?: unknown };
  const t = p.reasoning_content ?? p.reasoning;
  return typeof t === 'string' ? t : '';
}

interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

function usageOf(u: WireUsage): NonNullable<ChatCallOutput['usage']> {
  const r = u.completion_tokens_details?.reasoning_tokens;
  return { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, ...(typeof r === 'number' ? { reasoningTokens: r } : {}) };
}

function finish(out: ChatCallOutput, config: ProviderConfig, body: ChatRequestBody): ChatCallOutput {
  if (!out.text && !out.refusal && out.finishReason === 'length') {
    // Thinking used the whole budget: trying again would be billed again for the same result.
    const budget = body.max_completion_tokens ?? body.max_tokens;
    const spent = out.usage?.reasoningTokens;
    throw new VlmError(
      'budget',
      `The model spent its whole budget${budget ? ` of ${budget} tokens` : ''} thinking${spent !== undefined ? ` (${spent} reasoning tokens)` : ''} and wrote no answer; raise the output budget or lower the reasoning effort.`,
    );
  }
  if (out.finishReason === 'content_filter' && !out.text)
    throw new VlmError('content-filter', `The provider's content filter stopped the answer from "${config.model}"; the images or text were flagged, try other wording or images.`);
  if (!out.text && !out.refusal) throw new VlmError('empty', `The model "${config.model}" returned an empty answer; try again, or check that it accepts images.`, { retryable: true });
  return out;
}

/** One chat completion with bounded retries (this is the only retry loop for a call). */
export async function callChat(input: ChatCallInput): Promise<ChatCallOutput> {
  const maxWait = input.maxRetryWaitS ?? defaultOptions.calls.maxRetryWaitS;
  for (let i = 0; ; i++) {
    try {
      const out = await attempt(input);
      return { ...out, attempts: i + 1 };
    } catch (err) {
      const e = err instanceof VlmError ? err : toVlmError(err, input.config, input.apiKey, { timedOut: false, cancelled: false });
      if (!e.retryable || i >= input.maxRetries || input.signal?.aborted) throw e;
      const waitS = retryDelay(i, defaultOptions.calls.backoffS, { retryAfter: e.retryAfterS });
      if (waitS > maxWait) throw e;
      input.onRetry?.({ message: e.message, waitS, attempt: i + 2, maxAttempts: input.maxRetries + 1 });
      await sleep(waitS * 1000, input.signal);
    }
  }
}

/** Model ids offered by the endpoint's `/models`, sorted. */
export async function listModels(config: ProviderConfig, apiKey: string, signal?: AbortSignal, fetchImpl?: typeof fetch): Promise<string[]> {
  const client = clientFor(config, apiKey, fetchImpl);
  const ctx = { timedOut: false, cancelled: false };
  try {
    const page = await client.models.list({ signal, timeout: Math.min(config.timeoutS, 20) * 1000 });
    return page.data.map((m) => m.id).sort();
  } catch (err) {
    ctx.cancelled = !!signal?.aborted;
    throw toVlmError(err, config, apiKey, ctx);
  }
}

export interface ConnectionCheck {
  ok: boolean;
  message: string;
  models: string[];
}

/** "Test connection": lists models and says whether the configured one is among them. */
export async function testConnection(config: ProviderConfig, apiKey: string, signal?: AbortSignal, fetchImpl?: typeof fetch): Promise<ConnectionCheck> {
  try {
    const models = await listModels(config, apiKey, signal, fetchImpl);
    if (!config.model.trim())
      return { ok: false, models, message: `Connected to ${config.baseURL} (${models.length} model(s) offered), but no model is set: pick one from the list before running.` };
    const has = models.includes(config.model);
    return {
      ok: true,
      models,
      message: has || !models.length ? `Connected to ${config.baseURL}: ${models.length} model(s) offered${has ? `, including "${config.model}"` : ''}.` : `Connected to ${config.baseURL}, but it does not list "${config.model}"; pick a model from the list.`,
    };
  } catch (err) {
    return { ok: false, models: [], message: err instanceof Error ? err.message : 'The connection test failed.' };
  }
}
