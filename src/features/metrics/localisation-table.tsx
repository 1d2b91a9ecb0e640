import { useEffect, useState } from 'react';
import type { LocalisationGroup, LocalisationReport } from '@/core/metrics/localisation';
import { runLocalisation } from '@/lib/export/results-io';
import { runPixelAuroc, type PixelAurocReport } from '@/lib/baseline/heatmap-localisation';
import type { PixelAuroc } from '@/core/metrics/localisation';
import { pct, RateCell } from '@/features/metrics/metric-format';

type State = { runId: string; report?: LocalisationReport; pixel?: PixelAurocReport; error?: string };

/** Box localisation of a run, recomputed when its answers change (`version`). */
function useRunLocalisation(runId: string, version: unknown): State | undefined {
  const [state, setState] = useState<State>();
  useEffect(() => {
    let live = true;
    Promise.all([runLocalisation(runId), runPixelAuroc(runId)]).then(
      ([report, pixel]) => live && setState({ runId, report, pixel }),
      () => live && setState({ runId, error: 'The masks of this run could not be read, so boxes are not scored.' }),
    );
    return () => {
      live = false;
    };
  }, [runId, version]);
  return state?.runId === runId ? state : undefined;
}

const PIXEL_REASONS: Record<string, string> = { 'no-defect-pixels': 'n/a: no mask with defect pixels', 'no-normal-pixels': 'n/a: no normal pixels' };

function PixelCell({ p }: { p: PixelAuroc | undefined }) {
  if (!p) return <span className="text-zinc-600">—</span>;
  if (p.value === null) return <span className="cursor-help text-zinc-500 underline decoration-dotted" title={PIXEL_REASONS[p.reason ?? ''] ?? ''}>n/a</span>;
  return <span title={`${p.defectPixels.toLocaleString()} defect pixels of ${p.pixels.toLocaleString()}`}>{p.value.toFixed(3)}</span>;
}

function Row({ name, g, pixel, strong }: { name: string; g: LocalisationGroup; pixel?: PixelAuroc; strong?: boolean }) {
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
      <td className="px-2 text-right tabular-nums">{g.noBox}</td>
      <td className="pl-2 text-right tabular-nums" data-testid={strong ? 'pixel-auroc' : undefined}><PixelCell p={pixel} /></td>
    </tr>
  );
}

/** Where the model said the defect is, against the dataset's masks; shown when some case has a mask. */
export function LocalisationTable({ runId, version }: { runId: string; version: unknown }) {
  const state = useRunLocalisation(runId, version);
  if (!state) return null;
  if (state.error) return <p className="text-xs text-amber-300">{state.error}</p>;
  const r = state.report!;
  const px = state.pixel;
  if (r.overall.scored === 0 && !px?.cases) return null;
  const classes = [...new Set([...Object.keys(r.perClass).filter((k) => r.perClass[k].scored > 0), ...Object.keys(px?.perClass ?? {})])].sort();
  const empty: LocalisationGroup = { scored: 0, noBox: 0, hitRate: { value: null, k: 0, n: 0, lo: null, hi: null }, meanIou: { value: null, lo: null, hi: null, n: 0 } };
  return (
    <section data-testid="localisation-table" className="overflow-x-auto">
      <h2 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-300 uppercase">Localisation against masks</h2>
      <table className="w-full text-xs">
        <thead>
          <tr className="text-[10px] tracking-wide text-zinc-500 uppercase">
            {['Class', 'Scored', 'Hit rate', 'Mean IoU', 'No box', 'Pixel AUROC'].map((h, i) => <th key={h} className={`pb-1 font-medium ${i === 0 ? 'text-left' : 'px-2 text-right'}`}>{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {classes.map((k) => <Row key={k} name={k} g={r.perClass[k] ?? empty} pixel={px?.perClass[k]} />)}
          <Row name="Overall" g={r.overall} pixel={px?.overall} strong />
        </tbody>
      </table>
      <p className="mt-2 text-[11px] text-zinc-500">
        Scored: anomalous parts called anomalous whose mask is not empty. Hit = some box covers a defect pixel (masks merged, any non-zero pixel counts), over answers that gave a box; IoU of the best box against the mask's bounding region. No box: scored answers that gave none. Same numbers as <code>npm run metrics</code> on this run's export. Pixel AUROC: the heatmap's scores against the mask pixels, all pixels of a class pooled, compared at ≤ 128 px (normal parts without a mask count as all normal).
      </p>
    </section>
  );
}
