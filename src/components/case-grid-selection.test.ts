import { describe, expect, it } from 'vitest';
import { clickCase, EMPTY_SELECTION, keyDelta, moveFocus, pruneSelection, selectAll, type GridSelection } from '@/components/case-grid-selection';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const sel = (s: GridSelection) => [...s.selected].sort();

describe('case grid selection', () => {
  it('a plain click selects only that case and focuses it', () => {
    let s = clickCase(EMPTY_SELECTION, ids, 'b');
    s = clickCase(s, ids, 'd');
    expect(sel(s)).toEqual(['d']);
    expect(s.focused).toBe('d');
  });

  it('Ctrl-click adds and removes single cases', () => {
    let s = clickCase(EMPTY_SELECTION, ids, 'a');
    s = clickCase(s, ids, 'c', { ctrl: true });
    s = clickCase(s, ids, 'e', { ctrl: true });
    expect(sel(s)).toEqual(['a', 'c', 'e']);
    s = clickCase(s, ids, 'c', { ctrl: true });
    expect(sel(s)).toEqual(['a', 'e']);
  });

  it('Shift-click selects the range from the anchor, in either direction, and re-ranges from the same anchor', () => {
    let s = clickCase(EMPTY_SELECTION, ids, 'c');
    s = clickCase(s, ids, 'e', { shift: true });
    expect(sel(s)).toEqual(['c', 'd', 'e']);
    s = clickCase(s, ids, 'a', { shift: true });
    expect(sel(s)).toEqual(['a', 'b', 'c']);
    expect(s.focused).toBe('a');
  });

  it('Ctrl+Shift-click adds a range to what was selected', () => {
    let s = clickCase(EMPTY_SELECTION, ids, 'a');
    s = clickCase(s, ids, 'd', { ctrl: true });
    s = clickCase(s, ids, 'f', { ctrl: true, shift: true });
    expect(sel(s)).toEqual(['a', 'd', 'e', 'f']);
  });

  it('Ctrl+A selects every shown case', () => {
    const s = selectAll(clickCase(EMPTY_SELECTION, ids, 'b'), ids);
    expect(sel(s)).toEqual(ids);
    expect(s.focused).toBe('b');
  });

  it('arrows move the focus by one or by a row and stop at the ends; Shift extends', () => {
    let s = clickCase(EMPTY_SELECTION, ids, 'b');
    s = moveFocus(s, ids, keyDelta('ArrowDown', 3, 2, ids.length)!);
    expect(s.focused).toBe('e');
    expect(sel(s)).toEqual(['e']);
    s = moveFocus(s, ids, keyDelta('ArrowRight', 3, 2, ids.length)!);
    s = moveFocus(s, ids, keyDelta('ArrowRight', 3, 2, ids.length)!);
    expect(s.focused).toBe('f');
    s = moveFocus(s, ids, -2, { shift: true });
    expect(sel(s)).toEqual(['d', 'e', 'f']);
    s = moveFocus(s, ids, keyDelta('Home', 3, 2, ids.length)!);
    expect(s.focused).toBe('a');
  });

  it('with nothing focused, the first arrow focuses the first (or last) case', () => {
    expect(moveFocus(EMPTY_SELECTION, ids, 1).focused).toBe('a');
    expect(moveFocus(EMPTY_SELECTION, ids, -1).focused).toBe('f');
    expect(moveFocus(EMPTY_SELECTION, [], 1)).toBe(EMPTY_SELECTION);
  });

  it('forgets cases that are no longer shown', () => {
    const s = selectAll(clickCase(EMPTY_SELECTION, ids, 'c'), ids);
    const p = pruneSelection(s, ['a', 'b']);
    expect(sel(p)).toEqual(['a', 'b']);
    expect(p.focused).toBeUndefined();
    expect(pruneSelection(p, ['a', 'b'])).toBe(p);
  });

  it('ignores a click on a case that is not shown', () => {
    const s = clickCase(EMPTY_SELECTION, ids, 'a');
    expect(clickCase(s, ids, 'zz')).toBe(s);
  });
});
