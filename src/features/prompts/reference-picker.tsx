import { CaseThumb } from '@/components/case-thumb';
import type { Case } from '@/core/model';

/**
 * Pick normal reference images for a class visually: reference candidates first, then test
 * cases labelled normal (flagged, since they overlap the test set). Click to add or remove.
 */
export function ReferencePicker({ className, cases, picked, limit, onChange }: { className: string; cases: Case[]; picked: string[]; limit: number; onChange: (ids: string[]) => void }) {
  const candidates = cases
    .filter((c) => c.className === className && (c.role === 'reference' || c.truth.status === 'normal'))
    .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'reference' ? -1 : 1));
  if (candidates.length === 0) return <p className="text-sm text-zinc-500">No reference candidates or normal cases in class “{className}” yet.</p>;
  const toggle = (id: string) => onChange(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id]);
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label={`References for ${className}`}>
      {candidates.map((c) => {
        const n = picked.indexOf(c.id);
        const on = n >= 0;
        const sent = on && n < limit;
        return (
          <button
            key={c.id}
            type="button"
            aria-pressed={on}
            title={`${c.name}${c.role === 'test' ? ' (test case labelled normal: overlaps the test set)' : ''}`}
            onClick={() => toggle(c.id)}
            className={`group relative h-20 w-20 overflow-hidden rounded-md ring-2 transition ${on ? (sent ? 'ring-sky-500' : 'ring-zinc-500') : 'ring-transparent hover:ring-zinc-600'}`}
          >
            <CaseThumb c={c} className="h-full w-full" />
            {on && <span className={`absolute left-1 top-1 rounded px-1 text-[10px] font-semibold ${sent ? 'bg-sky-600 text-white' : 'bg-zinc-700 text-zinc-300'}`}>{n + 1}</span>}
            {c.role === 'test' && <span className="absolute bottom-1 right-1 rounded bg-amber-700/90 px-1 text-[9px] font-semibold text-amber-50">test</span>}
          </button>
        );
      })}
    </div>
  );
}
