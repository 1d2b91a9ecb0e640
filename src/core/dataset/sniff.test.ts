import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { findCorpus } from '../../../scripts/find-corpus';
import { sniffFormat } from '@/core/dataset/sniff';
import { bmpHeader, ebml, ftyp, gifHeader, jpegHeader, pngHeader, textBytes, tiffHeader, webpHeader } from '@/core/dataset/fixture-bytes';

describe('sniffFormat', () => {
  it.each([
    ['a.png', pngHeader(4, 4), 'image', 'png', 'image/png'],
    ['a.jpg', jpegHeader(4, 4), 'image', 'jpeg', 'image/jpeg'],
    ['a.webp', webpHeader(4, 4), 'image', 'webp', 'image/webp'],
    ['a.bmp', bmpHeader(4, 4), 'image', 'bmp', 'image/bmp'],
    ['a.gif', gifHeader(4, 4), 'image', 'gif', 'image/gif'],
    ['a.tif', tiffHeader(4, 4), 'image', 'tiff', 'image/tiff'],
    ['a.tiff', tiffHeader(4, 4, { bigEndian: true }), 'image', 'tiff', 'image/tiff'],
    ['a.ply', textBytes('ply\nformat ascii 1.0\nend_header\n'), 'pointcloud', 'ply', 'application/x-ply'],
    ['a.ply', textBytes('ply\r\nformat ascii 1.0\r\nend_header\r\n'), 'pointcloud', 'ply', 'application/x-ply'],
    ['a.pcd', textBytes('# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS x y z\n'), 'pointcloud', 'pcd', 'application/x-pcd'],
    ['a.pcd', textBytes('VERSION .5\nFIELDS x y z\nSIZE 4 4 4\n'), 'pointcloud', 'pcd', 'application/x-pcd'],
    ['a.mp4', ftyp('isom'), 'video', 'mp4', 'video/mp4'],
    ['a.mov', ftyp('qt  '), 'video', 'mov', 'video/quicktime'],
    ['a.webm', ebml('webm'), 'video', 'webm', 'video/webm'],
    ['a.mkv', ebml('matroska'), 'video', 'mkv', 'video/x-matroska'],
  ] as const)('%s → %s/%s', (name, bytes, kind, format, mime) => {
    expect(sniffFormat(bytes, name)).toEqual({ kind, format, mime });
  });

  it('returns nothing for text, empty input and lookalikes', () => {
    expect(sniffFormat(textBytes('hello world'), 'notes.txt')).toBeUndefined();
    expect(sniffFormat(new Uint8Array(), 'empty.png')).toBeUndefined();
    // "BM" alone is not a bitmap: the DIB header size must be a known one.
    expect(sniffFormat(textBytes('BMW parts list, 2024 edition'), 'x.bmp')).toBeUndefined();
    expect(sniffFormat(textBytes('plywood\n'), 'x.ply')).toBeUndefined();
  });

  it('trusts content over a wrong extension and says so', () => {
    const r = sniffFormat(pngHeader(4, 4), 'folder/photo.jpg');
    expect(r?.format).toBe('png');
    expect(r?.extensionNote).toMatch(/"photo.jpg" is named like a JPEG image but its content is a PNG image/);
    expect(sniffFormat(jpegHeader(4, 4), 'scan.dat')?.extensionNote).toMatch(/unusual extension "\.dat"/);
    expect(sniffFormat(jpegHeader(4, 4), 'X.JPEG')?.extensionNote).toBeUndefined();
    expect(sniffFormat(jpegHeader(4, 4), 'noext')?.extensionNote).toBeUndefined();
  });
});

const CORPUS = `${findCorpus()}`;
const EXPECTED_KIND: Record<string, string> = { images: 'image', ply: 'pointcloud', pcd: 'pointcloud', video: 'video' };

describe.skipIf(!existsSync(CORPUS))('sniffFormat on the shared corpus', () => {
  const files = Object.keys(EXPECTED_KIND).flatMap((top) => {
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(`${dir}/${d.name}`) : [`${dir}/${d.name}`]));
    return existsSync(`${CORPUS}${top}`) ? walk(`${CORPUS}${top}`).map((f) => [top, f] as const) : [];
  });
  it.each(files)('%s: %s', (top, file) => {
    const head = readFileSync(file).subarray(0, 4096);
    expect(sniffFormat(new Uint8Array(head), file)?.kind).toBe(EXPECTED_KIND[top]);
  });
});
