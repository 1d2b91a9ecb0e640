import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import type { Case } from '@/core/model';
import { importLabels, undoLabels, writeLabels } from '@/lib/labeling/label-store';

const mk = (id: string, truth: Case['truth']): Case => ({ id, assetId: id, kind: 'image', name: `${id}.png`, className: 'bottle', role: 'test', truth, maskAssetIds: [], addedAt: 1 });

describe('label store', () => {
  it('writes hand labels over folder labels, with time, and undo restores the exact truth', async () => {
    const db = openProjectDb(`l-${Math.random()}`, { indexedDB, IDBKeyRange });
    const folder = { status: 'anomalous' as const, defectType: 'crack', source: 'folder' as const, at: 5 };
    await db.cases.bulkAdd([mk('c1', folder), mk('c2', { status: 'unlabelled' })]);
    const undo = await writeLabels(['c1', 'c2'], { status: 'normal', note: 'fine' }, 1000, db);
    expect((await db.cases.get('c1'))!.truth).toEqual({ status: 'normal', note: 'fine', source: 'hand', at: 1000 });
    expect((await db.cases.get('c2'))!.truth).toEqual({ status: 'normal', note: 'fine', source: 'hand', at: 1000 });
    await undoLabels(undo, db);
    expect((await db.cases.get('c1'))!.truth).toEqual(folder);
    expect((await db.cases.get('c2'))!.truth).toEqual({ status: 'unlabelled' });
  });
  it('keeps the note when only the status changes and sets a defect type by number', async () => {
    const db = openProjectDb(`l-${Math.random()}`, { indexedDB, IDBKeyRange });
    await db.cases.add(mk('c1', { status: 'normal', note: 'n1', source: 'hand', at: 1 }));
    await writeLabels(['c1'], { status: 'anomalous', defectType: 'scratch' }, 2, db);
    expect((await db.cases.get('c1'))!.truth).toEqual({ status: 'anomalous', defectType: 'scratch', note: 'n1', source: 'hand', at: 2 });
  });
  it('imports labels as given and counts unknown case ids', async () => {
    const db = openProjectDb(`l-${Math.random()}`, { indexedDB, IDBKeyRange });
    await db.cases.add(mk('c1', { status: 'unlabelled' }));
    const t = { status: 'anomalous' as const, source: 'hand' as const, at: 77 };
    const r = await importLabels(new Map([['c1', t], ['zz', t]]), db);
    expect([r.matched, r.unknown]).toEqual([1, 1]);
    expect((await db.cases.get('c1'))!.truth).toEqual(t);
  });
});
