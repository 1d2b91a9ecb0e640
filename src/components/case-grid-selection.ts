/**
 * Selection rules of the case grid as pure functions over ordered ids, so they are tested in node.
 * Click selects one; Ctrl/⌘-click toggles; Shift-click selects the range from the anchor;
 * arrows move the focus (Shift extends the range); Ctrl+A selects every shown case.
 */
export interface GridSelection {
  selected: ReadonlySet<string>;
  focused: string | undefined;
  /** Where a Shift range starts: the last case clicked without Shift. */
  anchor: string | undefined;
}

export interface Modifiers {
  ctrl?: boolean;
  shift?: boolean;
}

export const EMPTY_SELECTION: GridSelection = { selected: new Set(), focused: undefined, anchor: undefined };

function range(ids: readonly string[], from: number, to: number): string[] {
  const [a, b] = from <= to ? [from, to] : [to, from];
  return ids.slice(a, b + 1);
}

export function clickCase(s: GridSelection, ids: readonly string[], id: string, mods: Modifiers = {}): GridSelection {
  const at = ids.indexOf(id);
  if (at < 0) return s;
  if (mods.shift) {
    const anchorAt = s.anchor !== undefined ? ids.indexOf(s.anchor) : -1;
    const from = anchorAt >= 0 ? anchorAt : at;
    const span = range(ids, from, at);
    const selected = mods.ctrl ? new Set([...s.selected, ...span]) : new Set(span);
    return { selected, focused: id, anchor: ids[from] };
  }
  if (mods.ctrl) {
    const selected = new Set(s.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    return { selected, focused: id, anchor: id };
  }
  return { selected: new Set([id]), focused: id, anchor: id };
}

export function selectAll(s: GridSelection, ids: readonly string[]): GridSelection {
  return { selected: new Set(ids), focused: s.focused ?? ids[0], anchor: s.anchor ?? ids[0] };
}

/** Moves the focus by `delta` places (clamped); the focused case becomes the selection, or extends it with Shift. */
export function moveFocus(s: GridSelection, ids: readonly string[], delta: number, mods: Modifiers = {}): GridSelection {
  if (ids.length === 0) return s;
  const cur = s.focused !== undefined ? ids.indexOf(s.focused) : -1;
  const next = cur < 0 ? (delta < 0 ? ids.length - 1 : 0) : Math.min(ids.length - 1, Math.max(0, cur + delta));
  const id = ids[next];
  if (mods.shift) return clickCase(s.anchor === undefined ? { ...s, anchor: s.focused ?? id } : s, ids, id, { shift: true });
  return { selected: new Set([id]), focused: id, anchor: id };
}

/** How far a key moves the focus in a grid of `columns` columns with `pageRows` rows on screen. */
export function keyDelta(key: string, columns: number, pageRows: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowLeft':
      return -1;
    case 'ArrowRight':
      return 1;
    case 'ArrowUp':
      return -columns;
    case 'ArrowDown':
      return columns;
    case 'PageUp':
      return -columns * Math.max(1, pageRows);
    case 'PageDown':
      return columns * Math.max(1, pageRows);
    case 'Home':
      return -count;
    case 'End':
      return count;
    default:
      return undefined;
  }
}

/** Drops selected, focused and anchor ids that are no longer shown (after a filter or a deletion). */
export function pruneSelection(s: GridSelection, ids: readonly string[]): GridSelection {
  const shown = new Set(ids);
  const selected = [...s.selected].filter((id) => shown.has(id));
  const focused = s.focused !== undefined && shown.has(s.focused) ? s.focused : undefined;
  const anchor = s.anchor !== undefined && shown.has(s.anchor) ? s.anchor : undefined;
  if (selected.length === s.selected.size && focused === s.focused && anchor === s.anchor) return s;
  return { selected: new Set(selected), focused, anchor };
}
