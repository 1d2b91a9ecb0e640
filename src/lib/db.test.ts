import { describe, expect, it } from 'vitest';
import { openProjectDb } from '@/lib/db';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { Case } from '@/core/model';

describe('project database', () => {
  it('keeps cases and finds them by class', async () => {
    const db = openProjectDb(`t-${Math.random()}`, { indexedDB, IDBKeyRange });
    const c: Case = { id: 'c1', assetId: 'a1', kind: 'image', name: 'x.png', className: 'bottle', role: 'test', truth: { status: 'normal', source: 'folder', at: 1 }, maskAssetIds: [], addedAt: 1 };
    await db.cases.add(c);
    expect(await db.cases.where('className').equals('bottle').count()).toBe(1);
    expect(await db.cases.where('truth.status').equals('normal').first()).toEqual(c);
  });
});
