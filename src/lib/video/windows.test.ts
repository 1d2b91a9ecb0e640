import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { latestVerdicts, removeWindows, splitCaseIntoWindows } from '@/lib/video/windows';
import { projectDb } from '@/lib/storage/db';
import type { Case, Result } from '@/core/model';

const r = (caseId: string, createdAt: number, verdict: Result['verdict']): Result => ({ id: `${caseId}-${createdAt}`, runId: 'r', caseId, rep: 0, status: 'ok', verdict, createdAt });

describe('window verdicts', () => {
  it('takes the most recent result of each window', () => {
    const m = latestVerdicts([r('w0', 1, 'normal'), r('w0', 3, 'anomalous'), r('w1', 2, 'normal'), r('w0', 2, 'normal')]);
    expect(m.get('w0')?.verdict).toBe('anomalous');
    expect(m.get('w1')?.verdict).toBe('normal');
    expect(m.has('w2')).toBe(false);
  });
});

describe('window sub-cases in storage', () => {
  const parent: Case = { id: 'v1', assetId: 'a1', kind: 'video', name: 'belt.webm', className: 'belt', role: 'test', truth: { status: 'anomalous' }, maskAssetIds: [], addedAt: 1 };
  const frames = Array.from({ length: 60 }, (_, i) => ({ index: i, timestampS: i / 10 })); // 6 s

  it('creates one sub-case per window, keeps labelled windows on a same split and replaces changed ones', async () => {
    const db = projectDb();
    await db.cases.put(parent);
    await splitCaseIntoWindows(parent, frames, 6, { by: 'seconds', seconds: 2 });
    const subs = await db.cases.where('parentId').equals('v1').toArray();
    expect(subs.map((s) => [s.id, s.window?.startS, s.window?.endS])).toEqual([
      ['v1:w0', 0, 2],
      ['v1:w1', 2, 4],
      ['v1:w2', 4, 6],
    ]);
    await db.cases.update('v1:w1', { truth: { status: 'anomalous', source: 'hand' } });
    await splitCaseIntoWindows(parent, frames, 6, { by: 'seconds', seconds: 2 });
    expect((await db.cases.get('v1:w1'))?.truth.status).toBe('anomalous');

    await splitCaseIntoWindows(parent, frames, 6, { by: 'seconds', seconds: 3 });
    const again = await db.cases.where('parentId').equals('v1').toArray();
    expect(again.map((s) => [s.id, s.window?.startS, s.window?.endS, s.truth.status])).toEqual([
      ['v1:w0', 0, 3, 'unlabelled'],
      ['v1:w1', 3, 6, 'unlabelled'],
    ]);
    await removeWindows('v1');
    expect(await db.cases.where('parentId').equals('v1').count()).toBe(0);
    expect(await db.cases.get('v1')).toBeDefined();
  });
});
