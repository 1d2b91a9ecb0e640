import { describe, expect, it } from 'vitest';
import { readZipDirectory, readZipEntries, unzipWithLimits, ZipBlobWriter, zipFiles, ZipReadError } from '@/lib/export/zip';
import { jsonNestsDeeperThan } from '@/core/export/json-depth';
import { lyingZip } from '@/lib/export/testing/lying-zip';


const limits = { maxEntries: 100, maxTotalBytes: 10 * 1024 * 1024, maxEntryBytes: { 'manifest.json': 1024 } };

describe('zip reading with limits', () => {
  it('reads what zipFiles wrote, stored and deflated entries alike', () => {
    const files = { 'manifest.json': new TextEncoder().encode('{"a":1}'), 'assets/x.png': new Uint8Array([1, 2, 3]), 'big.bin': new Uint8Array(50_000).fill(7) };
    expect(unzipWithLimits(zipFiles(files), '"p.zip"', limits)).toEqual(files);
  });

  it('refuses a zip that declares more than the cap before inflating anything', () => {
    const bomb = zipFiles({ 'a.bin': new Uint8Array(6 * 1024 * 1024), 'b.bin': new Uint8Array(6 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => unzipWithLimits(bomb, '"bomb.zip"', limits)).toThrow('"bomb.zip" would inflate to 12 MB, more than the 10 MB a project file may hold in this browser, so nothing was inflated. Nothing was imported.');
  });

  it('stops inflating an entry the moment it passes the size it declared', () => {
    const liar = lyingZip(zipFiles({ 'a.bin': new Uint8Array(8 * 1024 * 1024) }), 1000);
    const err = (() => {
      try {
        unzipWithLimits(liar, '"liar.zip"', limits);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ZipReadError);
    expect((err as Error).message).toMatch(/^The entry "a.bin" in "liar.zip" inflates to more than the 1 KB it declares, so reading stopped there/);
  });

  it('holds the manifest to its own ceiling', () => {
    const zip = zipFiles({ 'manifest.json': new Uint8Array(5000).fill(32) });
    expect(() => unzipWithLimits(zip, '"m.zip"', limits)).toThrow(/"manifest.json" in "m.zip" declares 5 KB, more than the 1 KB it may have/);
  });

  it('says a non-zip is not a readable zip', () => {
    expect(() => unzipWithLimits(new TextEncoder().encode('not a zip at all, just text'), '"x.zip"', limits)).toThrow('"x.zip" is not a readable zip archive');
  });
});

describe('zips written and read a few entries at a time', () => {
  it('reads back, entry by entry from the Blob, what was written entry by entry', async () => {
    const w = new ZipBlobWriter();
    const files: Record<string, Uint8Array> = { 'assets/a.png': new Uint8Array([1, 2, 3]), 'thumbs/a.webp': new Uint8Array(10).fill(4), 'manifest.json': new TextEncoder().encode('{"a":1}'.repeat(50_000)) };
    for (const [name, data] of Object.entries(files)) await w.add(name, data);
    const zip = w.finish();
    expect(zip.size).toBe(w.bytes);
    const entries = await readZipDirectory(zip, '"p.zip"', { ...limits, maxEntryBytes: {} });
    expect(entries.map((e) => e.name)).toEqual(Object.keys(files));
    expect(await readZipEntries(zip, [entries[2]], '"p.zip"')).toEqual({ 'manifest.json': files['manifest.json'] });
    expect(await readZipEntries(zip, entries, '"p.zip"')).toEqual(files);
    expect(unzipWithLimits(new Uint8Array(await zip.arrayBuffer()), '"p.zip"', { ...limits, maxEntryBytes: {} })).toEqual(files);
  });

  it('an entry written in pieces reads back as the pieces joined', async () => {
    const w = new ZipBlobWriter();
    const pieces = ['{"rows":[', ...Array.from({ length: 40 }, (_, i) => `${i ? ',' : ''}{"id":"c${i}","note":"é"}`), ']}'];
    await w.add('assets/a.png', new Uint8Array([1, 2, 3]));
    await w.addPieces('manifest.json', pieces);
    const zip = w.finish();
    const entries = await readZipDirectory(zip, '"p.zip"', { ...limits, maxEntryBytes: {} });
    const out = await readZipEntries(zip, entries, '"p.zip"');
    expect(new TextDecoder().decode(out['manifest.json'])).toBe(pieces.join(''));
    expect(out['assets/a.png']).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('refuses a bomb from the directory of a Blob, and a damaged Blob with a sentence', async () => {
    const bomb = zipFiles({ 'a.bin': new Uint8Array(6 * 1024 * 1024), 'b.bin': new Uint8Array(6 * 1024 * 1024) });
    await expect(readZipDirectory(new Blob([bomb as Uint8Array<ArrayBuffer>]), '"bomb.zip"', limits)).rejects.toThrow('"bomb.zip" would inflate to 12 MB');
    await expect(readZipDirectory(new Blob([bomb.subarray(0, 1000) as Uint8Array<ArrayBuffer>]), '"cut.zip"', limits)).rejects.toThrow('"cut.zip" is not a readable zip archive');
  });
});

describe('JSON nesting', () => {
  it('finds deep nesting without parsing, ignoring brackets inside strings', () => {
    expect(jsonNestsDeeperThan('['.repeat(100_000), 64)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":[[1,2],{"b":"[[[[[[[[[[[[[[["}]}', 5)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":"\\"[[[["}', 1)).toBe(false);
    expect(jsonNestsDeeperThan('[[[]]]', 2)).toBe(true);
  });
});
