/**
 * The review view's keyboard actions as a table. Each action has default keys; users remap them,
 * and a key can belong to one action only. Digits 1–9 are reserved for "defect type by number".
 */

export type LabelAction = 'next' | 'previous' | 'next-image' | 'previous-image' | 'normal' | 'anomalous' | 'unsure' | 'skip' | 'note' | 'undo' | 'toggle-verdict' | 'select-all';

export interface ActionSpec {
  id: LabelAction;
  title: string;
  defaultKeys: string[];
}

export const LABEL_ACTIONS: readonly ActionSpec[] = [
  { id: 'next', title: 'Next case', defaultKeys: ['ArrowRight', 'j'] },
  { id: 'previous', title: 'Previous case', defaultKeys: ['ArrowLeft', 'k'] },
  { id: 'next-image', title: 'Next image of the case (frame, depth view)', defaultKeys: ['.', ']'] },
  { id: 'previous-image', title: 'Previous image of the case', defaultKeys: [',', '['] },
  { id: 'normal', title: 'Label normal', defaultKeys: ['n'] },
  { id: 'anomalous', title: 'Label anomalous', defaultKeys: ['a'] },
  { id: 'unsure', title: 'Label unsure', defaultKeys: ['u'] },
  { id: 'skip', title: 'Skip (no label)', defaultKeys: ['s'] },
  { id: 'note', title: 'Write a note', defaultKeys: ['e'] },
  { id: 'undo', title: 'Undo last label', defaultKeys: ['z', 'Ctrl+z'] },
  { id: 'toggle-verdict', title: 'Show / hide the model’s verdict', defaultKeys: ['v'] },
  { id: 'select-all', title: 'Select all shown cases', defaultKeys: ['Ctrl+a'] },
];

export type Bindings = Record<LabelAction, string[]>;

export const DEFECT_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function defaultBindings(): Bindings {
  return Object.fromEntries(LABEL_ACTIONS.map((a) => [a.id, [...a.defaultKeys]])) as Bindings;
}

/** A key event as a stable string: modifiers first ("Ctrl+Shift+x"); letters lower-cased. */
export function keyString(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean }): string {
  const mods: string[] = [];
  if (e.ctrlKey || e.metaKey) mods.push('Ctrl');
  if (e.altKey) mods.push('Alt');
  const single = e.key.length === 1;
  // Shift is part of the character for printable keys ("A" vs "a"); name it only for named keys.
  if (e.shiftKey && !single) mods.push('Shift');
  const key = single ? e.key.toLowerCase() : e.key;
  return [...mods, key].join('+');
}

export type Resolved = { kind: 'action'; action: LabelAction } | { kind: 'defect'; index: number } | undefined;

export function resolveKey(bindings: Bindings, key: string): Resolved {
  const d = DEFECT_DIGITS.indexOf(key);
  if (d >= 0) return { kind: 'defect', index: d };
  for (const a of LABEL_ACTIONS) if (bindings[a.id]?.includes(key)) return { kind: 'action', action: a.id };
  return undefined;
}

/** Keys the app shell or the browser own; binding them would break navigation. */
const RESERVED = new Set(['Tab', 'Escape', 'Enter', ' ', 'Ctrl+r', 'Ctrl+w', 'Ctrl+t', 'Ctrl+l']);

/**
 * Sets the keys of one action. Returns the new bindings, or a sentence saying why not: a key may
 * not be used by another action, be a digit 1–9, use Alt (views) or be a reserved key.
 */
export function rebind(bindings: Bindings, action: LabelAction, keys: string[]): { bindings: Bindings } | { error: string } {
  const clean = [...new Set(keys.map((k) => k.trim()).filter(Boolean))];
  if (clean.length === 0) return { error: 'Give at least one key, or the action cannot be reached from the keyboard.' };
  for (const k of clean) {
    if (DEFECT_DIGITS.includes(k)) return { error: `“${k}” is kept for choosing a defect type by number; pick another key.` };
    if (k.startsWith('Alt+')) return { error: `“${k}” switches views (Alt + digit); pick a key without Alt.` };
    if (RESERVED.has(k)) return { error: `“${k === ' ' ? 'Space' : k}” is needed for moving around the page; pick another key.` };
    for (const other of LABEL_ACTIONS) {
      if (other.id !== action && bindings[other.id]?.includes(k)) return { error: `“${k}” already does “${other.title}”; change that one first or pick another key.` };
    }
  }
  return { bindings: { ...bindings, [action]: clean } };
}

/** Reads stored bindings, falling back to defaults for unknown or clashing entries. */
export function loadBindings(stored: unknown): Bindings {
  let b = defaultBindings();
  if (!stored || typeof stored !== 'object') return b;
  for (const a of LABEL_ACTIONS) {
    const keys = (stored as Record<string, unknown>)[a.id];
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) continue;
    // Free the defaults of this action first so a swap of keys between actions is accepted.
    const r = rebind({ ...b, [a.id]: [] }, a.id, keys as string[]);
    if ('bindings' in r) b = r.bindings;
  }
  return b;
}

/** "Ctrl+z" → "Ctrl Z", "ArrowRight" → "→" for key caps on screen. */
export function keyLabel(k: string): string {
  const names: Record<string, string> = { ArrowRight: '→', ArrowLeft: '←', ArrowUp: '↑', ArrowDown: '↓', ' ': 'Space' };
  return k
    .split('+')
    .map((p) => names[p] ?? (p.length === 1 ? p.toUpperCase() : p))
    .join(' ');
}
