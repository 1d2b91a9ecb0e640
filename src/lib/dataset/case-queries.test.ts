import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import type { Case } from '@/core/model';
import { readCaseFile, videoWindows } from '@/lib/dataset/case-queries';

const video = (id: string, extra: Partial<Case> = {}): Case => ({ id, assetId: 'a-video', kind: 'video', name: 'line.mp4', className: 'line', role: 'test', truth: { status: 'unlabelled' }, maskAssetIds: [], addedAt: 1, ...extra });

describe('case queries', () => {
  it('lists a video\'s windows in time order, and none for a window itself', async () => {
    const db = openProjectDb(`cq-${Math.random()}`, { indexedDB, IDBKeyRange });
    await db.cases.bulkAdd([
      video('v'),
      video('w2', { parentId: 'v', window: { startS: 4, endS: 6, index: 2 } }),
      video('w0', { parentId: 'v', window: { startS: 0, endS: 2, index: 0 } }),
      video('w1', { parentId: 'v', window: { startS: 2, endS: 4, index: 1 } }),
    ]);
    expect((await videoWindows({ id: 'v' }, db)).map((c) => c.id)).toEqual(['w0', 'w1', 'w2']);
    expect(await videoWindows({ id: 'w1', parentId: 'v' }, db)).toEqual([]);
  });

  it('reads a case\'s file with its name, and says in a sentence when it is missing', async () => {
    const db = openProjectDb(`cq-${Math.random()}`, { indexedDB, IDBKeyRange });
    await db.assets.add({ id: 'a1', kind: 'pointcloud', format: 'ply', mime: 'application/octet-stream', name: 'plate.ply', sizeBytes: 3, addedAt: 1 });
    await db.blobs.add({ id: 'a1', blob: new Blob(['ply']) });
    const file = await readCaseFile({ assetId: 'a1', name: 'plate' }, 'point cloud', db);
    expect(file.name).toBe('plate.ply');
    await expect(readCaseFile({ assetId: 'a2', name: 'scan 7' }, 'point cloud', db)).rejects.toThrow('The point cloud of case "scan 7" is missing from storage; add the file again.');
  });
});
