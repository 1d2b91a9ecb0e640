/**
 * Storage problems found by background work (caching renders, saving results) that has no
 * screen of its own: they are reported here and the app shell's notice area shows them, so a
 * full disk is never silent.
 */
type Listener = (text: string) => void;

const listeners = new Set<Listener>();

/** Tells whoever shows notices; a sentence for the user. */
export function reportStorageProblem(text: string): void {
  for (const l of listeners) l(text);
}

/** Subscribes to storage problems; returns the unsubscribe function. */
export function onStorageProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
