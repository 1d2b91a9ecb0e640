/**
 * Reads rule suggestions out of a model's answer — tolerant about shape (bare JSON, code fences,
 * JSON inside prose, `rules` / `suggestions` / `rule`), fail-closed about meaning: an item whose
 * kind is not clearly a rule or a tolerated variation, an empty or overlong text, or no items at
 * all make the whole answer 'unparsed' with a sentence saying why. Nothing is guessed into a prompt.
 */
import type { PromptRule } from '@/core/prompt/prompt-body';

export interface RuleSuggestion {
  text: string;
  kind: PromptRule['kind'];
  /** The model's reason, shown beside the suggestion (plain text). */
  why?: string;
}

export type ParsedSuggestions =
  | { status: 'ok'; suggestions: RuleSuggestion[]; reasoning?: string }
  | { status: 'refused'; reason: string }
  | { status: 'unparsed'; why: string };

/** Longest rule text accepted, characters: a rule is one checkable sentence. */
export const MAX_RULE_CHARS = 300;
/** Answers are scanned up to this many characters (a hostile answer can be huge). */
const MAX_SCAN_CHARS = 100_000;

const LIST_KEYS = ['rules', 'suggestions', 'suggestedrules', 'normalityrules', 'items'];
const ONE_KEYS = ['rule', 'suggestion', 'suggestedrule'];
const TEXT_KEYS = ['text', 'rule', 'description', 'statement'];
const WHY_KEYS = ['why', 'reason', 'rationale', 'evidence'];
const REASONING_KEYS = ['reasoning', 'analysis', 'explanation'];
const KIND_WORDS: Record<string, PromptRule['kind']> = {
  rule: 'rule',
  normalityrule: 'rule',
  normality: 'rule',
  requirement: 'rule',
  criterion: 'rule',
  tolerated: 'tolerated',
  toleratedvariation: 'tolerated',
  variation: 'tolerated',
  tolerance: 'tolerated',
  acceptablevariation: 'tolerated',
};
const REFUSAL = /\b(i['’]?m sorry|i am sorry|i can(?:not|['’]t) (?:help|assist|comply|provide)|unable to (?:assist|help) with)\b/i;

const norm = (k: string) => k.toLowerCase().replace(/[\s_-]+/g, '');

function pick(obj: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const [k, v] of Object.entries(obj)) if (keys.includes(norm(k))) return v;
  return undefined;
}

/** Control characters out, whitespace collapsed: the text goes into a prompt and onto the screen. */
function clean(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const t = v.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/** Every top-level JSON object in the text, in order (fenced or bare, possibly inside prose). */
function jsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  const s = text.slice(0, MAX_SCAN_CHARS);
  for (let i = s.indexOf('{'); i >= 0 && out.length < 8; i = s.indexOf('{', i + 1)) {
    let depth = 0;
    let inString = false;
    for (let j = i; j < s.length; j++) {
      const ch = s[j];
      if (inString) {
        if (ch === '\\') j++;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) {
        try {
          out.push(JSON.parse(s.slice(i, j + 1)));
          i = j;
        } catch {
          /* not JSON: try the next brace */
        }
        break;
      }
    }
  }
  return out;
}

type ItemReading = { ok: true; item: RuleSuggestion } | { ok: false; why: string };

function readItem(v: unknown, n: number, defaultKind: PromptRule['kind'] | undefined): ItemReading {
  const o: Record<string, unknown> = typeof v === 'string' ? { text: v } : v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const text = clean(pick(o, TEXT_KEYS));
  if (!text) return { ok: false, why: `suggestion ${n} has no text` };
  if (text.length > MAX_RULE_CHARS) return { ok: false, why: `suggestion ${n} is ${text.length} characters long (at most ${MAX_RULE_CHARS}): a rule is one checkable sentence` };
  const rawKind = pick(o, ['kind', 'type', 'category']);
  let kind: PromptRule['kind'] | undefined;
  if (rawKind === undefined || rawKind === null) kind = defaultKind;
  else kind = typeof rawKind === 'string' ? KIND_WORDS[norm(rawKind)] : undefined;
  if (!kind) return { ok: false, why: `suggestion ${n} has kind ${JSON.stringify(rawKind ?? null)}, which is neither "rule" nor "tolerated"` };
  const why = clean(pick(o, WHY_KEYS));
  return { ok: true, item: why ? { text, kind, why } : { text, kind } };
}

/**
 * Parses suggestions. `expect: 'one'` (a suggestion from a miss) needs exactly one item;
 * `defaultKind` is used only when an item states no kind at all.
 */
export function parseSuggestions(text: string, opts: { expect: 'many' | 'one'; max?: number; defaultKind?: PromptRule['kind'] }): ParsedSuggestions {
  const max = opts.max ?? 12;
  const objects = jsonObjects(text).filter((o): o is Record<string, unknown> => !!o && typeof o === 'object' && !Array.isArray(o));
  if (!objects.length) {
    if (REFUSAL.test(text.slice(0, 2000))) return { status: 'refused', reason: clean(text.slice(0, 400)) ?? 'The model declined.' };
    return { status: 'unparsed', why: 'The answer holds no JSON object with suggested rules.' };
  }
  for (const obj of objects) {
    const list = pick(obj, LIST_KEYS);
    const one = pick(obj, ONE_KEYS);
    const items: unknown[] | undefined = Array.isArray(list) ? list : one !== undefined ? [one] : undefined;
    if (!items) continue;
    const reasoning = clean(pick(obj, REASONING_KEYS));
    if (items.length === 0) return { status: 'unparsed', why: 'The model suggested no rules.' };
    if (opts.expect === 'one' && items.length !== 1) return { status: 'unparsed', why: `One rule was asked for, but the answer holds ${items.length}; nothing was taken from it.` };
    const suggestions: RuleSuggestion[] = [];
    for (const [i, v] of items.slice(0, max).entries()) {
      const r = readItem(v, i + 1, opts.defaultKind);
      if (!r.ok) return { status: 'unparsed', why: `The answer is not a clean list of rules: ${r.why}; nothing was taken from it.` };
      if (!suggestions.some((s) => s.text.toLowerCase() === r.item.text.toLowerCase())) suggestions.push(r.item);
    }
    return reasoning ? { status: 'ok', suggestions, reasoning } : { status: 'ok', suggestions };
  }
  return { status: 'unparsed', why: 'The answer has JSON, but no "rules" list or "rule" in it.' };
}
