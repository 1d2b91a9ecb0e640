/**
 * The method's central experiment as one action: every combination of reference images, rules and
 * class context (the task is always sent), each as its own prompt body, run on the same cases.
 */
import { DEFAULT_NEAREST_POLICY, type ReferencePolicy } from '@/core/knowledge/retrieval';
import type { PromptBody } from '@/core/prompt/prompt-body';
import type { Modalities } from '@/core/pointcloud/render-spec';

/**
 * How the variants that send references choose them: the prompt's fixed picks, the k nearest
 * candidates retrieved per query, or both (the four reference variants run twice).
 */
export type AblationReferences = 'fixed' | 'retrieved' | 'both';

/**
 * Ablation variants are prompt versions kept apart from the prompt's own history, under the hidden
 * prompt id `<promptId>~ablation`; these three functions are the only readers of that suffix.
 */
const HIDDEN_SUFFIX = '~ablation';

/** The prompt a version belongs to as users see it (the owner of a hidden ablation prompt). */
export const ownerPromptId = (promptId: string): string => (promptId.endsWith(HIDDEN_SUFFIX) ? promptId.slice(0, -HIDDEN_SUFFIX.length) : promptId);

/** The hidden prompt that keeps a prompt's ablation variants. */
export const ablationPromptId = (promptId: string): string => ownerPromptId(promptId) + HIDDEN_SUFFIX;

export const isAblationVersion = (v: { promptId: string }): boolean => v.promptId.endsWith(HIDDEN_SUFFIX);

/** Label prefix of a variant whose references are retrieved per query. */
export const RETRIEVED_PREFIX = 'retrieved ';

export type Knowledge = PromptBody['knowledge'];

export interface AblationVariant {
  /** Short and stable, e.g. "refs + rules + context", "task only". */
  label: string;
  knowledge: Knowledge;
  body: PromptBody;
}

export function knowledgeLabel(k: Knowledge): string {
  const parts = [k.references && 'refs', k.rules && 'rules', k.classContext && 'context', k.knownDefects && 'known defects'].filter(Boolean);
  return parts.length ? parts.join(' + ') : 'task only';
}

/** True when some class has known defects: the grid then varies them too (a fifth switch). */
export const hasKnownDefects = (body: PromptBody) => Object.values(body.knownDefects ?? {}).some((list) => list.length > 0);

/** What a scan with a photo sends, as the ablation names it; cases without a photo send their renders in every one. */
export const MODALITY_VARIANTS: { modalities: Modalities; label: string }[] = [
  { modalities: 'photo', label: 'RGB only' },
  { modalities: 'renders', label: 'renders only' },
  { modalities: 'both', label: 'RGB + renders' },
];

/** Separates a modality variant's knowledge from what its scans send, e.g. "refs + rules · RGB only". */
export const MODALITY_SEPARATOR = ' · ';

/** What a variant's scans send, from its label (undefined for the knowledge variants: as each render spec says). */
export function modalityOfLabel(label: string): string | undefined {
  return MODALITY_VARIANTS.find((m) => label.endsWith(MODALITY_SEPARATOR + m.label))?.label;
}

/** How many runs `ablationVariants` makes for this body and reference choice (3 more when modalities vary). */
export function ablationRunCount(body: PromptBody, references: AblationReferences = 'fixed', modalities = false): number {
  const base = hasKnownDefects(body) ? 16 : 8;
  return (references === 'both' ? base + base / 2 : base) + (modalities ? MODALITY_VARIANTS.length : 0);
}

/**
 * The 8 variants of a body (16 with known defects), from task only to all knowledge, in a fixed
 * order; with references 'both', the variants that send references follow again with retrieved
 * references. With `modalities`, three more follow: the body's own knowledge with scans sending
 * their photo only, their renders only, or both — the method's claim that modalities complement
 * each other, tested on the user's data.
 */
export function ablationVariants(body: PromptBody, references: AblationReferences = 'fixed', modalities = false): AblationVariant[] {
  const { referencePolicy: own, ...fixedBody } = body;
  const nearest: ReferencePolicy = own?.kind === 'nearest' ? own : { ...DEFAULT_NEAREST_POLICY };
  const out: AblationVariant[] = [];
  const retrievedToo: AblationVariant[] = [];
  const defects = hasKnownDefects(body) ? [false, true] : [undefined];
  for (const knownDefects of defects) {
    for (const refs of [false, true]) {
      for (const rules of [false, true]) {
        for (const classContext of [false, true]) {
          const knowledge: Knowledge = knownDefects === undefined ? { references: refs, rules, classContext } : { references: refs, rules, classContext, knownDefects };
          const label = knowledgeLabel(knowledge);
          // Variants without references carry no policy, so they equal (and reuse) the plain ones.
          if (!refs || references === 'fixed') out.push({ label, knowledge, body: { ...fixedBody, knowledge } });
          else if (references === 'retrieved') out.push({ label: RETRIEVED_PREFIX + label, knowledge, body: { ...fixedBody, knowledge, referencePolicy: nearest } });
          else {
            out.push({ label, knowledge, body: { ...fixedBody, knowledge } });
            retrievedToo.push({ label: RETRIEVED_PREFIX + label, knowledge, body: { ...fixedBody, knowledge, referencePolicy: nearest } });
          }
        }
      }
    }
  }
  const { modalities: _own, ...plain } = body;
  const byModality = modalities ? MODALITY_VARIANTS.map((m) => ({ label: knowledgeLabel(body.knowledge) + MODALITY_SEPARATOR + m.label, knowledge: body.knowledge, body: { ...plain, modalities: m.modalities } })) : [];
  return [...out, ...retrievedToo, ...byModality];
}

/** Kinds of knowledge the body switches on but has nothing for: their variants repeat others. */
export function emptyKnowledge(body: PromptBody): string[] {
  const empty: string[] = [];
  if (!Object.values(body.references).some((ids) => ids.length > 0)) empty.push('reference images');
  if (!body.rules.some((r) => r.enabled)) empty.push('rules');
  if (!Object.values(body.classContext).some((t) => t.trim())) empty.push('class context');
  return empty;
}
