import { Select, TextInput } from '@/components/ui/field';
import { DEFAULT_NEAREST_POLICY, type ReferencePolicy } from '@/core/knowledge/retrieval';

/** Fixed picks per class, or the k nearest reference candidates retrieved for each query. */
export function ReferencePolicyControl({ policy, onChange }: { policy: ReferencePolicy | undefined; onChange: (p: ReferencePolicy | undefined) => void }) {
  const nearest = policy?.kind === 'nearest' ? policy : undefined;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2 text-xs text-zinc-300" data-testid="reference-policy">
      <span className="text-zinc-400">References per query</span>
      <Select
        aria-label="Reference policy"
        className="w-auto py-1 text-xs"
        value={nearest ? 'nearest' : 'fixed'}
        // The fixed policy is stored as no policy at all, so older versions keep their hash.
        onChange={(e) => onChange(e.target.value === 'nearest' ? { ...DEFAULT_NEAREST_POLICY } : undefined)}
      >
        <option value="fixed">fixed: the picks below, same for every query</option>
        <option value="nearest">retrieved: the k most similar candidates of the class</option>
      </Select>
      {nearest && (
        <>
          <label className="flex items-center gap-1">
            k
            <TextInput aria-label="References retrieved (k)" type="number" min={1} max={8} className="w-14 py-1 text-xs" value={nearest.k} onChange={(e) => onChange({ ...nearest, k: Math.min(8, Math.max(1, Math.round(Number(e.target.value)) || 1)) })} />
          </label>
          <label className="flex items-center gap-1" title="A candidate at least this similar to the query is the same picture (re-saved or re-shot) and is never sent as its reference.">
            near-duplicate at similarity ≥
            <TextInput
              aria-label="Near-duplicate similarity"
              type="number"
              min={0.5}
              max={1}
              step={0.001}
              className="w-20 py-1 text-xs"
              value={nearest.nearDuplicateSimilarity}
              onChange={(e) => onChange({ ...nearest, nearDuplicateSimilarity: Math.min(1, Math.max(0.5, Number(e.target.value) || DEFAULT_NEAREST_POLICY.nearDuplicateSimilarity)) })}
            />
          </label>
          <span className="basis-full text-[11px] text-zinc-500">Candidates: the class's reference cases and the picks below (else its cases labelled normal), compared by a 16 × 16 brightness layout computed locally. The preview shows which were chosen for its case.</span>
        </>
      )}
    </div>
  );
}
