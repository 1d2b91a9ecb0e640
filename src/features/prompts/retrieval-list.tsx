import type { ReferenceRetrieval } from '@/lib/knowledge/reference-retrieval';

/** Which references were retrieved for the previewed case, and which were left out and why. */
export function RetrievalList({ retrieval }: { retrieval: ReferenceRetrieval }) {
  const name = (id: string) => retrieval.names[id] ?? id;
  return (
    <div className="rounded-md bg-zinc-950 px-2.5 py-2 text-xs ring-1 ring-zinc-800" data-testid="retrieval-list">
      <div className="mb-1 text-zinc-400">
        Retrieved {retrieval.picked.length} of {retrieval.considered} candidate{retrieval.considered === 1 ? '' : 's'} (k = {retrieval.k}; near-duplicate at similarity ≥ {retrieval.nearDuplicateSimilarity})
      </div>
      {retrieval.picked.length === 0 && <p className="text-amber-200">No reference candidate is left for this case; the model sees the query alone.</p>}
      <ol className="flex flex-col gap-0.5">
        {retrieval.picked.map((p, i) => (
          <li key={p.caseId} className="flex gap-2" data-testid="retrieved-reference">
            <span className="text-zinc-500">{i + 1}.</span>
            <span className="min-w-0 flex-1 truncate text-zinc-200" title={name(p.caseId)}>{name(p.caseId)}</span>
            <span className="font-mono tabular-nums text-sky-300">{p.similarity.toFixed(3)}</span>
          </li>
        ))}
      </ol>
      {retrieval.excluded.map((x) => (
        <p key={x.caseId} className="mt-0.5 text-[11px] text-zinc-500">
          Left out “{name(x.caseId)}” ({x.similarity.toFixed(3)}): {x.reason === 'self' ? 'it is the case under test' : 'a near-duplicate of the case under test'}.
        </p>
      ))}
      {retrieval.skipped.map((s) => (
        <p key={s} className="mt-0.5 text-[11px] text-amber-200">{s}</p>
      ))}
    </div>
  );
}
