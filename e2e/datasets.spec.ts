import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { xyzTiff } from '../src/core/dataset/fixture-bytes';
import { makePng } from './support/ingest-fixtures';

/**
 * An MVTec 3D-AD style folder, written here: float32 XYZ TIFF scans in metres (a table plane at
 * z = 0.6 m with a raised block, holes as zeros), RGB photos beside them, 0/255 masks, a readme.
 */
function writeMvtec3d() {
  const root = join(mkdtempSync(join(tmpdir(), 'm3d-')), 'mvtec_3d_anomaly_detection');
  const put = (path: string, bytes: Uint8Array) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  };
  const scan = (seed: number) => {
    const w = 40;
    const h = 30;
    const xyz: number[] = [];
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        if ((r * w + c + seed) % 17 === 0) xyz.push(0, 0, 0);
        else xyz.push((c - w / 2) * 0.002, (r - h / 2) * 0.002, c > 12 && c < 28 && r > 8 && r < 22 ? 0.58 - seed * 1e-4 : 0.6);
      }
    }
    return xyzTiff(w, h, xyz);
  };
  put('bagel/train/good/xyz/000.tiff', scan(1));
  put('bagel/train/good/rgb/000.png', makePng(11));
  put('bagel/test/good/xyz/000.tiff', scan(2));
  put('bagel/test/good/rgb/000.png', makePng(12));
  put('bagel/test/good/gt/000.png', makePng(0, 32, { mask: true }));
  put('bagel/test/crack/xyz/000.tiff', scan(3));
  put('bagel/test/crack/rgb/000.png', makePng(13));
  put('bagel/test/crack/gt/000.png', makePng(5, 32, { mask: true }));
  put('bagel/calibration/camera_parameters.json', new TextEncoder().encode('{"fx": 1}'));
  put('readme.txt', new TextEncoder().encode('MVTec 3D-AD'));
  return root;
}

interface CaseRow { name: string; kind: string; role: string; status: string; defectType?: string; masks: number; companions: number }

function readCases(page: Page): Promise<CaseRow[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const rows = await new Promise<Record<string, any>[]>((ok) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const r = db.transaction('cases').objectStore('cases').getAll();
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    return rows.map((c) => ({ name: c.name, kind: c.kind, role: c.role, status: c.truth.status, defectType: c.truth.defectType, masks: c.maskAssetIds.length, companions: (c.companionAssetIds ?? []).length }));
  });
}

test('an MVTec 3D-AD folder becomes point-cloud cases with RGB photos and masks, and a scan renders', async ({ page }) => {
  const root = writeMvtec3d();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  await page.getByTestId('ingest-folder-input').setInputFiles(root);
  await expect(page.getByTestId('ingest-report')).toBeVisible({ timeout: 30_000 });

  await test.step('the report names the layout and what was attached; nothing is skipped', async () => {
    await expect(page.getByTestId('ingest-layouts')).toContainText('MVTec 3D-AD');
    await expect(page.getByTestId('ingest-report-title')).toHaveText('Added 3 cases');
    const summary = page.getByTestId('ingest-summary');
    await expect(summary).toContainText('1 reference candidate');
    await expect(summary).toContainText('3 photos attached to scans');
    await expect(summary).toContainText('2 masks attached');
    await expect(page.getByTestId('ingest-skipped')).toHaveCount(0);
    await expect(page.getByTestId('ingest-report')).toContainText('2 dataset files');
  });

  await test.step('storage holds point-cloud cases with their photo and mask', async () => {
    const cases = Object.fromEntries((await readCases(page)).map((c) => [c.name, c]));
    const base = 'mvtec_3d_anomaly_detection/bagel';
    expect(Object.keys(cases).sort()).toEqual([`${base}/test/crack/xyz/000.tiff`, `${base}/test/good/xyz/000.tiff`, `${base}/train/good/xyz/000.tiff`]);
    expect(cases[`${base}/test/crack/xyz/000.tiff`]).toMatchObject({ kind: 'pointcloud', role: 'test', status: 'anomalous', defectType: 'crack', masks: 1, companions: 1 });
    expect(cases[`${base}/test/good/xyz/000.tiff`]).toMatchObject({ kind: 'pointcloud', status: 'normal', masks: 1, companions: 1 });
    expect(cases[`${base}/train/good/xyz/000.tiff`]).toMatchObject({ kind: 'pointcloud', role: 'reference', masks: 0, companions: 1 });
  });

  await test.step('the scan opens in the 3D viewer (holes left out), renders views, and shows its photo', async () => {
    await page.getByRole('button', { name: 'Close report' }).click();
    await page.getByTestId('case-cell').filter({ hasText: 'crack' }).first().click();
    const info = page.getByTestId('pointcloud-info');
    // 40 × 30 pixels, every 17th (offset by the seed) a hole: 1,200 − 70 = 1,130 points.
    await expect(info).toContainText('1,130 points', { timeout: 20_000 });
    await expect(info).toContainText('TIFF-XYZ organised float32');
    // The gt PNG is laid onto the scan's points through its pixel grid.
    await expect(page.getByTestId('pointcloud-defect-points')).toContainText(/[1-9][\d,]* defect points/);
    await expect(page.getByTestId('pc-render-thumb').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('companion-photos')).toContainText('not sent');
    await page.getByRole('button', { name: 'Render settings' }).click();
    await page.getByLabel('Model gets').selectOption('both');
    await expect(page.getByTestId('companion-photos')).toContainText('sent before the renders');
  });
});

/**
 * A Real3D-AD style folder, written here: ASCII PCD clouds (a 40 × 40 sheet with a bump) and a
 * `gt/<stem>.txt` whose `x y z label` rows are shuffled, as nothing promises they follow the cloud.
 */
function writeReal3d() {
  const root = join(mkdtempSync(join(tmpdir(), 'r3d-')), 'Real3D-AD-PCD');
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const n = 40;
  const bump = (i: number, j: number) => Math.hypot(i - 25, j - 15) < 5;
  const pts: [number, number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) pts.push([i * 0.5, j * 0.5, bump(i, j) ? 1.5 : 0, bump(i, j) ? 1 : 0]);
  const pcd = (rows: number[][]) => `# .PCD v0.7\nVERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH ${rows.length}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS ${rows.length}\nDATA ascii\n${rows.map((p) => p.slice(0, 3).join(' ')).join('\n')}\n`;
  put('airplane/train/1_template.pcd', pcd(pts.map(([x, y]) => [x, y, 0])));
  put('airplane/test/1_bulge.pcd', pcd(pts));
  const shuffled = pts.map((p, k) => ({ p, key: (k * 7919) % pts.length })).sort((a, b) => a.key - b.key).map((e) => e.p);
  put('airplane/gt/1_bulge.txt', shuffled.map((p) => p.join(' ')).join('\n'));
  return { root, defects: pts.filter((p) => p[3]).length };
}

test('a Real3D-AD folder: the per-point labels become the scan\'s mask, shown in the viewer and carried onto the renders', async ({ page }) => {
  const { root, defects } = writeReal3d();
  await page.goto('/');
  await page.getByTestId('ingest-folder-input').setInputFiles(root);
  await expect(page.getByTestId('ingest-report')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('ingest-layouts')).toContainText('Real3D-AD');
  await expect(page.getByTestId('ingest-summary')).toContainText('1 mask attached');
  await expect(page.getByTestId('ingest-skipped')).toHaveCount(0);
  await page.getByRole('button', { name: 'Close report' }).click();

  await page.getByTestId('case-cell').filter({ hasText: '1_bulge' }).first().click();
  await expect(page.getByTestId('pointcloud-info')).toContainText('1,600 points', { timeout: 20_000 });
  await expect(page.getByTestId('pointcloud-defect-points')).toContainText(`${defects} defect points`);
  await expect(page.getByLabel('Defect points')).toBeChecked();
  await expect(page.getByTestId('pc-render-thumb').first()).toBeVisible({ timeout: 20_000 });

  // The renders are stored with a 2D mask per view, drawn where the labelled points are.
  const masks = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const rows = await new Promise<{ masked?: boolean; images: { mask?: Blob }[] }[]>((ok) => {
      const r = db.transaction('renders').objectStore('renders').getAll();
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    const counts: number[] = [];
    for (const img of rows.flatMap((r) => (r.masked ? r.images : []))) {
      if (!img.mask) continue;
      const bmp = await createImageBitmap(img.mask);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d')!;
      g.drawImage(bmp, 0, 0);
      const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
      let on = 0;
      for (let i = 0; i < d.length; i += 4) on += d[i] ? 1 : 0;
      counts.push(on);
    }
    return counts;
  });
  expect(masks.length).toBeGreaterThan(0);
  expect(masks[0]).toBeGreaterThan(0);
});
