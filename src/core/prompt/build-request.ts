/**
 * Prompt version + case + its images + reference images → the exact chat-completions request body.
 * Pure: images arrive already resized and encoded (`EncodedImage`). The request preview shows the
 * object returned here, and the client sends that same object: there is no second code path.
 */
import type { AssetKind, CaseRole } from '@/core/model';
import { referenceLimit, rulesFor, type PromptBody } from '@/core/prompt/prompt-body';
import { imageTokens, textTokens } from '@/core/prompt/token-estimate';
import { generationParams } from '@/core/prompt/generation-params';
import type { ModelCapabilities, ReasoningEffort } from '@/core/vlm/providers';

/** An image after resizing and encoding, ready to send. */
export interface EncodedImage {
  /** SHA-256 (hex) of the source image's bytes, before re-encoding: identifies the picture. */
  sourceHash: string;
  /** `data:<mime>;base64,…` */
  dataUrl: string;
  mime: string;
  /** Size of the encoded file, bytes (the base64 text is 4/3 of it). */
  bytes: number;
  /** px */
  width: number;
  height: number;
  /** What the model is told this image is, for multi-image cases (e.g. "depth view +X"). */
  caption?: string;
}

export interface ReferenceInput {
  caseId: string;
  caseName: string;
  role: CaseRole;
  images: EncodedImage[];
}

export interface BuildRequestInput {
  body: PromptBody;
  query: { caseId: string; caseName: string; className: string; kind: AssetKind; images: EncodedImage[] };
  /** Reference cases picked for the query's class, in prompt order (before exclusions). */
  references: ReferenceInput[];
  model: string;
  /** The model's capabilities (`modelCapabilities()`: preset, table row, the user's overrides). */
  caps: ModelCapabilities;
  /** Ask for a streamed answer (only when the provider streams). */
  stream: boolean;
}

/** OpenAI wire types, kept local so core stays free of the SDK. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'low' | 'high' | 'auto' } };

export interface ChatMessage {
  role: 'system' | 'user';
  content: string | ContentPart[];
}

export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  /** Left out where the model accepts only its default. */
  temperature?: number;
  /** Classic models; reasoning models refuse it and take `max_completion_tokens`. */
  max_tokens?: number;
  /** The output budget of reasoning models, thinking included. */
  max_completion_tokens?: number;
  reasoning_effort?: ReasoningEffort;
  response_format?: { type: 'json_object' } | { type: 'json_schema'; json_schema: { name: string; strict: boolean; schema: Record<string, unknown> } };
  logprobs?: boolean;
  top_logprobs?: number;
  stream?: boolean;
  stream_options?: { include_usage: boolean };
}

export type NoteKind = 'excluded-self' | 'overlap' | 'no-references' | 'too-many-images' | 'no-query-images' | 'detail-ignored' | 'no-json-mode' | 'no-logprobs';

/** A field of the body that differs from what the prompt asked for, and why (shown in the preview). */
export interface Adaptation {
  field: string;
  text: string;
}

export interface RequestNote {
  kind: NoteKind;
  /** Blocks sending (the request would be wrong, not just worse). */
  blocking: boolean;
  text: string;
}

export interface SentImage {
  role: 'reference' | 'query';
  /** The case the image comes from. */
  caseId: string;
  label: string;
  image: EncodedImage;
  tokens: number;
}

export interface TokenEstimate {
  textTokens: number;
  imageTokens: number;
  /** Upper bound of output tokens (thinking included): the value of the budget field sent. */
  maxOutputTokens: number;
  /** The name of the budget field sent. */
  outputParam: 'max_tokens' | 'max_completion_tokens';
  /** Tokens the prompt allows for the visible answer. */
  answerTokens: number;
  /** Hidden thinking tokens the call may spend (billed as output): a range, as the model decides. */
  reasoningTokens: { min: number; max: number };
  /** The effort the call runs at (undefined: the model decides, or it does not reason). */
  effort?: ReasoningEffort;
  /** True when the provider's image formula is unknown and OpenAI's was used. */
  approx: boolean;
}

export interface BuiltRequest {
  body: ChatRequestBody;
  images: SentImage[];
  notes: RequestNote[];
  /** Fields adapted to the model, with the reason. */
  adapted: Adaptation[];
  /** Extra headers the endpoint needs (sent by the client with this body). */
  headers: Record<string, string>;
  estimate: TokenEstimate;
  /** Hashes of every image sent, in order (references first, then the query). */
  imageHashes: string[];
  /** Bytes of the request body as JSON. */
  requestBytes: number;
}

const VERDICT_FIELD_DOC: Record<PromptBody['output']['format'], string> = {
  workbench: '"verdict": "normal" or "anomalous"',
  authors: '"correctness": 1 if the query part is normal (no anomaly), 0 if it is anomalous',
};

/** The JSON schema of the answer; `reasoning` comes first so the model explains before deciding. */
export function answerSchema(body: PromptBody, ruleIds: readonly string[]): Record<string, unknown> {
  if (body.output.format === 'authors') {
    return {
      type: 'object',
      properties: { reasoning: { type: 'string' }, correctness: { type: 'integer', enum: [0, 1] } },
      required: ['reasoning', 'correctness'],
      additionalProperties: false,
    };
  }
  const props: Record<string, unknown> = {
    reasoning: { type: 'string', description: 'Step-by-step comparison with the references and rules, written before the verdict.' },
    verdict: { type: 'string', enum: ['normal', 'anomalous'] },
  };
  if (body.output.includeConfidence) props.confidence = { type: 'number', description: 'Confidence in the verdict, 0 to 1.' };
  if (body.output.includeDefectType) props.defect_type = { type: ['string', 'null'], description: 'Short name of the defect, or null when normal.' };
  if (body.output.includeViolatedRules) props.violated_rules = { type: 'array', items: ruleIds.length ? { type: 'string', enum: [...ruleIds] } : { type: 'string' } };
  if (body.output.includeLocations)
    props.locations = {
      type: 'array',
      items: {
        type: 'object',
        properties: { image: { type: 'integer', description: 'Index of the image, 0-based.' }, box: { type: 'array', items: { type: 'number' }, description: '[x0, y0, x1, y1] normalised to 0–1.' } },
        required: ['image', 'box'],
        additionalProperties: false,
      },
    };
  return { type: 'object', properties: props, required: Object.keys(props), additionalProperties: false };
}

function answerInstructions(body: PromptBody, ruleIds: readonly string[]): string {
  if (body.output.format === 'authors') return `Answer with JSON only: {"reasoning": string, ${VERDICT_FIELD_DOC.authors}}.`;
  const fields = ['"reasoning": your step-by-step comparison, written first', VERDICT_FIELD_DOC.workbench];
  if (body.output.includeConfidence) fields.push('"confidence": a number from 0 to 1');
  if (body.output.includeDefectType) fields.push('"defect_type": a short name or null');
  if (body.output.includeViolatedRules) fields.push(`"violated_rules": ids of the rules the query breaks${ruleIds.length ? ` (from ${ruleIds.join(', ')})` : ''}, [] when none`);
  if (body.output.includeLocations) fields.push('"locations": [{"image": index, "box": [x0, y0, x1, y1] in 0–1}] for each defect');
  return `Answer with one JSON object only, with the keys in this order:\n- ${fields.join('\n- ')}`;
}

/** Builds the request. Pure; never throws — problems come back as `notes`. */
export function buildRequest(input: BuildRequestInput): BuiltRequest {
  const { body, query, caps } = input;
  const notes: RequestNote[] = [];
  const cls = query.className;

  // References: never the query itself (by content hash), at most the template's limit.
  const queryHashes = new Set(query.images.map((i) => i.sourceHash));
  let refs: ReferenceInput[] = [];
  if (body.knowledge.references) {
    for (const r of input.references) {
      if (r.caseId === query.caseId || r.images.some((i) => queryHashes.has(i.sourceHash))) {
        notes.push({ kind: 'excluded-self', blocking: false, text: `Reference "${r.caseName}" is the case under test itself, so it was left out.` });
        continue;
      }
      if (r.role === 'test') notes.push({ kind: 'overlap', blocking: false, text: `Reference "${r.caseName}" is also in the test set; its own result would not be a fair test.` });
      refs.push(r);
    }
    refs = refs.slice(0, referenceLimit(body));
    if (refs.length === 0) notes.push({ kind: 'no-references', blocking: false, text: `No reference images are picked for class "${cls}"; the model sees the query alone.` });
  }
  if (query.images.length === 0) notes.push({ kind: 'no-query-images', blocking: true, text: `Case "${query.caseName}" has no images to send.` });

  // Respect the provider's image limit by dropping references from the end (the query always goes).
  const refImageCount = () => refs.reduce((n, r) => n + r.images.length, 0);
  if (query.images.length > caps.maxImages) {
    notes.push({ kind: 'too-many-images', blocking: true, text: `Case "${query.caseName}" has ${query.images.length} images but the provider accepts at most ${caps.maxImages}; render fewer views or frames.` });
  } else if (query.images.length + refImageCount() > caps.maxImages) {
    while (refs.length && query.images.length + refImageCount() > caps.maxImages) refs.pop();
    notes.push({ kind: 'too-many-images', blocking: false, text: `The provider accepts at most ${caps.maxImages} images per request; only ${refs.length} reference(s) were kept.` });
  }
  if (!caps.detail && body.image.detail !== 'auto') notes.push({ kind: 'detail-ignored', blocking: false, text: `This provider ignores the image detail setting ("${body.image.detail}").` });

  const rules = body.knowledge.rules ? rulesFor(body, cls, 'rule') : [];
  const tolerated = body.knowledge.rules ? rulesFor(body, cls, 'tolerated') : [];
  const ruleIds = rules.map((r) => r.id);
  const context = body.knowledge.classContext ? body.classContext[cls]?.trim() : '';

  const detail = caps.detail ? body.image.detail : undefined;
  const images: SentImage[] = [];
  const parts: ContentPart[] = [];
  const addImage = (role: SentImage['role'], caseId: string, label: string, image: EncodedImage) => {
    parts.push({ type: 'text', text: `${label}:` });
    parts.push({ type: 'image_url', image_url: detail ? { url: image.dataUrl, detail } : { url: image.dataUrl } });
    const t = imageTokens(caps.imageTokens, image.width, image.height, body.image.detail);
    images.push({ role, caseId, label, image, tokens: t.tokens });
  };

  const knowledge: string[] = [];
  knowledge.push(`Class: ${cls}.${context ? ` ${context}` : ''}`);
  if (rules.length) knowledge.push(`Normality rules (a normal part satisfies all of them):\n${rules.map((r) => `${r.id}: ${r.text}`).join('\n')}`);
  if (tolerated.length) knowledge.push(`Tolerated variations (acceptable, not defects):\n${tolerated.map((r) => `${r.id}: ${r.text}`).join('\n')}`);
  const known = body.knowledge.knownDefects ? (body.knownDefects?.[cls] ?? []) : [];
  if (known.length) knowledge.push(`Known defects of this class:\n${known.map((k) => `- ${k.name}: ${k.text}`).join('\n')}`);
  parts.push({ type: 'text', text: knowledge.join('\n\n') });

  refs.forEach((r, i) =>
    r.images.forEach((img, j) => {
      const views = img.caption ? `, ${img.caption}` : r.images.length > 1 ? `, image ${j + 1}` : '';
      addImage('reference', r.caseId, `Reference ${i + 1} of ${refs.length} (a normal ${cls}${views})`, img);
    }),
  );
  // Query captions never use the case name: file and folder names can leak the label.
  query.images.forEach((img, j) => {
    // A caption says what an image is (depth view, frame, contact sheet with timestamps), even alone.
    const what = img.caption ? `, ${img.caption}` : query.images.length > 1 ? `, image ${j + 1} of ${query.images.length}` : '';
    addImage('query', query.caseId, `Query${what}`, img);
  });
  parts.push({ type: 'text', text: answerInstructions(body, ruleIds) });

  const messages: ChatMessage[] = [
    { role: 'system', content: body.task.trim() },
    { role: 'user', content: parts },
  ];

  const gen = generationParams(caps, input.model, body.sampling);
  const req: ChatRequestBody = { model: input.model, messages, ...gen.fields };
  const { adapted, sampling, budget, answerTokens, allowance } = gen;
  const effort = { effort: gen.effort };
  const model = input.model || 'this model';

  if (caps.jsonSchemaStrict) req.response_format = { type: 'json_schema', json_schema: { name: 'inspection_verdict', strict: true, schema: answerSchema(body, ruleIds) } };
  else if (caps.jsonMode) req.response_format = { type: 'json_object' };
  else notes.push({ kind: 'no-json-mode', blocking: false, text: 'This endpoint has no JSON mode (or ignores it); the answer format is asked for in words and read tolerantly.' });
  if (caps.logprobs && sampling) {
    req.logprobs = true;
    req.top_logprobs = 5;
  } else if (caps.logprobs) adapted.push({ field: 'logprobs', text: `logprobs left out: ${model} returns none at ${effort.effort ?? 'its default'} effort.` });
  if (!req.logprobs)
    notes.push({ kind: 'no-logprobs', blocking: false, text: `${input.model || 'This model'} returns no token logprobs here: scores come from the stated confidence. When AUROC matters, run the batch with repeats (repeat-N votes).` });
  if (input.stream && caps.streaming) {
    req.stream = true;
    if (caps.streamUsage) req.stream_options = { include_usage: true };
  }

  let text = 0;
  for (const m of messages) {
    text += 4;
    if (typeof m.content === 'string') text += textTokens(m.content);
    else for (const p of m.content) if (p.type === 'text') text += textTokens(p.text);
  }
  if (req.response_format?.type === 'json_schema') text += textTokens(JSON.stringify(req.response_format.json_schema.schema));

  return {
    body: req,
    images,
    notes,
    adapted,
    headers: { ...caps.headers },
    estimate: {
      textTokens: text,
      imageTokens: images.reduce((n, i) => n + i.tokens, 0),
      maxOutputTokens: budget,
      outputParam: caps.tokenParam,
      answerTokens: Math.min(answerTokens, budget),
      reasoningTokens: { min: 0, max: allowance > 0 ? budget - Math.min(answerTokens, budget) : 0 },
      effort: effort.effort,
      approx: caps.imageTokens === 'unknown',
    },
    imageHashes: images.map((i) => i.image.sourceHash),
    requestBytes: JSON.stringify(req).length,
  };
}

/** Blocking notes stop a run; the first one is the sentence shown. */
export function blockingNote(built: BuiltRequest): RequestNote | undefined {
  return built.notes.find((n) => n.blocking);
}
