import { useEffect } from 'react';
import { undoLast, useUndoStore } from '@/stores/undo-store';

/** The latest deletion or undo, with an Undo button while the deletion is the latest thing done. */
export function UndoToast() {
  const toast = useUndoStore((s) => s.notice);
  const dismiss = useUndoStore((s) => s.dismiss);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(dismiss, toast.tone === 'error' ? 15_000 : 8_000);
    return () => clearTimeout(t);
  }, [toast, dismiss]);
  if (!toast) return null;
  return (
    <div
      role="status"
      className={`absolute bottom-4 left-1/2 z-20 flex -translate-x-1/2 items-center gap-3 rounded-lg border px-3 py-2 text-sm shadow-xl ${
        toast.tone === 'error' ? 'border-red-800 bg-red-950 text-red-100' : 'border-zinc-700 bg-zinc-800 text-zinc-100'
      }`}
    >
      <span>{toast.text}</span>
      {toast.undoable && (
        <button type="button" onClick={() => void undoLast()} className="font-semibold text-sky-300 hover:text-sky-200">
          Undo <span className="text-xs font-normal text-zinc-400">Ctrl+Z</span>
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={dismiss} className="text-zinc-500 hover:text-zinc-200">
        ×
      </button>
    </div>
  );
}
