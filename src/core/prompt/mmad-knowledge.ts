/**
 * MMAD's expert knowledge (`domain_knowledge.json`): per dataset (MVTec, MVTec-LOCO, VisA,
 * GoodsAD …) and class, a text for the normal part (`good`) and one per defect (or `bad`,
 * `logical_anomalies`, `combined` …). Each text starts with a title line and "Description:".
 * Turned into workbench knowledge: the good text's descriptive sentences become class context,
 * its sentences about what is acceptable become tolerated variations (the user reviews the split
 * before saving), and the defect texts become the class's known defects.
 */
import { nextRuleId, type KnownDefect, type PromptBody, type PromptRule } from '@/core/prompt/prompt-body';

export interface MmadClassKnowledge {
  /** The class name in MMAD. */
  mmadClass: string;
  context: string;
  /** Sentences of the good text that say what is acceptable. */
  tolerated: string[];
  knownDefects: KnownDefect[];
}

/** Datasets → classes → knowledge. */
export type MmadKnowledge = Record<string, Record<string, MmadClassKnowledge>>;

// A sentence saying a variation is fine rather than describing the part.
const TOLERANCE = /\b(acceptable|tolerated|tolerable|allowed|permissible|not (?:be )?(?:considered |regarded as |treated as )?(?:a |an )?(?:defects?|anomal\w*)|normal variations?|(?:is|are) normal|may (?:vary|differ|have|show|contain|appear)|can (?:vary|differ|have|show|appear)|slight(?:ly)?|minor)\b/i;

/** Drops the title line and the "Description:" lead-in; joins the rest into one paragraph. */
export function mmadBody(text: string): string {
  const lines = text.replace(/\r/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > 1 && !/^description\s*:/i.test(lines[0])) lines.shift();
  return lines.join(' ').replace(/^description\s*:\s*/i, '').replace(/\s+/g, ' ').trim();
}

export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z0-9("'])/).map((s) => s.trim()).filter(Boolean);
}

/** Splits a class's good text into context and tolerated-variation sentences. */
export function splitGoodText(text: string): { context: string; tolerated: string[] } {
  const context: string[] = [];
  const tolerated: string[] = [];
  for (const s of sentences(mmadBody(text))) (TOLERANCE.test(s) ? tolerated : context).push(s);
  return { context: context.join(' '), tolerated };
}

const words = (key: string) => key.replace(/[_-]+/g, ' ').trim();

/** Reads MMAD's `domain_knowledge.json`; throws a sentence when the text has another shape. */
export function parseMmadKnowledge(text: string, fileName = 'The file'): MmadKnowledge {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${fileName} is not valid JSON; MMAD's domain_knowledge.json is expected.`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${fileName} is not MMAD domain knowledge: expected {dataset: {class: {good: text, defect: text}}}.`);
  const out: MmadKnowledge = {};
  for (const [dataset, classes] of Object.entries(data as Record<string, unknown>)) {
    if (!classes || typeof classes !== 'object') continue;
    for (const [cls, texts] of Object.entries(classes as Record<string, unknown>)) {
      if (!texts || typeof texts !== 'object') continue;
      const entries = Object.entries(texts as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '');
      const good = entries.find(([k]) => k.toLowerCase() === 'good')?.[1];
      const { context, tolerated } = good ? splitGoodText(good) : { context: '', tolerated: [] };
      const knownDefects = entries.filter(([k]) => k.toLowerCase() !== 'good').map(([k, t]) => ({ name: words(k), text: mmadBody(t) }));
      (out[dataset] ??= {})[cls] = { mmadClass: cls, context, tolerated, knownDefects };
    }
  }
  if (!Object.keys(out).length) throw new Error(`${fileName} holds no class knowledge: expected {dataset: {class: {good: text, defect: text}}}.`);
  return out;
}

/**
 * The prompt body with one MMAD class's knowledge given to a project class: class context
 * replaced, the accepted tolerated sentences added as tolerated rules (new ids, none repeated),
 * the known defects set and switched on.
 */
export function applyMmadKnowledge(body: PromptBody, projectClass: string, k: MmadClassKnowledge, acceptedTolerated: readonly string[]): PromptBody {
  const rules: PromptRule[] = [...body.rules];
  const have = new Set(rules.filter((r) => r.scope === projectClass).map((r) => r.text.trim().toLowerCase()));
  for (const text of acceptedTolerated) {
    if (have.has(text.trim().toLowerCase())) continue;
    have.add(text.trim().toLowerCase());
    rules.push({ id: nextRuleId(rules), text, enabled: true, scope: projectClass, kind: 'tolerated' });
  }
  return {
    ...body,
    classContext: k.context ? { ...body.classContext, [projectClass]: k.context } : body.classContext,
    rules,
    knownDefects: { ...body.knownDefects, [projectClass]: k.knownDefects },
    knowledge: { ...body.knowledge, knownDefects: k.knownDefects.length > 0 || !!body.knowledge.knownDefects },
  };
}
