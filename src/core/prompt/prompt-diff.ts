/**
 * What changed between two prompt versions, as an engineer reads it: rules added, removed and
 * edited (the edit as words), and every other field that changed as "before → after" with words
 * for long text. Rules are matched by their stable id.
 */
import type { PromptBody, PromptRule } from '@/core/prompt/prompt-body';
import { diffTokens, type DiffLine } from '@/core/prompt/diff-lines';

export interface RuleEdit {
  id: string;
  /** The text as words: same, removed, added. Empty when only scope, kind or on/off changed. */
  words: DiffLine[];
  /** Other properties that changed, e.g. "scope all classes → washer". */
  props: string[];
}

export interface FieldChange {
  field: string;
  /** Long text as words; short values as before/after. */
  words?: DiffLine[];
  before?: string;
  after?: string;
}

export interface PromptDiff {
  added: PromptRule[];
  removed: PromptRule[];
  edited: RuleEdit[];
  fields: FieldChange[];
}

/** Words and the spaces after them, so joining the tokens gives the text back. */
export function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

export function diffWords(a: string, b: string): DiffLine[] {
  return diffTokens(words(a), words(b));
}

const scopeText = (s: string) => (s === 'global' ? 'all classes' : s);

function ruleEdit(a: PromptRule, b: PromptRule): RuleEdit | undefined {
  const props: string[] = [];
  if (a.scope !== b.scope) props.push(`scope ${scopeText(a.scope)} → ${scopeText(b.scope)}`);
  if (a.kind !== b.kind) props.push(`${a.kind} → ${b.kind}`);
  if (a.enabled !== b.enabled) props.push(b.enabled ? 'switched on' : 'switched off');
  const words = a.text === b.text ? [] : diffWords(a.text, b.text);
  return props.length || words.length ? { id: a.id, words, props } : undefined;
}

const short = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Each field of the body other than rules, with a name a user knows. */
function fieldChanges(a: PromptBody, b: PromptBody): FieldChange[] {
  const out: FieldChange[] = [];
  if (a.task !== b.task) out.push({ field: 'Task', words: diffWords(a.task, b.task) });
  for (const k of [...new Set([...Object.keys(a.classContext), ...Object.keys(b.classContext)])].sort()) {
    const x = a.classContext[k] ?? '';
    const y = b.classContext[k] ?? '';
    if (x !== y) out.push({ field: `Class context of ${k}`, words: diffWords(x, y) });
  }
  for (const k of [...new Set([...Object.keys(a.references), ...Object.keys(b.references)])].sort()) {
    const x = a.references[k] ?? [];
    const y = b.references[k] ?? [];
    if (x.join() !== y.join()) out.push({ field: `References of ${k}`, before: `${x.length} picked`, after: `${y.length} picked${x.length === y.length ? ' (others)' : ''}` });
  }
  const flat = (p: PromptBody): Record<string, unknown> => ({
    'Knowledge sent': Object.entries(p.knowledge).filter(([, v]) => v).map(([k]) => k).join(', ') || 'task only',
    Template: p.templateId,
    'Answer format': p.output,
    'Image settings': p.image,
    Temperature: p.sampling.temperature,
    'Max tokens': p.sampling.maxTokens,
  });
  const fa = flat(a);
  const fb = flat(b);
  for (const k of Object.keys(fa)) if (short(fa[k]) !== short(fb[k])) out.push({ field: k, before: short(fa[k]), after: short(fb[k]) });
  return out;
}

export function diffPrompts(older: PromptBody, newer: PromptBody): PromptDiff {
  const before = new Map(older.rules.map((r) => [r.id, r]));
  const after = new Map(newer.rules.map((r) => [r.id, r]));
  const edited: RuleEdit[] = [];
  for (const r of newer.rules) {
    const old = before.get(r.id);
    const e = old && ruleEdit(old, r);
    if (e) edited.push(e);
  }
  return {
    added: newer.rules.filter((r) => !before.has(r.id)),
    removed: older.rules.filter((r) => !after.has(r.id)),
    edited,
    fields: fieldChanges(older, newer),
  };
}

/** Number of changes listed, for the summary line. */
export function changeCount(d: PromptDiff): number {
  return d.added.length + d.removed.length + d.edited.length + d.fields.length;
}
