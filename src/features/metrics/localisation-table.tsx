import { useEffect, useState } from 'react';
import type { LocalisationGroup, LocalisationReport } from '@/core/metrics/localisation';
import { runLocalisation } from '@/lib/results-io';
import { pct, RateCell } from '@/features/metrics/metric-format';

type State = { runId: string; report?: LocalisationReport; error?: string };

/** Box localisation of a run, recomputed when its answers change (`version`). */
function useRunLocalisation(runId: string, version: unknown): State | undefined {
  const [state, setState] = useState<State>();
  useEffect(() => {
    let live = true;
    runLocalisation(runId).then(
      (report) => live && setState({ runId, report }),
      () => live && setState({ runId, error: 'The masks of this run could not be read, so boxes are not scored.' }),
    );
    return () => {
      live = false;
    };
  }, [runId, version]);
  return state?.runId === runId ? state : undefined;
}

function Row({ name, g, strong }: { name: string; g: LocalisationGroup; strong?: boolean }) {
  const iou = g.meanIou;
  return (
    <tr className={`border-t border-zinc-800 ${strong ? 'bg-zinc-900/80 font-semibold' : ''}`}>
      <td className="py-1.5 pr-2 text-left">{name}</td>
      <td className="px-2 text-right tabular-nums">{g.scored}</td>
      <td className="px-2 text-right tabular-nums" data-testid={strong ? 'hit-rate' : undefined}><RateCell r={g.hitRate} /></td>
      <td className="px-2 text-right tabular-nums" title={iou.lo !== null ? `95% bootstrap interval ${pct(iou.lo)}–${pct(iou.hi)}, ${iou.n} answers` : `${iou.n} answers`}>
        <span className="inline-flex flex-col items-end leading-tight">
          <span>{iou.value === null ? 'n/a' : iou.value.toFixed(3)}</span>
          {iou.lo !== null && <span className="text-[10px] text-zinc-500">{iou.lo.toFixed(2)}–{iou.hi!.toFixed(2)}</span>}
        </span>
      </td>
      <td className="pl-2 text-right tabular-nums">{g.noBox}</td>
    </tr>
  );
}

/** Where the model said the defect is, against the dataset's masks; shown when some case has a mask. */
export function LocalisationTable({ runId, version }: { runId: string; version: unknown }) {
  const state = useRunLocalisation(runId, version);
  if (!state) return null;
  if (state.error) return <p className="text-xs text-amber-300">{state.error}</p>;
  const r = state.report!;
  if (r.overall.scored === 0) return null;
  return (
    <section data-testid="localisation-table" className="overflow-x-auto">
      <h2 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-300 uppercase">Localisation against masks</h2>
      <table className="w-full text-xs">
        <thead>
          <tr className="text-[10px] tracking-wide text-zinc-500 uppercase">
            {['Class', 'Scored', 'Hit rate', 'Mean IoU', 'No box'].map((h, i) => <th key={h} className={`pb-1 font-medium ${i === 0 ? 'text-left' : 'px-2 text-right'}`}>{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {Object.entries(r.perClass).filter(([, g]) => g.scored > 0).map(([k, g]) => <Row key={k} name={k} g={g} />)}
          <Row name="Overall" g={r.overall} strong />
        </tbody>
      </table>
      <p className="mt-2 text-[11px] text-zinc-500">
        Scored: anomalous parts called anomalous whose mask is not empty. Hit = some box covers a defect pixel (masks merged, any non-zero pixel counts), over answers that gave a box; IoU of the best box against the mask's bounding region. No box: scored answers that gave none. Same numbers as <code>npm run metrics</code> on this run's export.
      </p>
    </section>
  );
}
