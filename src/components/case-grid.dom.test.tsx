import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Case } from '@/core/model';
import { useUiStore } from '@/stores/ui-store';
import { CaseGrid } from '@/components/case-grid';
import { installKeyboard } from '@/app/keyboard';

// Thumbnails come from IndexedDB, which this environment lacks; the grid works without them.
vi.mock('@/components/use-thumbnail', () => ({ useThumbnailUrl: () => undefined }));

// No layout engine here: give every element the size of a 700×400 px grid, so 5 columns of cells.
beforeAll(() => {
  const size = { clientWidth: 700, clientHeight: 400, offsetWidth: 700, offsetHeight: 400 };
  for (const [k, v] of Object.entries(size)) Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v });
  HTMLElement.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 700, bottom: 400, width: 700, height: 400, toJSON: () => ({}) });
  HTMLElement.prototype.scrollTo = () => {};
  // Keys reach the grid through the app's one dispatcher, as in the app.
  installKeyboard();
});

afterEach(() => {
  cleanup();
  useUiStore.setState({ selectedCaseIds: new Set(), focusedCaseId: undefined });
});

const cases: Case[] = Array.from({ length: 40 }, (_, i) => ({
  id: `c${i}`,
  assetId: `a${i}`,
  kind: i === 2 ? 'video' : 'image',
  name: `bottle/test/good/${String(i).padStart(3, '0')}.png`,
  className: 'bottle',
  role: i === 1 ? 'reference' : 'test',
  truth: i === 3 ? { status: 'anomalous', defectType: 'crack' } : { status: 'normal' },
  maskAssetIds: [],
  addedAt: i,
  ...(i === 4 ? { error: 'The file could not be decoded; add it again.' } : {}),
}));

const cell = (i: number) => document.querySelector(`[data-case-id="c${i}"]`) as HTMLElement;
const selected = () => [...useUiStore.getState().selectedCaseIds].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

describe('CaseGrid', () => {
  it('draws only the rows on screen, with label, kind, role and error marks', () => {
    render(<CaseGrid cases={cases} />);
    const shown = screen.getAllByTestId('case-cell').length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(cases.length);
    expect(cell(3).textContent).toContain('anomalous · crack');
    expect(cell(0).textContent).toContain('normal');
    expect(cell(1).textContent).toContain('REF');
    expect(cell(2).querySelector('[aria-label="Video"]')).not.toBeNull();
    expect(cell(4).querySelector('[aria-label^="Problem: The file could not be decoded"]')).not.toBeNull();
  });

  it('click, Shift-click and Ctrl-click select into the shared store; the last click is focused', () => {
    render(<CaseGrid cases={cases} />);
    fireEvent.click(cell(1));
    fireEvent.click(cell(4), { shiftKey: true });
    expect(selected()).toEqual(['c1', 'c2', 'c3', 'c4']);
    fireEvent.click(cell(7), { ctrlKey: true });
    expect(selected()).toEqual(['c1', 'c2', 'c3', 'c4', 'c7']);
    expect(useUiStore.getState().focusedCaseId).toBe('c7');
    expect(cell(7).getAttribute('aria-selected')).toBe('true');
    expect(cell(0).getAttribute('aria-selected')).toBe('false');
  });

  it('arrows move the focus by a cell or a row of 5; Ctrl+A selects every case; Enter opens', () => {
    const onOpen = vi.fn();
    render(<CaseGrid cases={cases} onOpen={onOpen} />);
    const grid = screen.getByRole('listbox', { name: 'Cases' });
    fireEvent.click(cell(0));
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(useUiStore.getState().focusedCaseId).toBe('c5');
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(selected()).toEqual(['c6']);
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith('c6');
    fireEvent.keyDown(grid, { key: 'a', ctrlKey: true });
    expect(useUiStore.getState().selectedCaseIds.size).toBe(40);
  });

  it('drops cases that leave the list from the selection', () => {
    const { rerender } = render(<CaseGrid cases={cases} />);
    fireEvent.click(cell(0));
    fireEvent.click(cell(2), { shiftKey: true });
    act(() => rerender(<CaseGrid cases={cases.filter((c) => c.id !== 'c1')} />));
    expect(selected()).toEqual(['c0', 'c2']);
  });

  it('lets the host decorate cells and tells it which ids are on screen, in order', () => {
    const seen: string[][] = [];
    render(<CaseGrid cases={cases} decorate={(c) => <span data-testid="verdict">{c.id}-v</span>} onVisibleIdsChange={(ids) => seen.push(ids)} />);
    expect(cell(3).querySelector('[data-testid="verdict"]')?.textContent).toBe('c3-v');
    const last = seen.at(-1)!;
    expect(last[0]).toBe('c0');
    expect(last).toEqual(cases.slice(0, last.length).map((c) => c.id));
  });

  it('shows a list with the full name in list layout', () => {
    render(<CaseGrid cases={cases} layout="list" />);
    expect(cell(0).textContent).toContain('bottle/test/good/000.png');
    expect(screen.getByRole('listbox').getAttribute('data-layout')).toBe('list');
  });
});
