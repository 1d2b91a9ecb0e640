import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeVlm } from '../../e2e/fake-vlm/server';
import { partPng, pngDataUrl } from '../../e2e/fake-vlm/fixtures';
import { callChat, listModels, VlmError, type ChatCallInput } from '@/lib/vlm-client';
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
