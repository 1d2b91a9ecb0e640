/**
 * Pixel-level AUROC of a run's heatmaps (the offline baseline's) against the dataset's masks,
 * per class and overall. Normal cases without a mask count as all-normal pixels; defective cases
 * without a mask are left out (nothing says where their defect is).
 */
import type { Case, Result } from '@/core/model';
import { pixelAuroc, type PixelAuroc, type PixelScores } from '@/core/metrics/localisation';
import { resampleNearest } from '@/core/metrics/masks';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { caseMasks, type MaskDecoder } from '@/lib/images/case-masks';

export interface PixelAurocReport {
  overall: PixelAuroc;
  perClass: Record<string, PixelAuroc>;
  /** Cases whose heatmap entered. */
  cases: number;
}

/** Longest side, px, at which heatmaps and masks are compared (heatmaps are smooth; masks keep their shape). */
export const PIXEL_EVAL_SIDE_PX = 128;

function evalSize(w: number, h: number): { w: number; h: number } {
  const s = Math.min(1, PIXEL_EVAL_SIDE_PX / Math.max(w, h));
  return { w: Math.max(1, Math.round(w * s)), h: Math.max(1, Math.round(h * s)) };
}

export async function runPixelAuroc(runId: string, db: ProjectDb = projectDb(), decode?: MaskDecoder): Promise<PixelAurocReport | undefined> {
  const results = (await db.results.where('runId').equals(runId).toArray()).filter((r): r is Result & { artefacts: { heatmapGrid: NonNullable<NonNullable<Result['artefacts']>['heatmapGrid']> } } => r.status === 'ok' && !!r.artefacts?.heatmapGrid && (r.locations?.[0]?.image ?? 0) === 0);
  if (!results.length) return undefined;
  const cases = (await db.cases.bulkGet([...new Set(results.map((r) => r.caseId))])).filter((c): c is Case => !!c && c.kind === 'image' && (c.truth.status === 'normal' || c.truth.status === 'anomalous'));
  const masks = await caseMasks(cases.filter((c) => c.maskAssetIds.length), db, decode);
  const byCase = new Map(results.map((r) => [r.caseId, r]));
  const groups = new Map<string, PixelScores[]>();
  let used = 0;
  for (const c of cases) {
    const grid = byCase.get(c.id)!.artefacts.heatmapGrid;
    const mask = masks.get(c.id);
    if (!mask && c.truth.status === 'anomalous') continue;
    const { w, h } = mask ? evalSize(mask.width, mask.height) : evalSize(grid.width, grid.height);
    const bits = mask ? resampleNearest(mask.bits, mask.width, mask.height, w, h) : new Uint8Array(w * h);
    const scores = resampleNearest(grid.data, grid.width, grid.height, w, h);
    const list = groups.get(c.className) ?? [];
    list.push({ scores, mask: bits });
    groups.set(c.className, list);
    used++;
  }
  const perClass: Record<string, PixelAuroc> = {};
  for (const [cls, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) perClass[cls] = pixelAuroc(list);
  return { overall: pixelAuroc([...groups.values()].flat()), perClass, cases: used };
}
