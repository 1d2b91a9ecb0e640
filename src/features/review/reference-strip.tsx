import type { Case } from '@/core/model';
import type { ReviewReferences } from '@/lib/labeling/review-queries';
import { useThumbnailUrl } from '@/components/use-thumbnail';

function RefThumb({ c, onPeek }: { c: Case; onPeek: (c: Case | undefined) => void }) {
  const url = useThumbnailUrl(c.assetId);
  return (
    <button
      type="button"
      title={`${c.name} — hold to see it large`}
      onPointerDown={() => onPeek(c)}
      onPointerUp={() => onPeek(undefined)}
      onPointerLeave={() => onPeek(undefined)}
      className="h-16 w-16 shrink-0 overflow-hidden rounded ring-1 ring-emerald-700/60 hover:ring-emerald-400"
    >
      {url ? <img src={url} alt={c.name} className="h-full w-full object-cover" draggable={false} /> : <div className="h-full w-full bg-zinc-800" />}
    </button>
  );
}

/** Normal parts of the class beside the case; holding one shows it large in place of the case. */
export function ReferenceStrip({ references, onPeek }: { references: ReviewReferences | undefined; onPeek: (c: Case | undefined) => void }) {
  return (
    <section>
      <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">References (normal){references?.from && <span className="font-normal normal-case tracking-normal text-zinc-600"> · from {references.from}, hold to compare</span>}</h3>
      {references?.cases.length ? <div className="flex flex-wrap gap-1.5">{references.cases.map((r) => <RefThumb key={r.id} c={r} onPeek={onPeek} />)}</div> : <p className="text-xs text-zinc-500">No reference or normal case of this class yet.</p>}
    </section>
  );
}
