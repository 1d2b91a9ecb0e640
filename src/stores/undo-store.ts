/**
 * One undo history for the whole app (library deletions, review labels): each entry has a label
 * and an `undo()`/`redo()` pair. Writes and undos run one after another on one queue, so an undo
 * pressed right after a label waits for that label's write. The latest outcome is kept as a
 * notice that the open view shows ("Undid: label washer/good-01 anomalous").
 */
import { create } from 'zustand';

export interface UndoEntry {
  /** What was done, in the imperative: "label washer/good-01 anomalous", "delete 3 cases". */
  label: string;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  /** Said when `undo` fails (the default names the entry). */
  undoFailed?: string;
}

export interface UndoNotice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  /** Whether an Undo button belongs next to it (the entry just done is the latest). */
  undoable: boolean;
}

/** Entries kept; the oldest are forgotten first. */
export const UNDO_DEPTH = 100;

interface UndoState {
  past: UndoEntry[];
  future: UndoEntry[];
  notice: UndoNotice | undefined;
  dismiss: () => void;
}

export const useUndoStore = create<UndoState>((set) => ({
  past: [],
  future: [],
  notice: undefined,
  dismiss: () => set({ notice: undefined }),
}));

let seq = 0;
let queue: Promise<unknown> = Promise.resolve();

/** Runs `job` after every write and undo queued before it. */
export function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job);
  queue = run.catch(() => undefined);
  return run;
}

export function announce(text: string, tone: UndoNotice['tone'] = 'info', undoable = false): void {
  useUndoStore.setState({ notice: { id: ++seq, text, tone, undoable } });
}

/** Records something just done. `said` is announced with an Undo button (e.g. "Deleted 3 cases."). */
export function pushUndo(entry: UndoEntry, said?: string): void {
  useUndoStore.setState((s) => ({
    past: [...s.past, entry].slice(-UNDO_DEPTH),
    future: [],
    // An Undo button shown for an older entry would now undo this one instead.
    notice: s.notice?.undoable ? { ...s.notice, undoable: false } : s.notice,
  }));
  if (said) announce(said, 'info', true);
}

type Direction = 'undo' | 'redo';
const STEP: Record<Direction, { from: 'past' | 'future'; to: 'past' | 'future'; done: string; none: string }> = {
  undo: { from: 'past', to: 'future', done: 'Undid', none: 'Nothing to undo.' },
  redo: { from: 'future', to: 'past', done: 'Redid', none: 'Nothing to redo.' },
};

/** Undoes or redoes the latest entry, after the queued writes; returns the sentence it announced. */
function step(direction: Direction): Promise<string> {
  return enqueue(async () => {
    const { from, to, done, none } = STEP[direction];
    const entry = useUndoStore.getState()[from].at(-1);
    if (!entry) {
      announce(none);
      return none;
    }
    useUndoStore.setState((s) => ({ [from]: s[from].slice(0, -1) }));
    try {
      await entry[direction]();
    } catch {
      // The entry stays where it was, so pressing again retries.
      useUndoStore.setState((s) => ({ [from]: [...s[from], entry] }));
      const text = direction === 'undo' && entry.undoFailed ? entry.undoFailed : `Could not ${direction} “${entry.label}”: the browser refused to change the project. Reload the page and try again.`;
      announce(text, 'error', direction === 'undo');
      return text;
    }
    useUndoStore.setState((s) => ({ [to]: [...s[to], entry].slice(-UNDO_DEPTH) }));
    const text = `${done}: ${entry.label}`;
    announce(text);
    return text;
  });
}

export const undoLast = () => step('undo');
export const redoLast = () => step('redo');
