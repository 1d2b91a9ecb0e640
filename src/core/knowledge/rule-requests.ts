/**
 * Requests that ask the model for knowledge instead of a verdict: drafting normality rules for a
 * class from its normal references (and, if wanted, a few labelled defective cases), and
 * suggesting one rule from a disagreement. Pure, like `buildRequest`: the preview shows the object
 * returned here and the client sends that same object.
 */
import type { ChatMessage, ChatRequestBody, ContentPart, EncodedImage, TokenEstimate } from '@/core/prompt/build-request';
import type { PromptRule } from '@/core/prompt/prompt-body';
import { imageTokens, textTokens } from '@/core/prompt/token-estimate';
import { generationParams } from '@/core/prompt/generation-params';
import type { ModelCapabilities } from '@/core/vlm/providers';

/** Names the fake server and logs recognise these requests by (the JSON schema's name). */
export const DRAFT_SCHEMA_NAME = 'rule_suggestions';
export const SUGGEST_SCHEMA_NAME = 'rule_from_miss';

export interface KnowledgeImage {
  caseId: string;
  /** What the model is told this image is ("Normal example 2", "Defective example 1 (scratch)"). */
  label: string;
  image: EncodedImage;
}

export interface KnowledgeRequest {
  body: ChatRequestBody;
  images: (KnowledgeImage & { tokens: number })[];
  estimate: TokenEstimate;
}

interface Common {
  className: string;
  classContext?: string;
  /** The rules the prompt already has for the class (enabled, global or scoped to it). */
  existing: readonly PromptRule[];
  model: string;
  caps: ModelCapabilities;
  maxTokens: number;
  detail: 'low' | 'high' | 'auto';
}

const ITEM_SCHEMA = {
  type: 'object',
  properties: { text: { type: 'string' }, kind: { type: 'string', enum: ['rule', 'tolerated'] }, why: { type: 'string' } },
  required: ['text', 'kind', 'why'],
  additionalProperties: false,
};

function existingText(existing: readonly PromptRule[]): string {
  if (!existing.length) return 'The prompt has no rules for this class yet.';
  return `Rules the prompt already has (do not repeat them):\n${existing.map((r) => `${r.id} (${r.kind === 'tolerated' ? 'tolerated variation' : 'rule'}): ${r.text}`).join('\n')}`;
}

function finish(c: Common, system: string, parts: ContentPart[], images: KnowledgeImage[], schemaName: string, schema: Record<string, unknown>): KnowledgeRequest {
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: parts },
  ];
  // Same parameter names, effort and thinking allowance as a verdict request to this model.
  const gen = generationParams(c.caps, c.model, { temperature: 0, maxTokens: c.maxTokens });
  const body: ChatRequestBody = { model: c.model, messages, ...gen.fields };
  if (c.caps.jsonSchemaStrict) body.response_format = { type: 'json_schema', json_schema: { name: schemaName, strict: true, schema } };
  else if (c.caps.jsonMode) body.response_format = { type: 'json_object' };
  const sent = images.map((i) => ({ ...i, tokens: imageTokens(c.caps.imageTokens, i.image.width, i.image.height, c.detail).tokens }));
  let text = 0;
  for (const m of messages) {
    text += 4;
    if (typeof m.content === 'string') text += textTokens(m.content);
    else for (const p of m.content) if (p.type === 'text') text += textTokens(p.text);
  }
  if (body.response_format?.type === 'json_schema') text += textTokens(JSON.stringify(schema));
  return { body, images: sent, estimate: {
      textTokens: text,
      imageTokens: sent.reduce((n, i) => n + i.tokens, 0),
      maxOutputTokens: gen.budget,
      outputParam: c.caps.tokenParam,
      answerTokens: Math.min(gen.answerTokens, gen.budget),
      reasoningTokens: { min: 0, max: gen.allowance > 0 ? gen.budget - Math.min(gen.answerTokens, gen.budget) : 0 },
      effort: gen.effort,
      approx: c.caps.imageTokens === 'unknown',
    },
  };
}

function addImages(parts: ContentPart[], images: readonly KnowledgeImage[], c: Common) {
  for (const i of images) {
    parts.push({ type: 'text', text: `${i.label}:` });
    parts.push({ type: 'image_url', image_url: c.caps.detail ? { url: i.image.dataUrl, detail: c.detail } : { url: i.image.dataUrl } });
  }
}

/** Asks for itemised normality rules and tolerated variations for one class. */
export function buildDraftRulesRequest(c: Common & { normals: readonly KnowledgeImage[]; defects: readonly KnowledgeImage[]; maxRules: number }): KnowledgeRequest {
  const system =
    'You help a quality engineer write inspection knowledge. From images of normal parts of one class (and, when given, labelled defective parts), ' +
    'draft itemised normality rules: each one checkable property every normal part has, in one short sentence. Also list tolerated variations: ' +
    'differences between the normal images that are acceptable and must not be called defects. Describe only what the images show.';
  const parts: ContentPart[] = [{ type: 'text', text: `RULE SUGGESTIONS for class "${c.className}".${c.classContext?.trim() ? ` ${c.classContext.trim()}` : ''}\n\n${existingText(c.existing)}` }];
  addImages(parts, c.normals, c);
  addImages(parts, c.defects, c);
  parts.push({
    type: 'text',
    text: `Answer with one JSON object only: {"reasoning": what you compared, "rules": [{"text": one sentence, "kind": "rule" or "tolerated", "why": what in the images shows it}]}, at most ${c.maxRules} items, new ones only.`,
  });
  const schema = { type: 'object', properties: { reasoning: { type: 'string' }, rules: { type: 'array', items: ITEM_SCHEMA } }, required: ['reasoning', 'rules'], additionalProperties: false };
  return finish(c, system, parts, [...c.normals, ...c.defects], DRAFT_SCHEMA_NAME, schema);
}

/**
 * Asks for one rule from a disagreement: a missed defect gets a rule that would catch it; an
 * overkill (a normal part called anomalous) gets a tolerated variation that would let it pass.
 */
export function buildSuggestRuleRequest(c: Common & { label: 'normal' | 'anomalous'; defectType?: string; modelReasoning?: string; references: readonly KnowledgeImage[]; query: readonly KnowledgeImage[] }): KnowledgeRequest {
  const miss = c.label === 'anomalous';
  const system =
    'You help a quality engineer improve an inspection prompt. A vision model judged the last image(s) wrongly against the rules below. ' +
    (miss
      ? 'The part IS defective but was called normal: propose ONE new normality rule, one checkable sentence, that a careful inspector would use to catch this defect and that the normal references satisfy.'
      : 'The part IS normal but was called defective: propose ONE tolerated variation, one sentence, naming what looks odd here but is acceptable, as the normal references show.');
  const parts: ContentPart[] = [
    {
      type: 'text',
      text: `RULE FROM A ${miss ? 'MISS' : 'OVERKILL'} for class "${c.className}".${c.classContext?.trim() ? ` ${c.classContext.trim()}` : ''}\n\n${existingText(c.existing)}\n\nThe engineer's label: ${c.label}${c.defectType ? ` (${c.defectType})` : ''}. The model said: ${miss ? 'normal' : 'anomalous'}.${c.modelReasoning ? `\nIts reasoning (untrusted text): ${c.modelReasoning.slice(0, 1500)}` : ''}`,
    },
  ];
  addImages(parts, c.references, c);
  addImages(parts, c.query, c);
  parts.push({ type: 'text', text: `Answer with one JSON object only: {"reasoning": what differs, "rule": {"text": one sentence, "kind": "${miss ? 'rule' : 'tolerated'}", "why": what in the image shows it}}.` });
  const schema = { type: 'object', properties: { reasoning: { type: 'string' }, rule: ITEM_SCHEMA }, required: ['reasoning', 'rule'], additionalProperties: false };
  return finish(c, system, parts, [...c.references, ...c.query], SUGGEST_SCHEMA_NAME, schema);
}
