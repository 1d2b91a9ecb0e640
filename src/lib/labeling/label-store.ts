/**
 * Hand labels: written to `cases.truth` with source 'hand' and the time, replacing folder or
 * imported labels. Every write returns what it replaced so undo can restore it exactly.
 */
import type { GroundTruth, LabelStatus } from '@/core/model';
import { projectDb, type ProjectDb } from '@/lib/storage/db';

export interface LabelPatch {
  status?: LabelStatus;
  defectType?: string | null;
  note?: string | null;
}

/** What a label write replaced, per case: the exact previous truth. */
export interface LabelUndo {
  before: { caseId: string; truth: GroundTruth }[];
}

export function applyPatch(prev: GroundTruth, patch: LabelPatch, now: number): GroundTruth {
  const next: GroundTruth = { ...prev, source: 'hand', at: now };
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.defectType === null) delete next.defectType;
  else if (patch.defectType !== undefined) next.defectType = patch.defectType;
  if (patch.note === null || patch.note === '') delete next.note;
  else if (patch.note !== undefined) next.note = patch.note;
  // A normal part has no defect type.
  if (next.status === 'normal') delete next.defectType;
  return next;
}

/** Labels the cases in one transaction; returns the undo record (cases not found are skipped). */
export async function writeLabels(caseIds: readonly string[], patch: LabelPatch, now = Date.now(), db: ProjectDb = projectDb()): Promise<LabelUndo> {
  return db.transaction('rw', db.cases, async () => {
    const rows = await db.cases.bulkGet([...caseIds]);
    const before: LabelUndo['before'] = [];
    const updated = [];
    for (const c of rows) {
      if (!c) continue;
      before.push({ caseId: c.id, truth: structuredClone(c.truth) });
      updated.push({ ...c, truth: applyPatch(c.truth, patch, now) });
    }
    await db.cases.bulkPut(updated);
    return { before };
  });
}

/** Puts back the truths a write replaced. */
export async function undoLabels(undo: LabelUndo, db: ProjectDb = projectDb()): Promise<void> {
  await db.transaction('rw', db.cases, async () => {
    const rows = await db.cases.bulkGet(undo.before.map((b) => b.caseId));
    const restored = [];
    for (let i = 0; i < rows.length; i++) {
      const c = rows[i];
      if (c) restored.push({ ...c, truth: undo.before[i].truth });
    }
    await db.cases.bulkPut(restored);
  });
}

/** Sets imported labels as given (source and time kept from the file). Returns how many cases matched. */
export async function importLabels(labels: ReadonlyMap<string, GroundTruth>, db: ProjectDb = projectDb()): Promise<{ matched: number; unknown: number; undo: LabelUndo }> {
  return db.transaction('rw', db.cases, async () => {
    const ids = [...labels.keys()];
    const rows = await db.cases.bulkGet(ids);
    const before: LabelUndo['before'] = [];
    const updated = [];
    for (const c of rows) {
      if (!c) continue;
      before.push({ caseId: c.id, truth: structuredClone(c.truth) });
      updated.push({ ...c, truth: labels.get(c.id)! });
    }
    await db.cases.bulkPut(updated);
    return { matched: updated.length, unknown: ids.length - updated.length, undo: { before } };
  });
}
