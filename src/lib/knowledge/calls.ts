/**
 * Knowledge requests end to end: load and encode the images (the same encoder and cache as
 * verdict requests), build the request with the pure core builders, call the model through the
 * one VLM seam, and parse the answer fail-closed. Preparing is free; only `askForRules` calls.
 */
import type { Case } from '@/core/model';
import { parseSuggestions, type ParsedSuggestions } from '@/core/knowledge/parse-suggestions';
import { buildDraftRulesRequest, buildSuggestRuleRequest, type KnowledgeImage, type KnowledgeRequest } from '@/core/knowledge/rule-requests';
import { rulesFor, type PromptBody } from '@/core/prompt/prompt-body';
import { costUsd, priceFor, type PriceRow, type ProviderConfig } from '@/core/vlm/providers';
import { modelCapabilities } from '@/core/vlm/model-capabilities';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { encodeCaseImages } from '@/lib/prompt/prepare-request';
import { callChat, VlmError } from '@/lib/vlm/openai-client';
import { markLeaked, type SuggestionBatch } from '@/lib/knowledge/store';
import { defaultOptions } from '@/core/options';

/** Normal references sent when drafting (more add cost, not insight). */
export const MAX_DRAFT_NORMALS = 4;
/** Labelled defective cases the engineer may add to a draft request. */
export const MAX_DRAFT_DEFECTS = 4;
/** Answer budget of a knowledge request, tokens. */
const KNOWLEDGE_MAX_TOKENS = defaultOptions.calls.knowledgeMaxTokens;

export interface PreparedKnowledge {
  kind: 'draft' | 'miss';
  className: string;
  request: KnowledgeRequest;
  /** Cases whose images are sent, in order. */
  cases: Case[];
}

async function images(cases: readonly Case[], body: PromptBody, label: (c: Case, i: number) => string): Promise<KnowledgeImage[]> {
  const out: KnowledgeImage[] = [];
  for (const [i, c] of cases.entries()) {
    const enc = await encodeCaseImages(c, body, 'Case');
    for (const img of enc.images) out.push({ caseId: c.id, label: label(c, i) + (enc.images.length > 1 && img.caption ? `, ${img.caption}` : ''), image: img });
  }
  return out;
}

/**
 * The normal examples a draft is made from: the prompt's references for the class, else the
 * class's reference candidates; and, when asked, up to `defects` test cases labelled anomalous.
 */
export async function draftCases(body: PromptBody, className: string, defects: number, db: ProjectDb = projectDb()): Promise<{ normals: Case[]; defective: Case[] }> {
  const picked = (await db.cases.bulkGet(body.references[className] ?? [])).filter((c): c is Case => !!c);
  const inClass = (await db.cases.where('className').equals(className).toArray()).filter((c) => !c.parentId).sort((a, b) => a.name.localeCompare(b.name));
  const normals = (picked.length ? picked : inClass.filter((c) => c.role === 'reference')).slice(0, MAX_DRAFT_NORMALS);
  const defective = inClass.filter((c) => c.role === 'test' && c.truth.status === 'anomalous').slice(0, Math.min(MAX_DRAFT_DEFECTS, Math.max(0, defects)));
  return { normals, defective };
}

/** The draft request for a class, ready to preview and price. Throws a sentence when there is nothing to draft from. */
export async function prepareDraftRules(args: { body: PromptBody; className: string; defects: number; provider: ProviderConfig }): Promise<PreparedKnowledge> {
  const { normals, defective } = await draftCases(args.body, args.className, args.defects);
  if (!normals.length) throw new Error(`Class "${args.className}" has no normal references to draft rules from; pick some in "Reference images" or mark cases as references.`);
  const request = buildDraftRulesRequest({
    className: args.className,
    classContext: args.body.classContext[args.className],
    existing: [...rulesFor(args.body, args.className, 'rule'), ...rulesFor(args.body, args.className, 'tolerated')],
    normals: await images(normals, args.body, (_c, i) => `Normal example ${i + 1}`),
    defects: await images(defective, args.body, (c, i) => `Defective example ${i + 1}${c.truth.defectType ? ` (${c.truth.defectType})` : ''}`),
    maxRules: 8,
    model: args.provider.model,
    caps: modelCapabilities(args.provider),
    maxTokens: KNOWLEDGE_MAX_TOKENS,
    detail: args.body.image.detail,
  });
  return { kind: 'draft', className: args.className, request, cases: [...normals, ...defective] };
}

/** The suggestion request for one disagreement (label ≠ verdict). */
export async function prepareSuggestRule(args: { body: PromptBody; caseId: string; references: readonly string[]; modelReasoning?: string; provider: ProviderConfig; db?: ProjectDb }): Promise<PreparedKnowledge> {
  const db = args.db ?? projectDb();
  const c = await db.cases.get(args.caseId);
  if (!c) throw new Error('This case is no longer in the project.');
  if (c.truth.status !== 'normal' && c.truth.status !== 'anomalous') throw new Error(`Case "${c.name}" is not labelled normal or anomalous, so there is no miss to learn from.`);
  const refs = (await db.cases.bulkGet([...args.references])).filter((x): x is Case => !!x && x.id !== c.id);
  const request = buildSuggestRuleRequest({
    className: c.className,
    classContext: args.body.classContext[c.className],
    existing: [...rulesFor(args.body, c.className, 'rule'), ...rulesFor(args.body, c.className, 'tolerated')],
    label: c.truth.status,
    defectType: c.truth.defectType,
    modelReasoning: args.modelReasoning,
    references: await images(refs, args.body, (_r, i) => `Reference ${i + 1} (a normal ${c.className})`),
    query: await images([c], args.body, () => 'The case judged wrongly'),
    model: args.provider.model,
    caps: modelCapabilities(args.provider),
    maxTokens: KNOWLEDGE_MAX_TOKENS,
    detail: args.body.image.detail,
  });
  return { kind: 'miss', className: c.className, request, cases: [...refs, c] };
}

/** Upper bound of a prepared request's cost, USD (undefined without a price for the model). */
export function knowledgeCost(p: PreparedKnowledge, prices: readonly PriceRow[], model: string): number | undefined {
  const e = p.request.estimate;
  return costUsd(priceFor(prices, model), e.textTokens + e.imageTokens, e.maxOutputTokens);
}

export interface KnowledgeAnswer {
  parsed: ParsedSuggestions;
  costUsd?: number;
  at: number;
}

/** Sends a prepared request. Model and network failures throw a `VlmError` whose message is a sentence. */
export async function askForRules(p: PreparedKnowledge, provider: ProviderConfig, apiKey: string, prices: readonly PriceRow[], signal?: AbortSignal): Promise<KnowledgeAnswer> {
  try {
    const out = await callChat({ config: provider, apiKey, body: p.request.body, signal, maxRetries: defaultOptions.calls.retries });
    if (out.refusal && !out.text) return { parsed: { status: 'refused', reason: out.refusal }, at: Date.now() };
    const parsed = parseSuggestions(out.text, { expect: p.kind === 'miss' ? 'one' : 'many' });
    const cost = out.usage ? costUsd(priceFor(prices, provider.model), out.usage.promptTokens, out.usage.completionTokens) : undefined;
    if (parsed.status === 'unparsed' && out.finishReason === 'length') return { parsed: { status: 'unparsed', why: `${parsed.why} The answer was cut off at the token limit.` }, costUsd: cost, at: Date.now() };
    return { parsed, costUsd: cost, at: Date.now() };
  } catch (err) {
    throw err instanceof VlmError ? err : new Error('The call failed unexpectedly; try again.');
  }
}

/**
 * Sends a prepared request and turns the answer into a batch of open suggestions. The test
 * images sent are marked possibly leaked whatever the answer; an answer that cannot be used
 * throws a sentence (`declined` says what the model was asked to do).
 */
export async function requestSuggestions(
  p: PreparedKnowledge,
  purpose: SuggestionBatch['purpose'],
  call: { provider: ProviderConfig; apiKey: string; prices: readonly PriceRow[] },
  leakNote: string,
  declined: string,
): Promise<SuggestionBatch> {
  const answer = await askForRules(p, call.provider, call.apiKey, call.prices);
  await markLeaked(p.cases, leakNote);
  if (answer.parsed.status !== 'ok') throw new Error(answer.parsed.status === 'refused' ? `${declined}: ${answer.parsed.reason}` : `The model's answer could not be used: ${answer.parsed.why}`);
  return {
    id: `sb-${crypto.randomUUID()}`,
    purpose,
    className: p.className,
    model: call.provider.model,
    at: answer.at,
    images: p.cases.map((c) => ({ caseId: c.id, name: c.name, role: c.role })),
    costUsd: answer.costUsd,
    reasoning: answer.parsed.reasoning,
    suggestions: answer.parsed.suggestions.map((s) => ({ ...s, state: 'open' as const })),
  };
}
