import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import type { Case, Result, Run } from '@/core/model';
import { defaultPromptBody } from '@/core/prompt/prompt-body';
import { answeredCase } from '@/lib/runs/run-queries';

const mk = (id: string, role: Case['role'], className = 'bottle', assetId = id): Case => ({ id, assetId, kind: 'image', name: `${className}/${id}.png`, className, role, truth: { status: 'normal' }, maskAssetIds: [], addedAt: 1 });
const run = (id: string, detector: Run['detector'], params: Run['params'] = {}): Run => ({ id, name: id, detector, promptVersionId: 'pv1', params, caseIds: ['q'], repeat: 2, status: 'done', createdAt: 1 });
const answer = (runId: string, rep: number, verdict: Result['verdict']): Result => ({ id: `${runId}:q:${rep}`, runId, caseId: 'q', rep, status: 'ok', verdict, createdAt: rep }) as Result;

async function project() {
  const db = openProjectDb(`rq-${Math.random()}`, { indexedDB, IDBKeyRange });
  // r-dup holds the query's own file: it is never shown as its reference.
  await db.cases.bulkAdd([mk('q', 'test'), mk('r-b', 'reference'), mk('r-a', 'reference'), mk('r-dup', 'reference', 'bottle', 'q'), mk('sent', 'reference'), mk('other', 'reference', 'cable')]);
  await db.promptVersions.add({ id: 'pv1', promptId: 'p1', version: 1, createdAt: 1, hash: 'h', body: { ...defaultPromptBody(), references: { bottle: ['sent', 'r-dup'] } } });
  return db;
}

describe('the case shown with a run answer', () => {
  it('shows the first repeat of the answer and the references the model was sent', async () => {
    const db = await project();
    await db.runs.add(run('vlm', 'vlm'));
    await db.results.bulkAdd([answer('vlm', 1, 'normal'), answer('vlm', 0, 'anomalous')]);
    const a = await answeredCase('q', 'vlm', db);
    expect(a.c?.id).toBe('q');
    expect(a.r?.verdict).toBe('anomalous');
    expect(a.refs.map((c) => c.id)).toEqual(['sent']);
    expect(a.refsFrom).toBe('sent with this answer');
  });

  it('shows another class\'s references when a swapped-reference control sent those', async () => {
    const db = await project();
    await db.runs.add(run('swap', 'vlm', { control: { referenceOverride: { bottle: ['other'] } } }));
    expect((await answeredCase('q', 'swap', db)).refs.map((c) => c.id)).toEqual(['other']);
  });

  it('falls back to the class\'s reference candidates by name for the baseline or without a run', async () => {
    const db = await project();
    await db.runs.add(run('base', 'baseline'));
    for (const runId of ['base', undefined]) {
      const a = await answeredCase('q', runId, db);
      expect(a.refs.map((c) => c.id)).toEqual(['r-a', 'r-b', 'sent']);
      expect(a.refsFrom).toBe('reference candidates of the class');
      expect(a.r).toBeUndefined();
    }
  });

  it('shows nothing for a case that is gone', async () => {
    const db = await project();
    expect(await answeredCase('nope', undefined, db)).toEqual({ c: undefined, r: undefined, refs: [], refsFrom: '' });
  });
});
