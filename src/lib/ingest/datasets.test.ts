import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import { prepareFile, type ThumbnailMaker } from '@/lib/ingest/prepare';
import { localProcessor, runIngest, type IngestSource } from '@/lib/ingest/run';
import { parseCloudFile } from '@/lib/pointcloud/parse';
import { textBytes, xyzTiff } from '@/core/dataset/fixture-bytes';
import { validPng } from '@/core/images/testing/png-bytes';
import { PIXEL_FIELD } from '@/core/pointcloud/organised-xyz';
import { decodePointMask } from '@/core/pointcloud/point-labels';

const freshDb = () => openProjectDb(`datasets-${Math.random()}`, { indexedDB, IDBKeyRange });
const thumbStub: ThumbnailMaker = async ({ sniffed }) => ({ blob: new Blob([textBytes(`thumb ${sniffed.format}`)]), width: 8, height: 8 });

/** A 3 × 2 scan in metres: a plane at z = 0.5 with one raised pixel and one hole (all zeros). */
function scan(seed: number) {
  const xyz: number[] = [];
  for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) {
    const i = r * 3 + c;
    if (i === 4) xyz.push(0, 0, 0);
    else xyz.push(c * 0.001 + seed * 1e-5, r * 0.001, i === 1 ? 0.49 : 0.5);
  }
  return xyzTiff(3, 2, xyz);
}

let serial = 0;
const png = () => new Blob([validPng(3 + ++serial, 2)], { type: 'image/png' });
// test/good masks of MVTec 3D-AD are all black and byte-identical.
const blackMask = () => new Blob([validPng(3, 2, 0)], { type: 'image/png' });

function mvtec3dDrop(): IngestSource[] {
  return [
    ['m3d/bagel/train/good/xyz/000.tiff', new Blob([scan(1)])],
    ['m3d/bagel/train/good/rgb/000.png', png()],
    ['m3d/bagel/validation/good/xyz/000.tiff', new Blob([scan(2)])],
    ['m3d/bagel/validation/good/rgb/000.png', png()],
    ['m3d/bagel/test/good/xyz/000.tiff', new Blob([scan(3)])],
    ['m3d/bagel/test/good/rgb/000.png', png()],
    ['m3d/bagel/test/good/gt/000.png', blackMask()],
    ['m3d/bagel/test/good/xyz/001.tiff', new Blob([scan(4)])],
    ['m3d/bagel/test/good/rgb/001.png', png()],
    ['m3d/bagel/test/good/gt/001.png', blackMask()],
    ['m3d/bagel/test/crack/xyz/000.tiff', new Blob([scan(5)])],
    ['m3d/bagel/test/crack/rgb/000.png', png()],
    ['m3d/bagel/test/crack/gt/000.png', png()],
    ['m3d/bagel/calibration/camera_parameters.json', new Blob([textBytes('{"focus": 1}')])],
    ['m3d/readme.txt', new Blob([textBytes('MVTec 3D-AD')])],
  ].map(([path, file]) => ({ path: path as string, file: file as Blob }));
}

describe('MVTec 3D-AD drop (generated float32 XYZ TIFFs, fake-indexeddb)', () => {
  it('makes each scan a point-cloud case with its RGB photo and mask attached', async () => {
    const db = freshDb();
    let known: Set<string> | undefined;
    const prepare = async (file: Blob, path: string) => {
      known ??= new Set();
      return prepareFile(file, path, { makeThumbnail: thumbStub, known });
    };
    const report = await runIngest(mvtec3dDrop(), [], { process: localProcessor(db, prepare) });
    expect(report.skipped).toEqual([]);
    expect(report.added).toHaveLength(5);
    expect(report.companionsAttached).toBe(5);
    // The two identical black masks are both attached, never reported as duplicates.
    expect(report.masksAttached).toBe(3);
    expect(report.layouts[0]).toMatchObject({ id: 'mvtec-3d-ad', title: 'MVTec 3D-AD' });
    expect(report.notes.join(' ')).toContain('Recognised the MVTec 3D-AD layout');
    expect(report.notes.join(' ')).toContain('2 dataset files');

    const cases = await db.cases.toArray();
    expect(cases.every((c) => c.kind === 'pointcloud')).toBe(true);
    const byName = new Map(cases.map((c) => [c.name, c]));
    expect(byName.get('m3d/bagel/train/good/xyz/000.tiff')).toMatchObject({ role: 'reference', truth: { status: 'normal' } });
    expect(byName.get('m3d/bagel/validation/good/xyz/000.tiff')).toMatchObject({ role: 'reference' });
    const crack = byName.get('m3d/bagel/test/crack/xyz/000.tiff')!;
    expect(crack).toMatchObject({ role: 'test', truth: { status: 'anomalous', defectType: 'crack' } });
    expect(crack.companionAssetIds).toHaveLength(1);
    expect(crack.maskAssetIds).toHaveLength(1);
    const photo = await db.assets.get(crack.companionAssetIds![0]);
    expect(photo).toMatchObject({ kind: 'image', name: '000.png' });
    const good0 = byName.get('m3d/bagel/test/good/xyz/000.tiff')!;
    const good1 = byName.get('m3d/bagel/test/good/xyz/001.tiff')!;
    expect(good0.maskAssetIds).toEqual(good1.maskAssetIds);
    const asset = await db.assets.get(crack.assetId);
    expect(asset).toMatchObject({ kind: 'pointcloud', format: 'tiff-xyz' });
  });
});

describe('organised XYZ TIFF as a point cloud', () => {
  it('drops holes (all zeros), keeps metres and each point\'s pixel', () => {
    const c = parseCloudFile(scan(0), '000.tiff');
    expect(c.count).toBe(5);
    expect(c.format).toBe('tiff-xyz');
    expect(c.grid).toEqual({ width: 3, height: 2 });
    expect(Array.from(c.fields[PIXEL_FIELD])).toEqual([0, 1, 2, 3, 5]);
    expect(c.bbox.min[2]).toBeCloseTo(0.49, 6);
    expect(c.bbox.max[0]).toBeCloseTo(0.002, 6);
  });
  it('refuses a picture TIFF and an all-empty scan with a sentence naming the file', () => {
    const empty = xyzTiff(2, 1, [0, 0, 0, 0, 0, 0]);
    expect(() => parseCloudFile(empty, 'holes.tiff')).toThrow(/"holes.tiff" is an organised 2 × 1 scan in which every pixel is empty/);
    const bytes = new Uint8Array(scan(0));
    expect(() => parseCloudFile(bytes.slice(0, 60), 'cut.tiff')).toThrow(/^"cut.tiff" cannot be read as a 3D scan/);
  });
});

/** An ASCII PCD of the given points. */
const pcdText = (pts: number[][]) => `# .PCD v0.7\nVERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH ${pts.length}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS ${pts.length}\nDATA ascii\n${pts.map((p) => p.join(' ')).join('\n')}\n`;
const sheet = (shift: number) => Array.from({ length: 25 }, (_, i) => [(i % 5) * 0.5 + shift, Math.floor(i / 5) * 0.5, 1]);
const blob = (s: string) => new Blob([textBytes(s)]);
const inMask = (bits: Uint8Array) => [...bits.keys()].filter((i) => bits[i]);

describe('Real3D-AD and Anomaly-ShapeNet drops: per-point label files become point masks', () => {
  it('lays each label file onto its cloud (in order, or by nearest point) and attaches it as a mask', async () => {
    const db = freshDb();
    const known = new Set<string>();
    const prepare = (file: Blob, path: string) => prepareFile(file, path, { makeThumbnail: thumbStub, known });
    const bulge = sheet(0), sink = sheet(10), dent = sheet(20);
    // Real3D-AD: "x y z label" in the cloud's order; the second file's rows are reversed.
    const real3dRows = bulge.map((p, i) => `${p.join(' ')} ${i === 7 || i === 8 ? 1 : 0}`).join('\n');
    const sinkRows = sink.map((p, i) => `${p.join(' ')} ${i === 12 ? 1 : 0}`).reverse().join('\n');
    // Anomaly-ShapeNet: "x,y,z,label".
    const dentRows = dent.map((p, i) => `${p.join(',')},${i >= 20 ? 1 : 0}`).join('\n');
    const drop: IngestSource[] = [
      ['r3d/airplane/train/1_template.pcd', blob(pcdText(sheet(30)))],
      ['r3d/airplane/test/1_bulge.pcd', blob(pcdText(bulge))],
      ['r3d/airplane/test/2_sink_cut.pcd', blob(pcdText(sink))],
      ['r3d/airplane/test/3_good.pcd', blob(pcdText(sheet(40)))],
      ['r3d/airplane/gt/1_bulge.txt', blob(real3dRows)],
      ['r3d/airplane/gt/2_sink_cut.txt', blob(sinkRows)],
      ['Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/test/ashtray0_bulge0.pcd', blob(pcdText(dent))],
      ['Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/GT/ashtray0_bulge0.txt', blob(dentRows)],
    ].map(([path, file]) => ({ path: path as string, file: file as Blob }));
    const report = await runIngest(drop, [], { process: localProcessor(db, prepare) });
    expect(report.skipped).toEqual([]);
    expect(report.masksAttached).toBe(3);
    expect(report.notes.join(' ')).not.toMatch(/left out/);

    const byName = new Map((await db.cases.toArray()).map((c) => [c.name, c]));
    const maskOf = async (name: string) => {
      const c = byName.get(name)!;
      expect(c.maskAssetIds).toHaveLength(1);
      const asset = (await db.assets.get(c.maskAssetIds[0]))!;
      expect(asset).toMatchObject({ kind: 'pointcloud', format: 'point-mask' });
      return decodePointMask(new Uint8Array(await (await db.blobs.get(asset.id))!.blob.arrayBuffer()))!;
    };
    expect(inMask(await maskOf('r3d/airplane/test/1_bulge.pcd'))).toEqual([7, 8]);
    expect(inMask(await maskOf('r3d/airplane/test/2_sink_cut.pcd'))).toEqual([12]);
    expect(inMask(await maskOf('Anomaly-ShapeNet-v2/dataset/pcd/ashtray0/test/ashtray0_bulge0.pcd'))).toEqual([20, 21, 22, 23, 24]);
    expect(byName.get('r3d/airplane/test/3_good.pcd')!.maskAssetIds).toEqual([]);
  });

  it('says so when a label file lies on none of its cloud\'s points', async () => {
    const db = freshDb();
    const known = new Set<string>();
    const prepare = (file: Blob, path: string) => prepareFile(file, path, { makeThumbnail: thumbStub, known });
    const far = sheet(0).map((p) => `${p[0] + 1000} ${p[1]} ${p[2]} 1`).join('\n');
    const drop: IngestSource[] = [
      { path: 'r3d/car/test/4_bulge.pcd', file: blob(pcdText(sheet(0))) },
      { path: 'r3d/car/gt/4_bulge.txt', file: blob(far) },
    ];
    const report = await runIngest(drop, [], { process: localProcessor(db, prepare) });
    expect(report.masksAttached).toBe(0);
    expect(report.skipped.map((s) => s.message).join(' ')).toMatch(/"4_bulge.txt" labels points that do not lie on the scan "4_bulge.pcd"/);
  });
});
