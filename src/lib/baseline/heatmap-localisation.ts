/**
 * Pixel-level AUROC of a run's heatmaps (the offline baseline's) against the dataset's masks,
 * per class and overall. Normal cases without a mask count as all-normal pixels; defective cases
 * without a mask are left out (nothing says where their defect is). Each case is summarised as
 * score counts, which the results export carries too, so `npm run metrics` gives the same numbers.
 */
import type { Case, Result } from '@/core/model';
import { pixelAurocReport, scoreCounts, type PixelAurocReport, type ScoreCount } from '@/core/metrics/localisation';
import { resampleNearest } from '@/core/metrics/masks';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { caseMasks, type MaskDecoder } from '@/lib/images/case-masks';

export type { PixelAurocReport };

/** Longest side, px, at which heatmaps and masks are compared (heatmaps are smooth; masks keep their shape). */
export const PIXEL_EVAL_SIDE_PX = 128;

function evalSize(w: number, h: number): { w: number; h: number } {
  const s = Math.min(1, PIXEL_EVAL_SIDE_PX / Math.max(w, h));
  return { w: Math.max(1, Math.round(w * s)), h: Math.max(1, Math.round(h * s)) };
}

type WithGrid = Result & { artefacts: { heatmapGrid: NonNullable<NonNullable<Result['artefacts']>['heatmapGrid']> } };

/** Per case of the run whose heatmap can be scored: its class and score counts (first repeat). */
export async function pixelScoreCounts(runId: string, db: ProjectDb = projectDb(), decode?: MaskDecoder): Promise<Map<string, { className: string; counts: ScoreCount[] }>> {
  const out = new Map<string, { className: string; counts: ScoreCount[] }>();
  const results = (await db.results.where('runId').equals(runId).toArray()).filter((r): r is WithGrid => r.status === 'ok' && !!r.artefacts?.heatmapGrid && (r.locations?.[0]?.image ?? 0) === 0).sort((a, b) => a.rep - b.rep);
  if (!results.length) return out;
  const cases = (await db.cases.bulkGet([...new Set(results.map((r) => r.caseId))])).filter((c): c is Case => !!c && c.kind === 'image' && (c.truth.status === 'normal' || c.truth.status === 'anomalous'));
  const masks = await caseMasks(cases.filter((c) => c.maskAssetIds.length), db, decode);
  const byCase = new Map<string, WithGrid>();
  for (const r of results) if (!byCase.has(r.caseId)) byCase.set(r.caseId, r);
  for (const c of cases) {
    const grid = byCase.get(c.id)!.artefacts.heatmapGrid;
    const mask = masks.get(c.id);
    if (!mask && c.truth.status === 'anomalous') continue;
    const { w, h } = mask ? evalSize(mask.width, mask.height) : evalSize(grid.width, grid.height);
    const bits = mask ? resampleNearest(mask.bits, mask.width, mask.height, w, h) : new Uint8Array(w * h);
    out.set(c.id, { className: c.className, counts: scoreCounts({ scores: resampleNearest(grid.data, grid.width, grid.height, w, h), mask: bits }) });
  }
  return out;
}

export async function runPixelAuroc(runId: string, db: ProjectDb = projectDb(), decode?: MaskDecoder): Promise<PixelAurocReport | undefined> {
  const counts = await pixelScoreCounts(runId, db, decode);
  return counts.size ? pixelAurocReport([...counts.values()]) : undefined;
}
