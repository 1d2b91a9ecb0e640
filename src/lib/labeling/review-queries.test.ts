import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import { reviewReferences } from '@/lib/labeling/review-queries';
import type { Case } from '@/core/model';

const freshDb = () => openProjectDb(`t-${Math.random()}`, { indexedDB, IDBKeyRange });
const mk = (i: number, over: Partial<Case> = {}): Case => ({ id: `c${String(i).padStart(3, '0')}`, assetId: `a${i}`, kind: 'image', name: `n${i}.png`, className: 'bottle', role: 'test', truth: { status: 'normal' }, maskAssetIds: [], addedAt: i, ...over });

describe('references beside a case in review', () => {
  it('shows the first six reference candidates of the class, never the case itself', async () => {
    const db = freshDb();
    await db.cases.bulkAdd([...Array.from({ length: 30 }, (_, i) => mk(i, { role: i % 3 === 0 ? 'reference' : 'test' })), mk(99, { className: 'cable', role: 'reference' })]);
    const r = await reviewReferences(mk(0, { role: 'reference' }), undefined, 6, db);
    expect(r.from).toBe('reference candidates');
    expect(r.cases.map((c) => c.id)).toEqual(['c003', 'c006', 'c009', 'c012', 'c015', 'c018']);
  });

  it('falls back to cases labelled normal, and prefers what the run’s prompt sent', async () => {
    const db = freshDb();
    await db.cases.bulkAdd([mk(1, { truth: { status: 'anomalous' } }), mk(2), mk(3)]);
    expect((await reviewReferences(mk(1), undefined, 6, db)).cases.map((c) => c.id)).toEqual(['c002', 'c003']);
    await db.promptVersions.add({ id: 'v1', promptId: 'p', version: 1, createdAt: 1, hash: 'h', body: { references: { bottle: ['c003'] } } } as never);
    expect(await reviewReferences(mk(1), 'v1', 6, db)).toMatchObject({ from: 'the run’s prompt', cases: [{ id: 'c003' }] });
  });
});
