import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { Case } from '@/core/model';
import { templateBody } from '@/core/prompt/prompt-body';
import { openProjectDb } from '@/lib/storage/db';
import { addBatch, markLeaked, readBatches, readLeaks, setSuggestionState, type SuggestionBatch } from '@/lib/knowledge/store';
import { retrievalPool } from '@/lib/knowledge/reference-retrieval';

const kase = (id: string, p: Partial<Case> = {}): Case => ({ id, assetId: `a-${id}`, kind: 'image', name: id, className: 'washer', role: 'test', truth: { status: 'normal' }, maskAssetIds: [], addedAt: 1, ...p });

describe('knowledge store', () => {
  it('keeps each suggestion with its source and records accept and drop without touching the others', async () => {
    const db = openProjectDb(`k-${Math.random()}`, { indexedDB, IDBKeyRange });
    const batch: SuggestionBatch = {
      id: 'b1',
      purpose: 'draft',
      className: 'washer',
      model: 'm',
      at: 5,
      images: [{ caseId: 'r1', name: 'r1.png', role: 'reference' }],
      suggestions: [
        { text: 'Rim closed', kind: 'rule', state: 'open' },
        { text: 'Grain', kind: 'tolerated', state: 'open' },
      ],
    };
    await addBatch('p1', batch, db);
    await setSuggestionState('p1', 'b1', 0, 'accepted', 'R4', db);
    await setSuggestionState('p1', 'b1', 1, 'dropped', undefined, db);
    const [stored] = await readBatches('p1', db);
    expect(stored.images).toEqual(batch.images);
    expect(stored.suggestions).toEqual([
      { text: 'Rim closed', kind: 'rule', state: 'accepted', ruleId: 'R4' },
      { text: 'Grain', kind: 'tolerated', state: 'dropped' },
    ]);
    expect(await readBatches('other', db)).toEqual([]);
  });

  it('marks only test cases as possibly leaked, and keeps the first reason', async () => {
    const db = openProjectDb(`k-${Math.random()}`, { indexedDB, IDBKeyRange });
    await markLeaked([{ id: 'ref', role: 'reference' }, { id: 't1', role: 'test' }], 'drafted from', db, 10);
    await markLeaked([{ id: 't1', role: 'test' }, { id: 't2', role: 'test' }], 'suggested from', db, 20);
    expect(await readLeaks(db)).toEqual({ t1: { at: 10, why: 'drafted from' }, t2: { at: 20, why: 'suggested from' } });
  });

  it('retrieves from the class reference candidates and the prompt picks, same kind only; else from normal-labelled cases', async () => {
    const db = openProjectDb(`k-${Math.random()}`, { indexedDB, IDBKeyRange });
    await db.cases.bulkPut([
      kase('ref-b', { role: 'reference' }),
      kase('ref-a', { role: 'reference' }),
      kase('picked-test'),
      kase('other-normal'),
      kase('cloud-ref', { role: 'reference', kind: 'pointcloud' }),
      kase('window', { role: 'reference', parentId: 'ref-a' }),
      kase('pcb-ref', { role: 'reference', className: 'pcb' }),
    ]);
    const q = kase('query', { truth: { status: 'anomalous' } });
    const body = { ...templateBody('workbench'), references: { washer: ['picked-test'] } };
    expect((await retrievalPool(q, body, db)).map((c) => c.id)).toEqual(['picked-test', 'ref-a', 'ref-b']);
    const fabric = kase('f-q', { className: 'fabric' });
    await db.cases.bulkPut([kase('f-good', { className: 'fabric' }), kase('f-bad', { className: 'fabric', truth: { status: 'anomalous' } })]);
    expect((await retrievalPool(fabric, templateBody('workbench'), db)).map((c) => c.id)).toEqual(['f-good']);
  });
});
