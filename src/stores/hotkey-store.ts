/** The review view's key bindings, remappable and kept in localStorage. */
import { create } from 'zustand';
import { defaultBindings, loadBindings, rebind, type Bindings, type LabelAction } from '@/core/labeling/hotkeys';

const STORAGE_KEY = 'aw.labeling.hotkeys';

function read(): Bindings {
  try {
    return loadBindings(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
  } catch {
    return defaultBindings();
  }
}

function write(b: Bindings) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(b));
  } catch {
    // Storage full or blocked: the bindings still work for this session.
  }
}

interface HotkeyState {
  bindings: Bindings;
  /** Returns a sentence when the keys clash or are reserved; nothing is changed then. */
  setKeys: (action: LabelAction, keys: string[]) => string | undefined;
  reset: () => void;
}

export const useHotkeyStore = create<HotkeyState>((set, get) => ({
  bindings: typeof localStorage === 'undefined' ? defaultBindings() : read(),
  setKeys: (action, keys) => {
    const r = rebind(get().bindings, action, keys);
    if ('error' in r) return r.error;
    write(r.bindings);
    set({ bindings: r.bindings });
    return undefined;
  },
  reset: () => {
    const b = defaultBindings();
    write(b);
    set({ bindings: b });
  },
}));
