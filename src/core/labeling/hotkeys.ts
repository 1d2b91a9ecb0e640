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
  { id: 'undo', title: 'Undo the last change (labels, deletions)', defaultKeys: ['z', 'Ctrl+z'] },
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
  // Shift is part of the character for printable keys ("A" vs "a"); name it for named keys, and
  // for letters held with Ctrl or Alt, where it makes another shortcut (Ctrl+Shift+z = redo).
  const letter = /^[a-z]$/i.test(e.key);
  if (e.shiftKey && (!single || (letter && mods.length > 0))) mods.push('Shift');
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

/** Keys the app gives the same meaning in every view (see the app shell's commands). */
const APP_KEYS: Record<string, string> = { '?': 'shows the list of keys', 'Ctrl+y': 'redoes', 'Ctrl+Shift+z': 'redoes' };

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
    if (APP_KEYS[k]) return { error: `“${k}” ${APP_KEYS[k]} in every view; pick another key.` };
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

/*
 * The app's keyboard as data. Every shortcut is a command `{id, keys, scope, when, perform}`;
 * one dispatcher (src/app/keyboard) turns a key event into a key string and asks `findCommand`
 * which command owns it. Scopes say where a command lives and who wins a shared key: an open
 * overlay first, then the focused widget (a grid, a video), then the open view, then the app.
 */

export type ScopeKind = 'overlay' | 'focus' | 'view' | 'global';

/** Lower wins when two active commands share a key. */
const SCOPE_RANK: Record<ScopeKind, number> = { overlay: 0, focus: 1, view: 2, global: 3 };

/** "view:review", "overlay:presentation", "focus:case-grid", "global". */
export type Scope = `${Exclude<ScopeKind, 'global'>}:${string}` | 'global';

export function scopeKind(scope: Scope): ScopeKind {
  return scope === 'global' ? 'global' : (scope.slice(0, scope.indexOf(':')) as ScopeKind);
}

/** Which kind of field has the keyboard: text is typed into it, or a slider steps with arrows. */
export type FieldKind = 'text' | 'slider' | undefined;

/** What the field test needs of a DOM element (kept structural so this file stays pure). */
export interface FieldLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

/** Inputs that do not take typed text: keys go on to the app while they have focus. */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'image']);

/** The one "is the user typing in a field?" test: text inputs, textareas, selects, contenteditable. */
export function fieldKind(el: FieldLike | null | undefined): FieldKind {
  if (!el || typeof el.closest !== 'function') return undefined;
  if (el.isContentEditable || el.closest('textarea, select, [contenteditable=""], [contenteditable="true"]')) return 'text';
  if (el.tagName !== 'INPUT') return undefined;
  if (el.type === 'range') return 'slider';
  return NOT_TEXT.has(el.type ?? 'text') ? undefined : 'text';
}

export interface KeyCommand {
  id: string;
  /** Shown in the help list; commands without a title are kept out of it. */
  title?: string;
  /** `keyString` forms, e.g. "n", "Ctrl+z", "Alt+1", "ArrowRight", "Shift+ArrowRight". */
  keys: readonly string[];
  scope: Scope;
  /** Extra condition checked at key time (e.g. "the grid has focus"). */
  when?: () => boolean;
  /** Acts while a field has the keyboard: 'text' (any field, e.g. Alt+digit) or 'slider' (sliders only). */
  inFields?: 'text' | 'slider';
  /** Receives the key string, e.g. the digit pressed. */
  perform: (key: string) => void;
}

/**
 * A short way to write several commands of one scope: `const key = commandMaker('focus:video',
 * { when })` then `key('pick', 'Pick this frame', ['p'], togglePick)`; ids are "video.pick".
 */
export function commandMaker(scope: Scope, shared: Pick<KeyCommand, 'when' | 'inFields'> = {}) {
  const prefix = scope.slice(scope.indexOf(':') + 1);
  return (id: string, title: string, keys: readonly string[], perform: () => void): KeyCommand => ({ id: `${prefix}.${id}`, title, keys, scope, ...shared, perform });
}

/** The command that owns `key` now, or undefined; `field` is what kind of field has the keyboard. */
export function findCommand(commands: Iterable<KeyCommand>, key: string, field: FieldKind): KeyCommand | undefined {
  let best: KeyCommand | undefined;
  for (const c of commands) {
    if (!c.keys.includes(key)) continue;
    if (field === 'text' && c.inFields !== 'text') continue;
    if (field === 'slider' && !c.inFields) continue;
    if (c.when && !c.when()) continue;
    // Same rank: the later registration wins (a clash `keyClashes` reports; none is registered today).
    if (!best || SCOPE_RANK[scopeKind(c.scope)] <= SCOPE_RANK[scopeKind(best.scope)]) best = c;
  }
  return best;
}

export interface KeyClash {
  key: string;
  scope: Scope;
  ids: string[];
}

/** Keys given to more than one command of the same scope: only one of them could ever act. */
export function keyClashes(commands: Iterable<KeyCommand>): KeyClash[] {
  const owners = new Map<string, { key: string; scope: Scope; ids: string[] }>();
  for (const c of commands)
    for (const key of c.keys) {
      const k = `${c.scope}\u0000${key}`;
      const o = owners.get(k);
      if (o) {
        if (!o.ids.includes(c.id)) o.ids.push(c.id);
      } else owners.set(k, { key, scope: c.scope, ids: [c.id] });
    }
  return [...owners.values()].filter((o) => o.ids.length > 1);
}
