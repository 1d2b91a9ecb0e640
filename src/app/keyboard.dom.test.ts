import { afterEach, describe, expect, it } from 'vitest';
import { installKeyboard } from '@/app/keyboard';
import { keyClashes, type KeyCommand } from '@/core/labeling/hotkeys';
import { activeCommands, registerCommands } from '@/stores/command-registry';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  document.body.innerHTML = '';
});

/** Registers commands that record what ran; returns the log. */
function register(commands: Omit<KeyCommand, 'perform'>[]): string[] {
  const log: string[] = [];
  cleanups.push(registerCommands({ current: commands.map((c) => ({ ...c, perform: (k: string) => void log.push(`${c.id}:${k}`) })) }));
  return log;
}

function press(target: EventTarget, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

function field(html: string): HTMLElement {
  document.body.innerHTML = html;
  const el = document.body.querySelector<HTMLElement>('[data-target]')!;
  el.focus();
  return el;
}

describe('the keyboard dispatcher', () => {
  it('runs the one command that owns the key, once, and keeps the browser from acting on it', () => {
    cleanups.push(installKeyboard());
    const log = register([{ id: 'label-normal', keys: ['n'], scope: 'view:review' }]);
    const e = press(document.body, 'n');
    press(document.body, 'q');
    expect(log).toEqual(['label-normal:n']);
    expect(e.defaultPrevented).toBe(true);
  });

  it('leaves keys to text inputs, textareas, selects and contenteditable, but not to checkboxes', () => {
    cleanups.push(installKeyboard());
    const log = register([
      { id: 'label-normal', keys: ['n'], scope: 'view:review' },
      { id: 'open-library', keys: ['Alt+1'], scope: 'global', inFields: 'text' },
    ]);
    for (const html of ['<input data-target>', '<input type="search" data-target>', '<textarea data-target></textarea>', '<select data-target><option>a</option></select>', '<div contenteditable="true" data-target tabindex="0"><span>x</span></div>']) {
      const el = field(html);
      const e = press(el, 'n');
      expect(e.defaultPrevented, html).toBe(false);
    }
    // Inside an editable block, from a child element.
    press(field('<div contenteditable="true"><b data-target tabindex="0">x</b></div>'), 'n');
    expect(log).toEqual([]);
    // Commands meant for fields still act there (views switch from anywhere).
    press(field('<select data-target><option>a</option></select>'), '1', { altKey: true, code: 'Digit1' });
    press(field('<input type="checkbox" data-target>'), 'n');
    expect(log).toEqual(['open-library:Alt+1', 'label-normal:n']);
  });

  it('lets a slider keep its arrows unless a command asks for them', () => {
    cleanups.push(installKeyboard());
    const log = register([
      { id: 'next-case', keys: ['ArrowRight'], scope: 'view:review' },
      { id: 'next-frame', keys: ['ArrowLeft'], scope: 'focus:video', inFields: 'slider' },
    ]);
    const slider = field('<input type="range" data-target>');
    press(slider, 'ArrowRight');
    press(slider, 'ArrowLeft');
    expect(log).toEqual(['next-frame:ArrowLeft']);
  });

  it('gives a shared key to the overlay, then the focused widget, then the view, then the app', () => {
    cleanups.push(installKeyboard());
    let gridFocused = false;
    const log = register([
      { id: 'app', keys: ['ArrowRight', 'Ctrl+z'], scope: 'global' },
      { id: 'view', keys: ['ArrowRight', 'Escape'], scope: 'view:review' },
      { id: 'grid', keys: ['ArrowRight'], scope: 'focus:case-grid', when: () => gridFocused },
    ]);
    press(document.body, 'ArrowRight');
    gridFocused = true;
    press(document.body, 'ArrowRight');
    press(document.body, 'z', { ctrlKey: true });
    const overlay = register([{ id: 'overlay', keys: ['Escape', 'ArrowRight'], scope: 'overlay:presentation' }]);
    press(document.body, 'ArrowRight');
    press(document.body, 'Escape');
    expect(log).toEqual(['view:ArrowRight', 'grid:ArrowRight', 'app:Ctrl+z']);
    expect(overlay).toEqual(['overlay:ArrowRight', 'overlay:Escape']);
  });

  it('tells undo from redo and reads Alt+digit by the physical key', () => {
    cleanups.push(installKeyboard());
    const log = register([
      { id: 'undo', keys: ['Ctrl+z'], scope: 'global' },
      { id: 'redo', keys: ['Ctrl+Shift+z', 'Ctrl+y'], scope: 'global' },
      { id: 'view-1', keys: ['Alt+1'], scope: 'global' },
    ]);
    press(document.body, 'z', { ctrlKey: true });
    press(document.body, 'Z', { ctrlKey: true, shiftKey: true });
    press(document.body, 'z', { metaKey: true, shiftKey: true });
    press(document.body, 'y', { ctrlKey: true });
    press(document.body, '¡', { altKey: true, code: 'Digit1' });
    expect(log).toEqual(['undo:Ctrl+z', 'redo:Ctrl+Shift+z', 'redo:Ctrl+Shift+z', 'redo:Ctrl+y', 'view-1:Alt+1']);
  });

  it('forgets the commands of a component that is gone', () => {
    cleanups.push(installKeyboard());
    const log: string[] = [];
    const remove = registerCommands({ current: [{ id: 'gone', keys: ['g'], scope: 'view:library', perform: () => void log.push('gone') }] });
    remove();
    press(document.body, 'g');
    expect(log).toEqual([]);
    expect(activeCommands()).toEqual([]);
  });
});

describe('clash detection', () => {
  const perform = () => undefined;
  it('finds a key given twice in one scope, not the same key in different scopes', () => {
    const commands: KeyCommand[] = [
      { id: 'normal', keys: ['n'], scope: 'view:review', perform },
      { id: 'next', keys: ['n', 'j'], scope: 'view:review', perform },
      { id: 'new-prompt', keys: ['n'], scope: 'view:prompts', perform },
      { id: 'undo', keys: ['Ctrl+z'], scope: 'global', perform },
      { id: 'review-undo', keys: ['Ctrl+z'], scope: 'view:review', perform },
    ];
    expect(keyClashes(commands)).toEqual([{ key: 'n', scope: 'view:review', ids: ['normal', 'next'] }]);
  });
});
