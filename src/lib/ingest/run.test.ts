import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb, QUOTA_MESSAGE } from '@/lib/storage/db';
import { prepareFile, type ThumbnailMaker } from '@/lib/ingest/prepare';
import { sha256Hex } from '@/core/identity';
import { localProcessor, runIngest, type IngestSource } from '@/lib/ingest/run';
import { caseIdFor } from '@/lib/ingest/store';
import { ImageReadError } from '@/lib/ingest/types';
import { bmpHeader, pngHeader, textBytes } from '@/core/dataset/fixture-bytes';
import { validPng } from '@/core/images/testing/png-bytes';

const freshDb = () => openProjectDb(`ingest-${Math.random()}`, { indexedDB, IDBKeyRange });

// Distinct, header-valid PNGs: the size encodes the index so every file has its own bytes.
let serial = 0;
const png = (extra: { truncated?: boolean; w?: number; h?: number } = {}) => {
  serial += 1;
  const w = extra.w ?? 10 + serial, h = extra.h ?? 10;
  // Small sizes are whole PNGs (they pass the structure check); huge declared sizes are headers only.
  return new Blob([extra.truncated || w * h > 1_000_000 ? pngHeader(w, h, { truncated: extra.truncated }) : validPng(w, h)], { type: 'image/png' });
};

/** A whole PNG with one byte of its pixel data changed: the chunk's CRC no longer matches. */
const damagedPng = () => {
  const b = validPng(20, 20);
  b[b.length - 30] ^= 0x5a;
  return new Blob([b], { type: 'image/png' });
};

const thumbStub: ThumbnailMaker = async ({ header, name }) => {
  if (name.includes('undecodable')) throw new Error('bad data');
  if (name.includes('exotic')) throw new ImageReadError('it uses JPEG compression inside TIFF, which the workbench cannot read', true);
  return { blob: new Blob([textBytes(`thumb ${header?.width}`)], { type: 'image/webp' }), width: 8, height: 8 };
};

function preparer(db: ReturnType<typeof freshDb>) {
  let known: Set<string> | undefined;
  return async (file: Blob, path: string) => {
    known ??= new Set((await db.assets.toCollection().primaryKeys()) as string[]);
    return prepareFile(file, path, { makeThumbnail: thumbStub, known });
  };
}

const run = (db: ReturnType<typeof freshDb>, sources: IngestSource[], extra: Partial<Parameters<typeof runIngest>[2]> = {}, pre: Parameters<typeof runIngest>[1] = []) =>
  runIngest(sources, pre, { process: localProcessor(db, preparer(db)), ...extra });

function mvtecDrop(): IngestSource[] {
  return [
    ['ds/bottle/train/good/000.png', png()],
    ['ds/bottle/train/good/001.png', png()],
    ['ds/bottle/test/good/000.png', png()],
    ['ds/bottle/test/broken_large/000.png', png()],
    ['ds/bottle/test/broken_large/001.png', png()],
    ['ds/bottle/ground_truth/broken_large/000_mask.png', png()],
    ['ds/bottle/ground_truth/broken_large/001_mask.png', png()],
    ['ds/screw/test/scratch_head/000.png', png()],
    ['ds/screw/ground_truth/scratch_head/000_mask.png', png()],
    ['ds/.DS_Store', new Blob([textBytes('junk')])],
  ].map(([path, file]) => ({ path: path as string, file: file as Blob }));
}

describe('runIngest + ingest store (fake-indexeddb, node)', () => {
  it('stores an MVTec folder as labelled cases with reference candidates and attached masks', async () => {
    const db = freshDb();
    const drop = mvtecDrop();
    const report = await run(db, drop);
    expect(report.skipped).toEqual([]);
    expect(report.added).toHaveLength(6);
    expect(report.masksAttached).toBe(3);
    const cases = await db.cases.toArray();
    expect(cases).toHaveLength(6);
    const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
    expect(byName['ds/bottle/train/good/000.png']).toMatchObject({ role: 'reference', className: 'bottle', truth: { status: 'normal', source: 'folder' } });
    expect(byName['ds/bottle/test/good/000.png']).toMatchObject({ role: 'test', truth: { status: 'normal' } });
    expect(byName['ds/bottle/test/broken_large/001.png']).toMatchObject({ truth: { status: 'anomalous', defectType: 'broken_large' } });
    expect(byName['ds/screw/test/scratch_head/000.png']).toMatchObject({ className: 'screw', truth: { defectType: 'scratch_head' } });
    // The mask of broken_large/001 is exactly the bytes dropped as 001_mask.png.
    const maskBytes = new Uint8Array(await drop[6].file.arrayBuffer());
    expect(byName['ds/bottle/test/broken_large/001.png'].maskAssetIds).toEqual([await sha256Hex(maskBytes)]);
    expect(byName['ds/bottle/test/good/000.png'].maskAssetIds).toEqual([]);
    // Masks are assets (with their bytes) but not cases.
    expect(await db.assets.count()).toBe(9);
    expect(await db.blobs.count()).toBe(9);
    // PNG and JPEG previews are made later, when a cell shows them (see lazy-thumbnail.test.ts).
    expect(await db.thumbs.count()).toBe(0);
    // The case id is derived from the bytes, and the stored blob holds those bytes.
    const first = byName['ds/bottle/train/good/000.png'];
    const firstBytes = new Uint8Array(await drop[0].file.arrayBuffer());
    expect(first.id).toBe(caseIdFor(await sha256Hex(firstBytes)));
    const stored = await db.blobs.get(first.assetId);
    expect(new Uint8Array(await stored!.blob.arrayBuffer())).toEqual(firstBytes);
    expect(stored!.blob.type).toBe('image/png');
  });

  it('adds nothing when the same folder is dropped again, and says each is a duplicate', async () => {
    const db = freshDb();
    const drop = mvtecDrop();
    await run(db, drop);
    const again = await run(db, drop);
    expect(again.added).toEqual([]);
    expect(again.masksAttached).toBe(0);
    expect(again.skipped.map((s) => s.reason)).toEqual(Array(9).fill('duplicate'));
    expect(again.skipped[0].message).toBe('"000.png" is already in the project (same content); it was not added again.');
    const copy = await run(db, [{ path: 'elsewhere/copy.png', file: drop[0].file }]);
    expect(copy.skipped[0].message).toMatch(/"copy.png" has the same content as "ds\/bottle\/train\/good\/000.png", which is already in the project/);
    expect(await db.cases.count()).toBe(6);
    expect(await db.assets.count()).toBe(9);
  });

  it('reports each bad file with a sentence and still adds the rest', async () => {
    const db = freshDb();
    const sources: IngestSource[] = [
      { path: 'mix/good/ok.png', file: png() },
      { path: 'mix/good/empty.png', file: new Blob([]) },
      { path: 'mix/good/notes.txt', file: new Blob([textBytes('hello')]) },
      { path: 'mix/good/renamed.jpg', file: png() },
      { path: 'mix/good/cut.png', file: png({ truncated: true }) },
      { path: 'mix/good/bomb.png', file: png({ w: 65536, h: 65536 }) },
      { path: 'mix/good/damaged.png', file: damagedPng() },
      { path: 'mix/good/undecodable.bmp', file: new Blob([bmpHeader(12, 12)]) },
      { path: 'mix/good/exotic.bmp', file: new Blob([bmpHeader(13, 13)]) },
      { path: 'mix/good/list.json', file: new Blob([textBytes('{"a":1}')]) },
    ];
    const pre = [{ path: 'mix/locked', reason: 'unreadable-folder' as const, message: 'The folder "locked" could not be read, so its files were not added.' }];
    const report = await run(db, sources, {}, pre);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    expect(reasons).toEqual({
      'mix/locked': 'unreadable-folder',
      'mix/good/empty.png': 'empty',
      'mix/good/notes.txt': 'unsupported',
      'mix/good/cut.png': 'corrupt',
      'mix/good/bomb.png': 'too-large',
      'mix/good/damaged.png': 'corrupt',
      'mix/good/undecodable.bmp': 'corrupt',
      'mix/good/exotic.bmp': 'unsupported',
      'mix/good/list.json': 'unsupported',
    });
    const msg = (p: string) => report.skipped.find((s) => s.path === p)!.message;
    expect(msg('mix/good/empty.png')).toBe('"empty.png" is empty (0 bytes), so there is nothing to add.');
    expect(msg('mix/good/bomb.png')).toMatch(/"bomb.png" declares 65536 × 65536 pixels/);
    expect(msg('mix/good/cut.png')).toMatch(/"cut.png" is cut off/);
    // Raw decoder text never reaches the user; a known reason does.
    expect(msg('mix/good/undecodable.bmp')).toBe('"undecodable.bmp" could not be decoded (the file is damaged or cut off); re-export it and add it again.');
    expect(msg('mix/good/exotic.bmp')).toBe('"exotic.bmp" cannot be opened: it uses JPEG compression inside TIFF, which the workbench cannot read.');
    // PNG damage is found from its structure, without decoding.
    expect(msg('mix/good/damaged.png')).toMatch(/^"damaged.png" cannot be opened: its PNG chunk "IDAT" is damaged \(checksum mismatch\)/);
    expect(report.added.map((a) => a.path).sort()).toEqual(['mix/good/ok.png', 'mix/good/renamed.jpg']);
    expect(report.notes.join(' ')).toMatch(/"renamed.jpg" is named like a JPEG image but its content is a PNG image/);
    expect(await db.cases.count()).toBe(2);
    expect(await db.assets.count()).toBe(2);
    expect((await db.assets.toArray()).find((a) => a.name === 'renamed.jpg')).toMatchObject({ format: 'png', mime: 'image/png' });
  });

  it('leaves nothing half-written when storage is full, and stops', async () => {
    const db = freshDb();
    let casesWritten = 0;
    db.cases.hook('creating', () => {
      casesWritten += 1;
      if (casesWritten >= 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const sources = ['a', 'b', 'c', 'd'].map((n) => ({ path: `q/${n}.png`, file: png() }));
    const report = await run(db, sources, { concurrency: 1 });
    expect(report.added.map((a) => a.path)).toEqual(['q/a.png']);
    expect(report.skipped).toEqual([{ path: 'q/b.png', reason: 'no-room', message: `"b.png" was not saved. ${QUOTA_MESSAGE}` }]);
    expect(report.notProcessed).toBe(2);
    // b's asset row and blob were written before its case row failed: all rolled back.
    expect(await db.assets.count()).toBe(1);
    expect(await db.blobs.count()).toBe(1);
    expect(await db.cases.count()).toBe(1);
  });

  it('accounts for every file when the disk fills with several files in flight', async () => {
    const db = freshDb();
    // Previews are made lazily now, so the file blobs are what fills the disk.
    let blobsWritten = 0;
    db.blobs.hook('creating', () => {
      blobsWritten += 1;
      if (blobsWritten >= 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const sources = Array.from({ length: 9 }, (_, i) => ({ path: `q/${i}.png`, file: png() }));
    const report = await run(db, sources, { concurrency: 4 });
    const noRoom = report.skipped.filter((s) => s.reason === 'no-room');
    // Added + not saved for lack of room + never looked at = every file dropped.
    expect(report.added.length + noRoom.length + report.notProcessed).toBe(9);
    expect(noRoom.length).toBeGreaterThan(1);
    for (const s of noRoom) expect(s.message).toContain(QUOTA_MESSAGE);
    expect(await db.cases.count()).toBe(report.added.length);
    expect(await db.assets.count()).toBe(report.added.length);
  });

  it('reports a quota refusal from the worker as no room, not as an unexpected problem', async () => {
    let calls = 0;
    const quota = Object.assign(new Error('x'), { name: 'QuotaExceededError' });
    const report = await runIngest([{ path: 'w/a.png', file: png() }, { path: 'w/b.png', file: png() }], [], {
      concurrency: 1,
      process: async () => {
        calls += 1;
        throw quota;
      },
    });
    expect(calls).toBe(1);
    expect(report.skipped).toEqual([{ path: 'w/a.png', reason: 'no-room', message: `"a.png" was not saved. ${QUOTA_MESSAGE}` }]);
    expect(report.notProcessed).toBe(1);
  });

  it('stops taking files when cancelled and keeps what was added', async () => {
    const db = freshDb();
    const ctrl = new AbortController();
    const sources = Array.from({ length: 10 }, (_, i) => ({ path: `c/${i}.png`, file: png() }));
    const report = await run(db, sources, { concurrency: 1, signal: ctrl.signal, onProgress: (p) => p.done === 3 && ctrl.abort() });
    expect(report.cancelled).toBe(true);
    expect(report.added).toHaveLength(3);
    expect(report.notProcessed).toBe(7);
    expect(await db.cases.count()).toBe(3);
    expect(report.notes.at(-1)).toMatch(/Cancelled: 7 files were not added/);
  });

  it("labels files from the authors' manifest with its inverted polarity (1 = good)", async () => {
    const db = freshDb();
    const manifest = JSON.stringify([
      { object_type: 'bottle', defect_img_path: 'datasets/bottle\\test\\good\\000.png', good_img_path: 'datasets/bottle\\test\\good\\000.png', label: 0, defect_type: 'hidden_crack' },
      { object_type: 'bottle', defect_img_path: 'datasets/bottle\\test\\crack\\000.png', good_img_path: 'datasets/bottle\\test\\good\\000.png', label: 1, defect_type: 'good' },
    ]);
    const report = await run(db, [
      { path: 'drop/vlm_for_ad_dataset.json', file: new Blob([manifest]) },
      { path: 'drop/bottle/test/good/000.png', file: png() },
      { path: 'drop/bottle/test/crack/000.png', file: png() },
    ]);
    expect(report.skipped).toEqual([]);
    const cases = Object.fromEntries((await db.cases.toArray()).map((c) => [c.name, c.truth]));
    expect(cases['drop/bottle/test/good/000.png']).toMatchObject({ status: 'anomalous', defectType: 'hidden_crack', source: 'import' });
    expect(cases['drop/bottle/test/crack/000.png']).toMatchObject({ status: 'normal', source: 'import' });
    expect(report.notes[0]).toBe('Labels were read from the dataset manifest "vlm_for_ad_dataset.json".');
  });

  it('attaches a mask dropped later to a case stored earlier, and reports a mask without its image', async () => {
    const db = freshDb();
    const img = png();
    await run(db, [{ path: 'h/bad/crack.png', file: img }]);
    const mask = png();
    const report = await run(db, [
      { path: 'h/bad/crack.png', file: img },
      { path: 'h/bad/crack_mask.png', file: mask },
      { path: 'h/bad/lonely_mask.png', file: png() },
    ]);
    expect(report.masksAttached).toBe(1);
    const c = await db.cases.filter((x) => x.name === 'h/bad/crack.png').first();
    expect(c?.maskAssetIds).toHaveLength(1);
    expect(report.skipped.map((s) => s.reason).sort()).toEqual(['duplicate']);
    // lonely_mask has no sibling image: it is a plain (unlabelled-name) case, not an orphan.
    expect(report.added.map((a) => a.path)).toEqual(['h/bad/lonely_mask.png']);
  });
});
