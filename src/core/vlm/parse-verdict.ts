/**
 * Reads a verdict out of a model's answer text — tolerant about shape, fail-closed about meaning.
 * Accepts JSON (bare, in code fences, or inside prose), key-case variants (`Verdict`, `is_anomalous`),
 * the authors' `{reasoning, correctness}` (1 = normal, 0 = anomalous) and an explicit
 * `Verdict: anomalous` line. Anything else, or anything contradictory, is 'unparsed'.
 */
import type { Verdict } from '@/core/model';
import type { ParsedAnswer, ParsedVerdict } from '@/core/vlm/parsed-answer';

/** Answers are scanned up to this many characters (a hostile answer can be huge). */
const MAX_SCAN_CHARS = 200_000;

const NORMAL_WORDS = new Set(['normal', 'ok', 'good', 'pass', 'passed', 'nonanomalous', 'noanomaly', 'nodefect', 'nondefective', 'notdefective', 'acceptable', 'defectfree']);
const ANOMALOUS_WORDS = new Set(['anomalous', 'anomaly', 'abnormal', 'defective', 'defect', 'ng', 'fail', 'failed', 'bad', 'reject', 'rejected', 'notnormal']);

/** Normalised key → what it means. Keys are lower-cased with `_`, `-` and spaces removed. */
/** In order of preference: only the first one present is read (`status: "success"` beside `verdict` is noise). */
const VERDICT_KEYS = ['verdict', 'finalverdict', 'label', 'classification', 'decision', 'prediction', 'judgement', 'judgment', 'conclusion', 'answer', 'result', 'status'];
const NORMAL_FLAG_KEYS = new Set(['correctness', 'isnormal', 'normal']);
const ANOMALOUS_FLAG_KEYS = new Set(['isanomalous', 'anomalous', 'isanomaly', 'anomaly', 'hasanomaly', 'anomalydetected', 'isdefective', 'defective', 'hasdefect']);
const REASONING_KEYS = ['reasoning', 'reason', 'explanation', 'rationale', 'analysis', 'thoughts', 'thinking'];
const CONFIDENCE_KEYS = ['confidence', 'certainty', 'confidencescore'];
const DEFECT_KEYS = ['defecttype', 'defect', 'anomalytype', 'defectcategory'];
const RULE_KEYS = ['violatedrules', 'rulesviolated', 'violations', 'brokenrules', 'failedrules'];
const LOCATION_KEYS = ['locations', 'location', 'boxes', 'bboxes', 'regions'];

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const REFUSAL = /\b(i['’]?m sorry|i am sorry|i can(?:not|['’]t) (?:help|assist|comply|provide|analy[sz]e|evaluate|determine)|i(?:['’]m| am) (?:not able|unable) to (?:help|assist|analy[sz]e|evaluate|determine|view|see)|unable to (?:assist|help) with)\b/i;

function normKey(k: string): string {
  return k.toLowerCase().replace(/[\s_-]+/g, '');
}

function wordOf(v: string): string {
  return v.toLowerCase().replace(/[^a-z]/g, '');
}

function verdictFromWord(v: unknown): Verdict | 'ambiguous' | undefined {
  if (typeof v !== 'string') return undefined;
  const w = wordOf(v);
  if (!w) return undefined;
  if (NORMAL_WORDS.has(w)) return 'normal';
  if (ANOMALOUS_WORDS.has(w)) return 'anomalous';
  return 'ambiguous';
}

/** 1/true/"1"/"yes" → true; 0/false/"0"/"no" → false; anything else undefined. */
function flag(v: unknown): boolean | undefined {
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  if (typeof v === 'string') {
    const w = v.trim().toLowerCase();
    if (w === '1' || w === 'true' || w === 'yes') return true;
    if (w === '0' || w === 'false' || w === 'no') return false;
  }
  return undefined;
}

function pick(obj: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const [k, v] of Object.entries(obj)) if (keys.includes(normKey(k))) return v;
  return undefined;
}

function confidenceOf(v: unknown): number | undefined {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(v);
    if (m) n = Number(m[1]) / (m[2] ? 100 : 1);
  }
  if (n === undefined || !Number.isFinite(n)) return undefined;
  if (n > 1 && n <= 100) n /= 100;
  return n >= 0 && n <= 1 ? n : undefined;
}

function rulesOf(v: unknown): string[] {
  const parts: unknown[] = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  const ids: string[] = [];
  for (const p of parts) {
    const text = typeof p === 'string' ? p : typeof p === 'number' ? `R${p}` : p && typeof p === 'object' ? String(pick(p as Record<string, unknown>, ['id', 'rule', 'ruleid']) ?? '') : '';
    for (const m of text.matchAll(/\bR\s*(\d{1,4})\b/gi)) {
      const id = `R${Number(m[1])}`;
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

function locationsOf(v: unknown): ParsedVerdict['locations'] {
  if (!Array.isArray(v)) return undefined;
  const out: NonNullable<ParsedVerdict['locations']> = [];
  for (const item of v.slice(0, 50)) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const box = pick(o, ['box', 'bbox', 'boundingbox']);
    const image = pick(o, ['image', 'imageindex', 'index']);
    if (!Array.isArray(box) || box.length !== 4 || !box.every((x) => typeof x === 'number' && x >= 0 && x <= 1)) continue;
    out.push({ image: typeof image === 'number' && Number.isInteger(image) ? image : 0, box: box as [number, number, number, number] });
  }
  return out.length ? out : undefined;
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n').trim() || undefined;
  return undefined;
}

type ObjectReading =
  | { kind: 'verdict'; parsed: ParsedVerdict }
  | { kind: 'conflict'; why: string; reasoning?: string }
  | { kind: 'none'; reasoning?: string };

/** The verdict one JSON object states, looking one level into a wrapper like `{"result": {...}}`. */
function readObject(obj: Record<string, unknown>, depth = 0): ObjectReading {
  const reasoning = textOf(pick(obj, REASONING_KEYS));
  const found: { verdict: Verdict; format: ParsedVerdict['format'] }[] = [];
  let ambiguous: string | undefined;
  const entries = Object.entries(obj);
  const verdictEntry = VERDICT_KEYS.map((key) => entries.find(([k, v]) => normKey(k) === key && (typeof v !== 'object' || v === null))).find(Boolean);
  if (verdictEntry) {
    const [k, v] = verdictEntry;
    const w = verdictFromWord(v);
    if (w === 'ambiguous') ambiguous = `"${k}" is "${String(v).slice(0, 60)}", which is neither normal nor anomalous`;
    else if (w) found.push({ verdict: w, format: 'workbench' });
    else if (typeof v === 'boolean' || typeof v === 'number') ambiguous = `"${k}" is ${String(v)}, which does not say which way`;
  }
  for (const [k, v] of entries) {
    const nk = normKey(k);
    if (UNSAFE_KEYS.has(k)) continue;
    if (NORMAL_FLAG_KEYS.has(nk)) {
      const f = flag(v);
      if (f !== undefined) found.push({ verdict: f ? 'normal' : 'anomalous', format: nk === 'correctness' ? 'authors' : 'boolean' });
      else if (v !== null && v !== undefined) ambiguous = `"${k}" is ${JSON.stringify(v)?.slice(0, 60)}, expected 1 or 0`;
    } else if (ANOMALOUS_FLAG_KEYS.has(nk)) {
      const f = flag(v);
      if (f !== undefined) found.push({ verdict: f ? 'anomalous' : 'normal', format: 'boolean' });
      else if (typeof v === 'string' && verdictFromWord(v) !== 'ambiguous') {
        const w = verdictFromWord(v);
        if (w && w !== 'ambiguous') found.push({ verdict: w, format: 'workbench' });
      } else if (v !== null && v !== undefined && typeof v !== 'object') ambiguous = `"${k}" is ${JSON.stringify(v)?.slice(0, 60)}, expected true or false`;
    }
  }
  if (found.length === 0 && depth === 0) {
    for (const [k, v] of Object.entries(obj)) {
      if (!UNSAFE_KEYS.has(k) && v && typeof v === 'object' && !Array.isArray(v)) {
        const inner = readObject(v as Record<string, unknown>, 1);
        if (inner.kind !== 'none') {
          if (inner.kind === 'verdict' && !inner.parsed.reasoning && reasoning) inner.parsed.reasoning = reasoning;
          return inner;
        }
      }
    }
  }
  const verdicts = new Set(found.map((f) => f.verdict));
  if (verdicts.size > 1) return { kind: 'conflict', why: 'The answer states both normal and anomalous.', reasoning };
  if (verdicts.size === 0) return ambiguous ? { kind: 'conflict', why: `The verdict could not be read: ${ambiguous}.`, reasoning } : { kind: 'none', reasoning };
  if (ambiguous) return { kind: 'conflict', why: `The verdict could not be read: ${ambiguous}.`, reasoning };
  const defect = textOf(pick(obj, DEFECT_KEYS));
  const parsed: ParsedVerdict = {
    status: 'ok',
    verdict: found[0].verdict,
    confidence: confidenceOf(pick(obj, CONFIDENCE_KEYS)),
    reasoning,
    violatedRules: rulesOf(pick(obj, RULE_KEYS)),
    defectType: defect && !/^(none|null|n\/?a|-)$/i.test(defect) ? defect : undefined,
    locations: locationsOf(pick(obj, LOCATION_KEYS)),
    format: found.some((f) => f.format === 'authors') ? 'authors' : found[0].format,
  };
  if (parsed.confidence === undefined) delete parsed.confidence;
  if (parsed.reasoning === undefined) delete parsed.reasoning;
  if (parsed.defectType === undefined) delete parsed.defectType;
  if (parsed.locations === undefined) delete parsed.locations;
  return { kind: 'verdict', parsed };
}

/** Balanced `{…}` spans of the text (string-aware), outermost first, at most `limit`. */
export function jsonObjectSpans(text: string, limit = 20): string[] {
  const spans: string[] = [];
  for (let i = 0; i < text.length && spans.length < limit; i++) {
    if (text[i] !== '{') continue;
    let depth = 0;
    let inString = false;
    let end = -1;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          end = j;
          break;
        }
      }
    }
    if (end < 0) break;
    spans.push(text.slice(i, end + 1));
    i = end;
  }
  return spans;
}

/** JSON.parse with the two repairs models most often need: trailing commas and smart quotes. */
function parseLenient(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    try {
      return JSON.parse(s.replace(/[“”]/g, '"').replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

const LABELLED_LINE = /(?:^|\n)[ \t*_#>-]*(?:final[ \t]+)?(?:verdict|answer|classification|decision|conclusion)[ \t]*[*_]*[ \t]*[:=-][ \t]*[*_"'`]*[ \t]*([A-Za-z][A-Za-z -]{0,20}?)[ \t]*[*_"'`.]*[ \t]*(?=\n|$)/gi;

/** Parses a model's answer text. Pure; never throws. */
export function parseVerdict(rawText: string): ParsedAnswer {
  const text = (rawText ?? '').slice(0, MAX_SCAN_CHARS).trim();
  if (!text) return { status: 'unparsed', why: 'The model returned an empty answer.' };

  const candidates: string[] = [];
  for (const m of text.matchAll(/```[a-zA-Z]*\s*\n?([\s\S]*?)```/g)) candidates.push(...jsonObjectSpans(m[1]));
  if (candidates.length === 0) candidates.push(...jsonObjectSpans(text));

  const verdicts: ParsedVerdict[] = [];
  let conflict: { why: string; reasoning?: string } | undefined;
  let reasoningSeen: string | undefined;
  let sawJson = false;
  for (const c of candidates) {
    const value = parseLenient(c);
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    sawJson = true;
    const r = readObject(value as Record<string, unknown>);
    if (r.kind === 'verdict') verdicts.push(r.parsed);
    else if (r.kind === 'conflict') conflict ??= r;
    reasoningSeen ??= r.kind === 'verdict' ? r.parsed.reasoning : r.reasoning;
  }
  if (conflict) return { status: 'unparsed', why: conflict.why, ...(conflict.reasoning ?? reasoningSeen ? { reasoning: conflict.reasoning ?? reasoningSeen } : {}) };
  if (verdicts.length > 0) {
    if (new Set(verdicts.map((v) => v.verdict)).size > 1) return { status: 'unparsed', why: 'The answer contains several JSON objects with different verdicts.' };
    return verdicts[0];
  }

  // No JSON verdict: an explicit labelled line, consistent throughout, is unambiguous enough.
  const labelled = [...text.matchAll(LABELLED_LINE)].map((m) => verdictFromWord(m[1]));
  if (labelled.length > 0 && labelled.every((v) => v === 'normal') ) return { status: 'ok', verdict: 'normal', violatedRules: [], format: 'labelled-text', reasoning: text };
  if (labelled.length > 0 && labelled.every((v) => v === 'anomalous')) return { status: 'ok', verdict: 'anomalous', violatedRules: [], format: 'labelled-text', reasoning: text };

  if (REFUSAL.test(text.slice(0, 400)) && text.length < 2000) return { status: 'refused', reason: text };
  if (labelled.length > 0) return { status: 'unparsed', why: 'The answer names a verdict that is neither clearly normal nor anomalous, or names both.' };
  return {
    status: 'unparsed',
    why: sawJson ? 'The answer has JSON but no verdict field (expected "verdict" or "correctness").' : 'The answer has no JSON and no explicit verdict line.',
    ...(reasoningSeen ? { reasoning: reasoningSeen } : {}),
  };
}

/**
 * The reasoning text so far of a partial JSON answer that is still streaming in
 * (`{"reasoning": "The rim is clo` → `The rim is clo`). Returns undefined until the
 * reasoning field starts; plain-text answers are returned as they are.
 */
export function partialReasoning(partial: string): string | undefined {
  const head = partial.trimStart();
  if (!head) return undefined;
  const m = /"(?:reasoning|reason|explanation|rationale|analysis)"\s*:\s*"/i.exec(partial);
  if (!m) return head.startsWith('{') || head.startsWith('```') ? undefined : partial;
  let out = '';
  for (let i = m.index + m[0].length; i < partial.length; i++) {
    const c = partial[i];
    if (c === '"') break;
    if (c === '\\') {
      const n = partial[i + 1];
      if (n === undefined) break;
      if (n === 'u') {
        const hex = partial.slice(i + 2, i + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(parseInt(hex, 16) || 0xfffd);
        i += 5;
      } else {
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '' : n;
        i++;
      }
      continue;
    }
    out += c;
  }
  return out;
}
