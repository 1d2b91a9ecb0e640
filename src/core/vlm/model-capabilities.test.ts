import { describe, expect, it } from 'vitest';
import { buildRequest, type EncodedImage } from '@/core/prompt/build-request';
import { templateBody } from '@/core/prompt/prompt-body';
import { matchModelRow, MODEL_ROWS, modelCapabilities, resolveModel } from '@/core/vlm/model-capabilities';
import type { ReasoningEffort } from '@/core/vlm/providers';

const img: EncodedImage = { sourceHash: 'hq', dataUrl: 'data:image/jpeg;base64,AA', mime: 'image/jpeg', bytes: 10, width: 512, height: 512 };

function build(presetId: string, model: string, effort?: ReasoningEffort, maxTokens = 800) {
  const body = templateBody('zero-shot');
  body.sampling = { temperature: 0, maxTokens, ...(effort ? { reasoningEffort: effort } : {}) };
  return buildRequest({ body, query: { caseId: 'q', caseName: 'q.png', className: 'part', kind: 'image', images: [img] }, references: [], model, caps: modelCapabilities({ presetId, model }), stream: false });
}

const BASE = ['messages', 'model'];

interface Row {
  presetId: string;
  model: string;
  row: string | undefined;
  effort?: ReasoningEffort;
  /** Exactly the top-level fields of the body besides model and messages. */
  fields: string[];
  budget: number;
  reasoningEffort?: ReasoningEffort;
  headers?: Record<string, string>;
  thinks: boolean;
}

/** One line per provider/model pair a user picks today; each says what the body may carry. */
const ROWS: Row[] = [
  { presetId: 'openai', model: 'gpt-4o', row: 'openai-gpt-4o', fields: ['logprobs', 'max_tokens', 'response_format', 'temperature', 'top_logprobs'], budget: 800, thinks: false },
  { presetId: 'openai', model: 'gpt-4o-2024-08-06', row: 'openai-gpt-4o', fields: ['logprobs', 'max_tokens', 'response_format', 'temperature', 'top_logprobs'], budget: 800, thinks: false },
  { presetId: 'openai', model: 'gpt-4.1-mini', row: 'openai-gpt-4.1', fields: ['logprobs', 'max_tokens', 'response_format', 'temperature', 'top_logprobs'], budget: 800, thinks: false },
  { presetId: 'openai', model: 'gpt-5.1', row: 'openai-gpt-5.1', fields: ['logprobs', 'max_completion_tokens', 'response_format', 'temperature', 'top_logprobs'], budget: 800, thinks: false },
  { presetId: 'openai', model: 'gpt-5.1', effort: 'medium', row: 'openai-gpt-5.1', fields: ['max_completion_tokens', 'reasoning_effort', 'response_format'], budget: 800 + 8192, reasoningEffort: 'medium', thinks: true },
  { presetId: 'openai', model: 'gpt-5.1', effort: 'minimal', row: 'openai-gpt-5.1', fields: ['logprobs', 'max_completion_tokens', 'response_format', 'temperature', 'top_logprobs'], budget: 800, thinks: false },
  { presetId: 'openai', model: 'gpt-5-mini', row: 'openai-gpt-5', fields: ['max_completion_tokens', 'response_format'], budget: 800 + 8192, thinks: true },
  { presetId: 'openai', model: 'gpt-5-mini-2025-08-07', effort: 'minimal', row: 'openai-gpt-5', fields: ['max_completion_tokens', 'reasoning_effort', 'response_format'], budget: 800 + 1024, reasoningEffort: 'minimal', thinks: true },
  { presetId: 'openai', model: 'gpt-5', effort: 'none', row: 'openai-gpt-5', fields: ['max_completion_tokens', 'response_format'], budget: 800 + 8192, thinks: true },
  { presetId: 'openai', model: 'o4-mini', row: 'openai-o-series', fields: ['max_completion_tokens', 'response_format'], budget: 800 + 8192, thinks: true },
  { presetId: 'openai', model: 'o3', effort: 'high', row: 'openai-o-series', fields: ['max_completion_tokens', 'reasoning_effort', 'response_format'], budget: 800 + 16_384, reasoningEffort: 'high', thinks: true },
  { presetId: 'azure', model: 'gpt-5-mini', row: 'openai-gpt-5', fields: ['max_completion_tokens', 'response_format'], budget: 800 + 8192, thinks: true },
  { presetId: 'azure', model: 'gpt-4o', row: 'openai-gpt-4o', fields: ['logprobs', 'max_tokens', 'response_format', 'temperature', 'top_logprobs'], budget: 800, thinks: false },
  { presetId: 'gemini', model: 'gemini-2.5-flash', row: 'gemini-2.5-flash', fields: ['max_tokens', 'response_format', 'temperature'], budget: 800 + 8192, thinks: true },
  { presetId: 'gemini', model: 'gemini-2.5-flash', effort: 'none', row: 'gemini-2.5-flash', fields: ['max_tokens', 'reasoning_effort', 'response_format', 'temperature'], budget: 800, reasoningEffort: 'none', thinks: false },
  { presetId: 'gemini', model: 'gemini-2.5-pro', effort: 'none', row: 'gemini-2.5-pro', fields: ['max_tokens', 'response_format', 'temperature'], budget: 800 + 8192, thinks: true },
  { presetId: 'gemini', model: 'gemini-2.5-flash-lite', row: 'gemini-2.5-flash-lite', fields: ['max_tokens', 'response_format', 'temperature'], budget: 800, thinks: false },
  { presetId: 'gemini', model: 'gemini-3-pro-preview', effort: 'medium', row: 'gemini-3-pro', fields: ['max_tokens', 'response_format', 'temperature'], budget: 800 + 16_384, thinks: true },
  { presetId: 'gemini', model: 'gemini-2.0-flash', row: 'gemini-2.0', fields: ['max_tokens', 'response_format', 'temperature'], budget: 800, thinks: false },
  { presetId: 'anthropic', model: 'claude-sonnet-4-5', effort: 'high', row: 'anthropic-claude', fields: ['max_tokens', 'temperature'], budget: 800, headers: { 'anthropic-dangerous-direct-browser-access': 'true' }, thinks: false },
  { presetId: 'anthropic', model: 'claude-opus-4-1', row: 'anthropic-claude-opus', fields: ['max_tokens', 'temperature'], budget: 800, headers: { 'anthropic-dangerous-direct-browser-access': 'true' }, thinks: false },
  { presetId: 'mistral', model: 'mistral-medium-latest', row: undefined, fields: ['max_tokens', 'response_format', 'temperature'], budget: 800, thinks: false },
  { presetId: 'openrouter', model: 'openai/gpt-5-mini', row: 'openrouter-reasoning', fields: ['max_tokens', 'response_format'], budget: 800 + 8192, thinks: true },
  { presetId: 'openrouter', model: 'openai/gpt-4o', row: undefined, fields: ['max_tokens', 'response_format', 'temperature'], budget: 800, thinks: false },
  { presetId: 'ollama', model: 'qwen2.5vl:7b', row: undefined, fields: ['max_tokens', 'response_format', 'temperature'], budget: 800, thinks: false },
  { presetId: 'vllm', model: 'Qwen/Qwen3-VL-8B-Thinking', row: 'local-thinking', fields: ['logprobs', 'max_tokens', 'response_format', 'temperature', 'top_logprobs'], budget: 800 + 4096, thinks: true },
  { presetId: 'lmstudio', model: 'qwen2.5-vl-7b-instruct', row: undefined, fields: ['max_tokens', 'response_format', 'temperature'], budget: 800, thinks: false },
];

describe('the model table, row by row', () => {
  it.each(ROWS)('$presetId / $model (effort $effort): body carries exactly what the model accepts', (r) => {
    expect(matchModelRow(r.presetId, r.model)?.id).toBe(r.row);
    const b = build(r.presetId, r.model, r.effort);
    expect(Object.keys(b.body).sort()).toEqual([...BASE, ...r.fields].sort());
    const budget = b.body.max_completion_tokens ?? b.body.max_tokens;
    expect(budget).toBe(r.budget);
    expect(b.estimate.maxOutputTokens).toBe(r.budget);
    expect(b.body.reasoning_effort).toBe(r.reasoningEffort);
    expect(b.headers).toEqual(r.headers ?? {});
    // The estimate counts thinking as output whenever the model may think.
    expect(b.estimate.reasoningTokens.max > 0).toBe(r.thinks);
    expect(b.estimate.answerTokens + b.estimate.reasoningTokens.max).toBe(r.budget);
  });

  it('reasoning models never get max_tokens, temperature or logprobs at their default effort', () => {
    for (const model of ['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'o3', 'o4-mini', 'o4-mini-2025-04-16']) {
      const b = build('openai', model);
      expect(b.body.max_tokens, model).toBeUndefined();
      expect(b.body.temperature, model).toBeUndefined();
      expect(b.body.logprobs, model).toBeUndefined();
      expect(b.adapted.map((a) => a.text).join(' '), model).toContain(`temperature left out: ${model} accepts only the default`);
    }
  });

  it('says why a refused effort was left out and what the model runs at instead', () => {
    const b = build('openai', 'gpt-5.1', 'minimal');
    expect(b.adapted.find((a) => a.field === 'reasoning_effort')?.text).toBe('reasoning_effort "minimal" left out: gpt-5.1 accepts none, low, medium, high; it runs at its default (none).');
  });

  it('caps the budget at the model ceiling and says so', () => {
    const b = build('openai', 'gpt-4o', undefined, 20_000);
    expect(b.body.max_tokens).toBe(16_384);
    expect(b.adapted.some((a) => a.text.includes('lowered to 16384'))).toBe(true);
  });

  it('the user overrides win over the table and are marked as theirs', () => {
    const r = resolveModel({ presetId: 'openai', model: 'o4-mini', caps: { maxOutputTokens: 5000 } });
    expect(r.caps.maxOutputTokens).toBe(5000);
    expect(r.source.maxOutputTokens).toBe('yours');
    expect(r.source.tokenParam).toBe('table');
    expect(r.source.detail).toBe('provider');
  });

  it('an unknown model on a known provider gets the provider defaults and a note', () => {
    const r = resolveModel({ presetId: 'openai', model: 'gpt-9-turbo' });
    expect(r.row).toBeUndefined();
    expect(r.caps.tokenParam).toBe('max_tokens');
    expect(r.unknownNote).toContain('"gpt-9-turbo" is not in the model table');
    expect(resolveModel({ presetId: 'openai', model: 'gpt-4o' }).unknownNote).toBeUndefined();
  });

  it('every row names at least one provider and pattern, and ids are unique', () => {
    expect(new Set(MODEL_ROWS.map((r) => r.id)).size).toBe(MODEL_ROWS.length);
    for (const r of MODEL_ROWS) expect(r.providers.length && r.models.length).toBeTruthy();
  });
});
