/** Window sub-cases of a video case in storage: create them from a split, read their verdicts. */
import type { Case, Result, Verdict } from '@/core/model';
import { splitWindows, windowSubCase, type WindowSplit } from '@/core/video/windows';
import type { FrameInfo } from '@/core/video/frame-plan';
import { projectDb } from '@/lib/storage/db';

/**
 * Replaces the window sub-cases of `parent` by those of `split`. Sub-cases whose window is
 * unchanged keep their id (and so their results and labels).
 */
export async function splitCaseIntoWindows(parent: Case, frames: FrameInfo[], durationS: number, split: WindowSplit): Promise<Case[]> {
  const db = projectDb();
  const now = Date.now();
  const subs = splitWindows(frames, durationS, split).map((w) => windowSubCase(parent, w, now));
  await db.transaction('rw', db.cases, async () => {
    const old = await db.cases.where('parentId').equals(parent.id).toArray();
    const keep = new Map(old.map((o) => [o.id, o]));
    const stale = old.filter((o) => {
      const n = subs.find((s) => s.id === o.id);
      return !n || n.window?.startS !== o.window?.startS || n.window?.endS !== o.window?.endS;
    });
    await db.cases.bulkDelete(stale.map((o) => o.id));
    const fresh = subs.filter((s) => !keep.has(s.id) || stale.some((o) => o.id === s.id));
    await db.cases.bulkPut(fresh);
  });
  return subs;
}

export async function removeWindows(parentId: string): Promise<void> {
  const db = projectDb();
  await db.cases.where('parentId').equals(parentId).delete();
}

export interface WindowVerdict {
  caseId: string;
  verdict?: Verdict;
  status?: Result['status'];
}

/** The latest result of each sub-case (by creation time), if any. */
export function latestVerdicts(results: Result[]): Map<string, WindowVerdict> {
  const latest = new Map<string, Result>();
  for (const r of results) {
    const prev = latest.get(r.caseId);
    if (!prev || r.createdAt > prev.createdAt) latest.set(r.caseId, r);
  }
  return new Map([...latest].map(([id, r]) => [id, { caseId: id, verdict: r.verdict, status: r.status }]));
}
