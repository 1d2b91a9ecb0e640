import { useState } from 'react';
import { LABEL_ACTIONS, keyLabel, keyString, type LabelAction } from '@/core/labeling/hotkeys';
import { useHotkeyStore } from '@/stores/hotkey-store';
import { Button } from '@/components/ui/button';
import { Kbd } from '@/components/ui/kbd';

/** Lists every action with its keys; click “Change”, press the new key. Clashes are refused with a sentence. */
export function HotkeyEditor({ onClose }: { onClose: () => void }) {
  const { bindings, setKeys, reset } = useHotkeyStore();
  const [listening, setListening] = useState<LabelAction>();
  const [error, setError] = useState<string>();
  return (
    <div role="dialog" aria-label="Keyboard shortcuts" className="absolute top-12 right-3 z-20 w-96 rounded-lg border border-zinc-700 bg-zinc-900 p-3 shadow-2xl">
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-sm font-semibold">Keyboard shortcuts</h3>
        <div className="flex gap-1">
          <Button tone="ghost" className="px-2 py-1 text-xs" onClick={() => { reset(); setError(undefined); }}>Reset</Button>
          <Button tone="ghost" className="px-2 py-1 text-xs" onClick={onClose}>Close</Button>
        </div>
      </div>
      <ul className="space-y-1">
        {LABEL_ACTIONS.map((a) => (
          <li key={a.id} className="flex items-center gap-2 text-xs">
            <span className="flex-1 text-zinc-300">{a.title}</span>
            {listening === a.id ? (
              <input
                autoFocus
                aria-label={`New key for ${a.title}`}
                className="w-32 rounded border border-sky-500 bg-zinc-950 px-1.5 py-0.5 text-[11px] text-sky-200 outline-none"
                placeholder="press a key…"
                readOnly
                onBlur={() => setListening(undefined)}
                onKeyDown={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  if (['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) return;
                  if (e.key === 'Escape') return setListening(undefined);
                  const err = setKeys(a.id, [keyString(e.nativeEvent)]);
                  setError(err);
                  if (!err) setListening(undefined);
                }}
              />
            ) : (
              <>
                <span className="flex gap-1">{bindings[a.id].map((k) => <Kbd key={k}>{keyLabel(k)}</Kbd>)}</span>
                <button type="button" className="text-[11px] text-sky-400 hover:underline" onClick={() => { setListening(a.id); setError(undefined); }}>Change</button>
              </>
            )}
          </li>
        ))}
        <li className="flex items-center gap-2 text-xs text-zinc-400"><span className="flex-1">Defect type by number</span><Kbd>1</Kbd>…<Kbd>9</Kbd></li>
      </ul>
      {error && <p role="alert" className="mt-2 rounded bg-rose-950/70 p-2 text-xs text-rose-200">{error}</p>}
    </div>
  );
}
