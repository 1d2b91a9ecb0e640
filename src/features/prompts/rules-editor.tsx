import { Button } from '@/components/ui/button';
import { Select, TextArea } from '@/components/ui/field';
import { nextRuleId, type PromptRule } from '@/core/prompt/prompt-body';

/** The normality rules as an itemised, reorderable checklist with stable ids. */
export function RulesEditor({ rules, classes, onChange }: { rules: PromptRule[]; classes: string[]; onChange: (rules: PromptRule[]) => void }) {
  const update = (i: number, patch: Partial<PromptRule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= rules.length) return;
    const next = [...rules];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  const add = (kind: PromptRule['kind']) => onChange([...rules, { id: nextRuleId(rules), text: '', enabled: true, scope: 'global', kind }]);
  return (
    <div className="flex flex-col gap-1.5">
      {rules.length === 0 && <p className="text-sm text-zinc-500">No rules yet. A rule is one checkable property of a normal part, e.g. “The rim is a closed, unbroken ring”.</p>}
      <ol className="flex flex-col gap-1.5" aria-label="Rules">
        {rules.map((r, i) => (
          <li key={r.id} className={`flex flex-wrap items-start gap-2 rounded-md border px-2 py-1.5 ${r.kind === 'tolerated' ? 'border-amber-900/60 bg-amber-950/20' : 'border-zinc-800 bg-zinc-950/50'} ${r.enabled ? '' : 'opacity-50'}`}>
            <div className="flex flex-col">
              <button type="button" aria-label={`Move ${r.id} up`} className="px-1 text-[10px] leading-none text-zinc-500 hover:text-zinc-200 disabled:opacity-30" disabled={i === 0} onClick={() => move(i, -1)}>
                ▲
              </button>
              <button type="button" aria-label={`Move ${r.id} down`} className="px-1 text-[10px] leading-none text-zinc-500 hover:text-zinc-200 disabled:opacity-30" disabled={i === rules.length - 1} onClick={() => move(i, 1)}>
                ▼
              </button>
            </div>
            <input type="checkbox" aria-label={`Enable ${r.id}`} className="accent-sky-500" checked={r.enabled} onChange={(e) => update(i, { enabled: e.target.checked })} />
            <span className={`w-9 shrink-0 font-mono text-xs ${r.kind === 'tolerated' ? 'text-amber-300' : 'text-sky-300'}`}>{r.id}</span>
            {/* Grows with its text (a rule can be a sentence or three); Enter stays a newline-free rule. */}
            <TextArea aria-label={`Text of ${r.id}`} rows={1} className="min-w-[12rem] flex-1 resize-none py-1 [field-sizing:content]" value={r.text} placeholder={r.kind === 'tolerated' ? 'A variation that is acceptable, e.g. slight lighting change' : 'What a normal part satisfies'} onChange={(e) => update(i, { text: e.target.value.replace(/\n/g, ' ') })} />
            <span className="ml-auto flex shrink-0 items-start gap-2">
            <Select aria-label={`Scope of ${r.id}`} className="w-24 shrink-0 xl:w-28" value={r.scope} onChange={(e) => update(i, { scope: e.target.value })}>
              <option value="global">all classes</option>
              {[...new Set([...classes, ...(r.scope !== 'global' ? [r.scope] : [])])].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
            <Select aria-label={`Kind of ${r.id}`} className="w-[6.5rem] shrink-0" value={r.kind} onChange={(e) => update(i, { kind: e.target.value as PromptRule['kind'] })}>
              <option value="rule">rule</option>
              <option value="tolerated">tolerated</option>
            </Select>
            <button type="button" aria-label={`Delete ${r.id}`} className="px-1 text-zinc-500 hover:text-rose-300" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
              ×
            </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="flex gap-2 pt-1">
        <Button tone="ghost" onClick={() => add('rule')}>
          + Rule
        </Button>
        <Button tone="ghost" onClick={() => add('tolerated')}>
          + Tolerated variation
        </Button>
      </div>
    </div>
  );
}
