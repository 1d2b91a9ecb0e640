import { formatTokens, formatUsd } from '@/components/format';
import type { PreparedKnowledge } from '@/lib/knowledge/calls';

/** What a knowledge request will send and cost at most, before it is sent. */
export function KnowledgeRequestSummary({ prepared, cost }: { prepared: PreparedKnowledge; cost: number | undefined }) {
  const e = prepared.request.estimate;
  const tests = prepared.cases.filter((c) => c.role === 'test');
  return (
    <div className="flex flex-col gap-1.5 rounded-md bg-zinc-950 p-2 text-xs ring-1 ring-zinc-800" data-testid="knowledge-request">
      <div className="text-zinc-300">
        {prepared.request.images.length} image{prepared.request.images.length === 1 ? '' : 's'} · {e.approx ? '≈ ' : ''}
        {formatTokens(e.textTokens + e.imageTokens)} input tokens · at most {formatTokens(e.maxOutputTokens)} output · <span data-testid="knowledge-cost">cost at most {formatUsd(cost)}</span>
      </div>
      <ol className="flex flex-wrap gap-1.5" aria-label="Images for the model">
        {prepared.request.images.map((im, i) => (
          <li key={i} className="w-16 text-[9px] leading-tight text-zinc-400">
            <img src={im.image.dataUrl} alt={im.label} className="aspect-square w-16 rounded object-cover" />
            <span className="line-clamp-2">{im.label}</span>
          </li>
        ))}
      </ol>
      {tests.length > 0 && <p className="text-[11px] text-amber-300">{tests.length} of these are test cases: once sent, they are marked possibly leaked, and later results on them say so.</p>}
    </div>
  );
}
