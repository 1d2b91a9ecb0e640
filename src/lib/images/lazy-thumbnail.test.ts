import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import { prepareFile, type ThumbnailMaker } from '@/lib/ingest/prepare';
import { localProcessor } from '@/lib/ingest/run';
import { fillThumbnail } from '@/lib/images/lazy-thumbnail';
import { validPng } from '@/core/images/testing/png-bytes';

const freshDb = () => openProjectDb(`lazy-${Math.random()}`, { indexedDB, IDBKeyRange });
const noPreviewAtIngest: ThumbnailMaker = async () => {
  throw new Error('PNG previews are not made at ingest');
};

async function ingest(db: ReturnType<typeof freshDb>, name: string, bytes: Uint8Array<ArrayBuffer>) {
  const process = localProcessor(db, (file, path) => prepareFile(file, path, { makeThumbnail: noPreviewAtIngest, known: new Set() }));
  const out = await process(new Blob([bytes], { type: 'image/png' }), { kind: 'case', path: name, draft: { path: name, fileName: name, className: 'part', role: 'test', truth: { status: 'unlabelled' } } });
  expect(out.prepared.ok).toBe(true);
  return (out.prepared as { assetId: string }).assetId;
}

describe('previews made when first shown', () => {
  it('makes a PNG preview once and keeps it', async () => {
    const db = freshDb();
    const id = await ingest(db, 'a.png', validPng(30, 20));
    expect(await db.thumbs.get(id)).toBeUndefined();
    let calls = 0;
    const make: ThumbnailMaker = async ({ header, sniffed }) => {
      calls++;
      expect(sniffed.format).toBe('png');
      expect(header).toMatchObject({ width: 30, height: 20 });
      return { blob: new Blob(['jpeg'], { type: 'image/jpeg' }), width: 30, height: 20 };
    };
    expect(await fillThumbnail(db, id, make)).toBe('made');
    expect(await fillThumbnail(db, id, make)).toBe('present');
    expect(calls).toBe(1);
    expect(await db.thumbs.get(id)).toMatchObject({ width: 30, height: 20 });
  });

  it('marks the case with a sentence when the image cannot be decoded, and stores no preview', async () => {
    const db = freshDb();
    const id = await ingest(db, 'broken.png', validPng(8, 8));
    const failing: ThumbnailMaker = async () => {
      throw new TypeError('raw decoder text');
    };
    expect(await fillThumbnail(db, id, failing)).toBe('unreadable');
    const c = await db.cases.where('assetId').equals(id).first();
    expect(c?.error).toBe('"broken.png" cannot be shown: its image data is damaged or cut off (found when its preview was first made); re-export the file and add it again.');
    expect(c?.error).not.toContain('TypeError');
    expect(await db.thumbs.count()).toBe(0);
  });
});
