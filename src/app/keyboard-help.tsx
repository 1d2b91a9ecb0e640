import { keyLabel, scopeKind, type KeyCommand, type ScopeKind } from '@/core/labeling/hotkeys';
import { activeCommands, useCommands } from '@/stores/command-registry';
import { Kbd } from '@/components/ui/kbd';

const GROUPS: { kind: ScopeKind; title: string }[] = [
  { kind: 'overlay', title: 'This overlay' },
  { kind: 'focus', title: 'The focused element' },
  { kind: 'view', title: 'This view' },
  { kind: 'global', title: 'Everywhere' },
];

/** "?": the keys that act right now, read from the command registry. */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  useCommands([{ id: 'help.close', keys: ['Escape'], scope: 'overlay:help', perform: onClose }]);
  // Read once when opened: the list is of the view the user is in.
  const titled = activeCommands().filter((c): c is KeyCommand & { title: string } => !!c.title);
  return (
    <div role="dialog" aria-label="Keys" className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4" onClick={onClose}>
      <div className="max-h-full w-[36rem] max-w-full overflow-y-auto rounded-lg border border-zinc-700 bg-zinc-900 p-4 shadow-2xl" onClick={(e) => e.stopPropagation()}>
        <div className="mb-2 flex items-center justify-between">
          <h2 className="text-sm font-semibold">Keys</h2>
          <button type="button" onClick={onClose} className="text-xs text-sky-400 hover:underline">Close (Esc)</button>
        </div>
        {GROUPS.map((g) => {
          const list = titled.filter((c) => scopeKind(c.scope) === g.kind);
          if (!list.length) return null;
          return (
            <section key={g.kind} className="mb-3">
              <h3 className="mb-1 text-[10px] font-semibold tracking-wider text-zinc-500 uppercase">{g.title}</h3>
              <ul className="space-y-0.5 text-xs">
                {list.map((c) => (
                  <li key={`${c.scope}/${c.id}`} className="flex items-center gap-2">
                    <span className="flex-1 text-zinc-300">{c.title}</span>
                    <span className="flex gap-1">{c.keys.slice(0, 3).map((k) => <Kbd key={k}>{keyLabel(k)}</Kbd>)}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
