import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeVlm } from '../../../e2e/fake-vlm/server';
import { partPng, pngDataUrl } from '../../../e2e/fake-vlm/fixtures';
import { callChat, listModels, testConnection, VlmError, type ChatCallInput } from '@/lib/vlm/openai-client';
import { buildRequest } from '@/core/prompt/build-request';
import { templateBody } from '@/core/prompt/prompt-body';
import { modelCapabilities } from '@/core/vlm/model-capabilities';
import type { ChatRequestBody } from '@/core/prompt/build-request';
import type { ProviderConfig } from '@/core/vlm/providers';
import { parseVerdict } from '@/core/vlm/parse-verdict';
import { scoreFromLogprobs } from '@/core/vlm/score';

let fake: Awaited<ReturnType<typeof startFakeVlm>>;
beforeAll(async () => {
  fake = await startFakeVlm(0);
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.state.log.length = 0;
  fake.state.queue.length = 0;
});

const normal = pngDataUrl(partPng(64));
const defect = pngDataUrl(partPng(64, { blob: { cx: 0.6, cy: 0.4, r: 0.1 } }));

function body(model: string, query = defect, stream = true): ChatRequestBody {
  return {
    model,
    temperature: 0,
    max_tokens: 400,
    stream,
    logprobs: true,
    top_logprobs: 5,
    messages: [
      { role: 'system', content: 'Inspect.' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: normal } }, { type: 'image_url', image_url: { url: query } }, { type: 'text', text: 'R1: no red marks.' }] },
    ],
  };
}

function call(model: string, over: Partial<ChatCallInput> = {}, cfg: Partial<ProviderConfig> = {}) {
  return callChat({ config: { presetId: 'openai', baseURL: `${fake.url}/v1`, model, timeoutS: 10, ...cfg }, apiKey: 'sk-secret-key-123', body: body(model), maxRetries: 0, ...over });
}

async function failure(p: Promise<unknown>): Promise<VlmError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof VlmError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('vlm client against the fake server', () => {
  it('streams the answer, which the fake bases on the pixels it received', async () => {
    const seen: string[] = [];
    const out = await call('fake-vision', { onText: (t) => seen.push(t) });
    expect(seen.length).toBeGreaterThan(5);
    const parsed = parseVerdict(out.text);
    expect(parsed).toMatchObject({ status: 'ok', verdict: 'anomalous', violatedRules: ['R1'] });
    expect(out.usage?.promptTokens).toBeGreaterThan(0);
    expect(scoreFromLogprobs(out.logprobs)).toBeCloseTo(0.85, 5);
    const log = fake.state.log[0];
    expect(log.images.map((i) => i.width)).toEqual([64, 64]);
    expect(log.images[1].redFraction).toBeGreaterThan(0.01);
    expect(log.images[0].redFraction).toBe(0);
    expect(log.hasAuth).toBe(true);
    expect(JSON.stringify(fake.state.log)).not.toContain('sk-secret-key-123');
  });

  it('reads a normal part as normal, without streaming too', async () => {
    const out = await call('fake-vision', { body: body('fake-vision', normal, false) });
    expect(parseVerdict(out.text)).toMatchObject({ verdict: 'normal' });
    expect(scoreFromLogprobs(out.logprobs)).toBeCloseTo(0.15, 5);
  });

  it.each([
    ['fail-401', 'auth', /refused the API key.*check the key in Settings/],
    ['fail-403', 'auth', /HTTP 403/],
    ['fail-404', 'model', /model "fail-404" was not found.*pick one/],
    ['fail-429', 'rate-limit', /rate-limiting.*wait 1 s/],
    ['fail-500', 'server', /server error \(HTTP 500\).*try again/],
    ['fail-context', 'context-length', /larger than the model's context.*fewer references/],
    ['fail-filter', 'content-filter', /content filter blocked/],
    ['fail-filter-finish', 'content-filter', /content filter stopped/],
  ])('%s becomes a sentence with an action', async (model, kind, sentence) => {
    const e = await failure(call(model));
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(sentence);
    expect(e.message).not.toContain('sk-secret');
  });

  it('429 carries Retry-After for a caller that owns retries', async () => {
    const e = await failure(call('fail-429'));
    expect(e.retryable).toBe(true);
    expect(e.retryAfterS).toBe(1);
  });

  it('retries 5xx and 429 itself when it owns the retries, then succeeds', async () => {
    fake.state.queue.push('fail-500', 'fail-429');
    const told: string[] = [];
    const out = await call('fake-vision', { maxRetries: 2, onRetry: (r) => told.push(`${r.attempt}/${r.maxAttempts} after ${r.waitS} s`) });
    expect(out.attempts).toBe(3);
    expect(told).toEqual(['2/3 after 1 s', '3/3 after 1 s']); // backoff 1 s, then Retry-After 1 s
    expect(fake.state.log.filter((l) => l.path === '/v1/chat/completions')).toHaveLength(3);
  });

  it('does not retry a key problem', async () => {
    await failure(call('fail-401', { maxRetries: 3 }));
    expect(fake.state.log).toHaveLength(1);
  });

  it('times out after the configured seconds', async () => {
    const e = await failure(call('fail-timeout', {}, { timeoutS: 0.5 }));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/within 0.5 s.*raise the timeout/);
  });

  it('cancels mid-stream', async () => {
    const ctl = new AbortController();
    const p = call('slow', { signal: ctl.signal, onText: (t) => t.length > 10 && ctl.abort() });
    const e = await failure(p);
    expect(e.kind).toBe('cancelled');
  });

  it('explains a refused connection to a local server as CORS or not running, with the fix', async () => {
    const e = await failure(call('x', {}, { presetId: 'ollama', baseURL: 'http://127.0.0.1:9/v1' }));
    expect(e.kind).toBe('cors');
    expect(e.message).toMatch(/OLLAMA_ORIGINS/);
  });

  it('lists models', async () => {
    expect(await listModels({ presetId: 'openai', baseURL: `${fake.url}/v1`, model: 'x', timeoutS: 5 }, 'k')).toContain('fake-vision');
  });
});

/** The body the app would build for this provider and model (the one path for preview, run and batch). */
function appBody(presetId: string, model: string, maxTokens = 800, stream = false): ChatRequestBody {
  const b = templateBody('zero-shot');
  b.sampling.maxTokens = maxTokens;
  return buildRequest({
    body: b,
    query: { caseId: 'q', caseName: 'q', className: 'part', kind: 'image', images: [{ sourceHash: 'q', dataUrl: defect, mime: 'image/png', bytes: 10, width: 64, height: 64 }] },
    references: [],
    model,
    caps: modelCapabilities({ presetId, model }),
    stream,
  }).body;
}

function callApp(presetId: string, model: string, over: Partial<ChatCallInput> = {}, maxTokens = 800) {
  return callChat({ config: { presetId, baseURL: `${fake.url}/v1`, model, timeoutS: 10 }, apiKey: 'k', body: appBody(presetId, model, maxTokens, true), maxRetries: 2, ...over });
}

describe("today's models against the fake's documented rules", () => {
  it.each([
    ['openai', 'gpt-4o'],
    ['openai', 'gpt-5.1'],
    ['openai', 'gpt-5-mini'],
    ['openai', 'o4-mini'],
    ['azure', 'gpt-5-mini'],
    ['gemini', 'gemini-2.5-flash'],
    ['gemini', 'gemini-2.5-pro'],
    ['anthropic', 'claude-sonnet-4-5'],
  ])('%s / %s: the body the app builds gets a verdict', async (presetId, model) => {
    const out = await callApp(presetId, model);
    expect(parseVerdict(out.text)).toMatchObject({ status: 'ok', verdict: 'anomalous' });
    expect(out.attempts).toBe(1);
  });

  it('the 2024 body (max_tokens) is refused by a reasoning model with OpenAI\'s own sentence, read without a doubled period', async () => {
    const e = await failure(call('o4-mini'));
    expect(e.kind).toBe('bad-request');
    expect(e.message).toBe("The endpoint rejected the request (HTTP 400): Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.");
  });

  it("reads Gemini's array-shaped error instead of \"no body\"", async () => {
    const e = await failure(call('gemini-2.5-flash'));
    expect(e.message).toBe('The endpoint rejected the request (HTTP 400): Logprobs are not supported for this model.');
  });

  it('an answer lost to thinking is one sentence with the numbers, and is not retried (billed once)', async () => {
    const e = await failure(callApp('openai', 'o4-mini', { body: { ...appBody('openai', 'o4-mini'), max_completion_tokens: 500 } }));
    expect(e.kind).toBe('budget');
    expect(e.retryable).toBe(false);
    expect(e.message).toBe('The model spent its whole budget of 500 tokens thinking (500 reasoning tokens) and wrote no answer; raise the output budget or lower the reasoning effort.');
    expect(fake.state.log.filter((l) => l.path === '/v1/chat/completions')).toHaveLength(1);
  });

  it('reports reasoning tokens spent, and keeps the thinking a server returns beside the answer', async () => {
    const out = await callApp('openai', 'o4-mini');
    expect(out.usage?.reasoningTokens).toBe(1800);
    const thinker = await callApp('vllm', 'qwen3-vl-thinking');
    expect(thinker.thinking).toContain('I compare the query with the reference');
    const plain = await callApp('vllm', 'qwen3-vl-thinking', { body: { ...appBody('vllm', 'qwen3-vl-thinking'), stream: false } });
    expect(plain.thinking).toContain('I compare the query with the reference');
  });

  it("sends Anthropic's browser-access header from the table", async () => {
    await callApp('anthropic', 'claude-sonnet-4-5');
    expect(fake.state.log.at(-1)?.anthropicBrowserHeader).toBe(true);
    expect(fake.state.log.at(-1)?.params).not.toHaveProperty('response_format');
  });

  it('Test connection with no model set says so instead of succeeding', async () => {
    const r = await testConnection({ presetId: 'openai', baseURL: `${fake.url}/v1`, model: '', timeoutS: 5 }, 'k');
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/no model is set: pick one from the list/);
    expect(r.models).toContain('gpt-5.1');
  });
});
