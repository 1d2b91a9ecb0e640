/** A row of filter tabs, each with its count (Review's and Compare's filters). */
export function FilterTabs<Id extends string>({ label, filters, value, counts, onChange, className = '' }: { label: string; filters: readonly { id: Id; title: string; hint?: string }[]; value: Id; counts: Partial<Record<Id, number>>; onChange: (id: Id) => void; className?: string }) {
  return (
    <div className={`flex gap-1 ${className}`} role="tablist" aria-label={label}>
      {filters.map((f) => (
        <button key={f.id} role="tab" type="button" aria-selected={value === f.id} title={f.hint} onClick={() => onChange(f.id)} className={`rounded-md px-2.5 py-1 text-xs ${value === f.id ? 'bg-sky-600 text-white' : 'bg-zinc-800 text-zinc-300 hover:bg-zinc-700'}`}>
          {f.title} <span className="opacity-70">{counts[f.id]}</span>
        </button>
      ))}
    </div>
  );
}
