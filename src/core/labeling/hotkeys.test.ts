import { describe, expect, it } from 'vitest';
import { defaultBindings, fieldKind, findCommand, keyLabel, keyString, loadBindings, rebind, resolveKey, type KeyCommand } from '@/core/labeling/hotkeys';
import { matchesFilter } from '@/core/labeling/review-filter';

describe('hotkey table', () => {
  it('resolves default keys and digits', () => {
    const b = defaultBindings();
    expect(resolveKey(b, 'n')).toEqual({ kind: 'action', action: 'normal' });
    expect(resolveKey(b, 'ArrowRight')).toEqual({ kind: 'action', action: 'next' });
    expect(resolveKey(b, '3')).toEqual({ kind: 'defect', index: 2 });
    expect(resolveKey(b, 'q')).toBeUndefined();
  });
  it('turns events into stable strings', () => {
    expect(keyString({ key: 'Z', shiftKey: true })).toBe('z');
    expect(keyString({ key: 'z', ctrlKey: true })).toBe('Ctrl+z');
    expect(keyString({ key: 'ArrowLeft', shiftKey: true })).toBe('Shift+ArrowLeft');
    expect(keyLabel('Ctrl+z')).toBe('Ctrl Z');
  });
  it('refuses a key that another action uses, a digit, Alt, and reserved keys', () => {
    const b = defaultBindings();
    expect(rebind(b, 'normal', ['a'])).toEqual({ error: '“a” already does “Label anomalous”; change that one first or pick another key.' });
    expect('error' in rebind(b, 'normal', ['2'])).toBe(true);
    expect('error' in rebind(b, 'normal', ['Alt+n'])).toBe(true);
    expect('error' in rebind(b, 'normal', ['Tab'])).toBe(true);
    expect('error' in rebind(b, 'normal', [])).toBe(true);
  });
  it('remaps and then resolves the new key only', () => {
    const r = rebind(defaultBindings(), 'normal', ['g']);
    if (!('bindings' in r)) throw new Error(r.error);
    expect(resolveKey(r.bindings, 'g')).toEqual({ kind: 'action', action: 'normal' });
    expect(resolveKey(r.bindings, 'n')).toBeUndefined();
  });
  it('loads stored bindings and drops clashing or malformed ones', () => {
    const b = loadBindings({ normal: ['g'], anomalous: ['g'], unsure: 'x' });
    expect(b.normal).toEqual(['g']);
    expect(b.anomalous).toEqual(['a']);
    expect(b.unsure).toEqual(['u']);
  });
});

describe('review filters', () => {
  const o = (p: object) => ({ caseId: 'c', className: 'k', truth: 'normal' as const, outcome: 'ok' as const, reps: 1, flipRate: 0, ...p });
  it('select disagreements, errors, flips and unlabelled cases', () => {
    expect(matchesFilter('disagreements', 'normal', o({ verdict: 'anomalous' }))).toBe(true);
    expect(matchesFilter('disagreements', 'normal', o({ verdict: 'normal' }))).toBe(false);
    expect(matchesFilter('disagreements', 'unlabelled', o({ verdict: 'anomalous' }))).toBe(false);
    expect(matchesFilter('errors', 'normal', o({ outcome: 'unparsed' }))).toBe(true);
    expect(matchesFilter('errors', 'normal', undefined)).toBe(false);
    expect(matchesFilter('flips', 'normal', o({ flipRate: 0.4 }))).toBe(true);
    expect(matchesFilter('unlabelled', 'unlabelled', undefined)).toBe(true);
  });
});

describe('commands as data', () => {
  const perform = () => undefined;
  const commands: KeyCommand[] = [
    { id: 'undo', keys: ['Ctrl+z'], scope: 'global', perform },
    { id: 'redo', keys: ['Ctrl+Shift+z'], scope: 'global', perform },
    { id: 'review-undo', keys: ['z', 'Ctrl+z'], scope: 'view:review', perform },
    { id: 'view-1', keys: ['Alt+1'], scope: 'global', inFields: 'text', perform },
  ];
  it('names Shift with Ctrl+letter so redo is not undo', () => {
    expect(keyString({ key: 'Z', ctrlKey: true, shiftKey: true })).toBe('Ctrl+Shift+z');
    expect(keyString({ key: '?', shiftKey: true })).toBe('?');
  });
  it('prefers the view over the app and keeps text fields for typing', () => {
    expect(findCommand(commands, 'Ctrl+z', undefined)?.id).toBe('review-undo');
    expect(findCommand(commands, 'Ctrl+Shift+z', undefined)?.id).toBe('redo');
    expect(findCommand(commands, 'z', 'text')).toBeUndefined();
    expect(findCommand(commands, 'Alt+1', 'text')?.id).toBe('view-1');
  });
  it('tells text fields (select included) from sliders and buttons', () => {
    const el = (tagName: string, type?: string, inside = false) => ({ tagName, type, isContentEditable: false, closest: (sel: string) => (inside || sel.split(', ').includes(tagName.toLowerCase()) ? {} : null) });
    expect(fieldKind(el('SELECT'))).toBe('text');
    expect(fieldKind(el('TEXTAREA'))).toBe('text');
    expect(fieldKind(el('INPUT', 'text'))).toBe('text');
    expect(fieldKind(el('INPUT', 'range'))).toBe('slider');
    expect(fieldKind(el('INPUT', 'checkbox'))).toBeUndefined();
    expect(fieldKind(el('BUTTON'))).toBeUndefined();
    expect(fieldKind(el('SPAN', undefined, true))).toBe('text');
  });
  it('refuses to remap a label key onto a key the app keeps for every view', () => {
    expect(rebind(defaultBindings(), 'normal', ['?'])).toEqual({ error: '“?” shows the list of keys in every view; pick another key.' });
    expect('error' in rebind(defaultBindings(), 'normal', ['Ctrl+y'])).toBe(true);
  });
});
