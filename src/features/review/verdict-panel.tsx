import type { Result } from '@/core/model';
import type { CaseOutcome } from '@/core/metrics/case-outcome';
import { Badge } from '@/components/ui/badge';
import { ModelThinking } from '@/components/model-thinking';

/** The model's answer for the focused case, as plain text (model output is never HTML). */
export function VerdictPanel({ outcome, answers, hidden }: { outcome: CaseOutcome | undefined; answers: Result[] | undefined; hidden: boolean }) {
  if (hidden) {
    return <p className="rounded-md border border-dashed border-zinc-700 p-3 text-xs text-zinc-400">The model’s verdict is hidden while you label, so your label is not anchored to it. Press the “show verdict” key to see it.</p>;
  }
  if (!outcome || !answers?.length) return <p className="text-xs text-zinc-500">No answer for this case in the chosen run.</p>;
  const shown = answers.find((r) => r.status === 'ok') ?? answers[0];
  return (
    <div className="space-y-2" data-testid="verdict-panel">
      <div className="flex flex-wrap items-center gap-1.5">
        {outcome.outcome === 'ok' ? (
          <Badge tone={outcome.verdict === 'anomalous' ? 'anomalous' : 'normal'}>{outcome.verdict}</Badge>
        ) : (
          <Badge tone="error">{outcome.outcome}</Badge>
        )}
        {outcome.score !== undefined && <span className="font-mono text-[11px] text-zinc-400">score {outcome.score.toFixed(2)} <span className="text-zinc-600">({outcome.scoreSource})</span></span>}
        {outcome.reps > 1 && <span className="text-[11px] text-zinc-400">{outcome.reps} repeats{outcome.flipRate > 0 ? `, ${Math.round(outcome.flipRate * 100)}% flipped` : ', all agree'}</span>}
      </div>
      {shown.violatedRules && shown.violatedRules.length > 0 && (
        <div className="flex flex-wrap items-center gap-1">
          <span className="text-[11px] text-zinc-500">violated</span>
          {shown.violatedRules.map((r) => (
            <Badge key={r} tone="anomalous">{r}</Badge>
          ))}
        </div>
      )}
      {shown.error && <p className="text-xs text-red-300">{shown.error.message}</p>}
      {shown.reasoning ? (
        <p className="max-h-56 overflow-y-auto rounded-md bg-zinc-900 p-2.5 text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-200">{shown.reasoning}</p>
      ) : shown.raw ? (
        <pre className="max-h-40 overflow-auto rounded-md bg-zinc-900 p-2 text-[11px] whitespace-pre-wrap text-zinc-400">{shown.raw}</pre>
      ) : null}
      <ModelThinking result={shown} />
    </div>
  );
}
