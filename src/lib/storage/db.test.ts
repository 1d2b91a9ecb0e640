import { describe, expect, it } from 'vitest';
import { openProjectDb, QUOTA_MESSAGE, storageErrorText } from '@/lib/storage/db';
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

describe('storage errors', () => {
  it('maps every form of a quota refusal to the one sentence', () => {
    expect(storageErrorText(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(QUOTA_MESSAGE);
    // Dexie wraps the browser's error in `inner`.
    expect(storageErrorText({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(QUOTA_MESSAGE);
    expect(QUOTA_MESSAGE).not.toMatch(/QuotaExceededError/);
  });
  it('names other storage refusals in a sentence and leaves other errors to their callers', () => {
    expect(storageErrorText({ name: 'UnknownError' })).toBe("The browser's storage refused to save (UnknownError). Nothing was half-saved; reload the page and try again.");
    expect(storageErrorText(new TypeError('x is undefined'))).toBeUndefined();
    expect(storageErrorText(undefined)).toBeUndefined();
  });
});
