import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_DIR as CONFIGURED_CORPUS_DIR } from './support/env';
import { findCorpus } from '../scripts/find-corpus';
import { makePng, writeBadFiles, writeMvtecFolder } from './support/ingest-fixtures';

interface DbView {
  cases: { name: string; className: string; role: string; status: string; defectType?: string; masks: number; assetId: string }[];
  thumbs: { id: string; type: string; size: number; width: number; height: number; placeholder?: boolean }[];
  assets: { id: string; name: string; format: string; width?: number; height?: number; bitDepth?: number }[];
}

// The corpus sits beside the repository; from a separate worktree it is further up.
const CORPUS_DIR = existsSync(CONFIGURED_CORPUS_DIR) ? CONFIGURED_CORPUS_DIR : findCorpus();

/** Reads the project database straight from IndexedDB in the page. */
function readDb(page: Page): Promise<DbView> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((ok, fail) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result as T[]);
        r.onerror = () => fail(r.error);
      });
    type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const [cases, thumbs, assets] = await Promise.all([all<Row>('cases'), all<Row>('thumbs'), all<Row>('assets')]);
    db.close();
    return {
      cases: cases.map((c) => ({ name: c.name, className: c.className, role: c.role, status: c.truth.status, defectType: c.truth.defectType, masks: c.maskAssetIds.length, assetId: c.assetId })),
      thumbs: thumbs.map((t) => ({ id: t.id, type: t.blob.type, size: t.blob.size, width: t.width, height: t.height, placeholder: t.placeholder })),
      assets: assets.map((a) => ({ id: a.id, name: a.name, format: a.format, width: a.width, height: a.height, bitDepth: a.bitDepth })),
    };
  });
}

/** Darkest and brightest red value in a stored preview (to tell a visible preview from a black one). */
function previewRange(page: Page, assetId: string): Promise<[number, number]> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const row = await new Promise<{ blob: Blob }>((ok) => {
      const r = db.transaction('thumbs').objectStore('thumbs').get(id);
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    const bmp = await createImageBitmap(row.blob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const px = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    let lo = 255;
    let hi = 0;
    for (let i = 0; i < px.length; i += 4) {
      lo = Math.min(lo, px[i]);
      hi = Math.max(hi, px[i]);
    }
    return [lo, hi] as [number, number];
  }, assetId);
}

/** PNG and JPEG previews are made after ingest (cells on screen, then idle time): wait for `n` of them. */
async function waitForPreviews(page: Page, n: number) {
  await expect.poll(async () => (await readDb(page)).thumbs.length, { timeout: 45_000 }).toBeGreaterThanOrEqual(n);
}

async function addFolder(page: Page, dir: string) {
  await page.getByTestId('ingest-folder-input').setInputFiles(dir);
  await expect(page.getByTestId('ingest-report')).toBeVisible({ timeout: 30_000 });
}

async function addFiles(page: Page, files: string[]) {
  await page.getByTestId('ingest-files-input').setInputFiles(files);
  await expect(page.getByTestId('ingest-report')).toBeVisible({ timeout: 30_000 });
}

test('an MVTec-style folder becomes labelled cases with masks and references, survives a reload, and is not added twice', async ({ page }) => {
  const ds = writeMvtecFolder();
  const { expected } = ds;
  await page.goto('/');
  await addFolder(page, ds.root);

  await test.step('the report says what was added', async () => {
    await expect(page.getByTestId('ingest-report-title')).toHaveText(`Added ${expected.cases} cases`);
    const summary = page.getByTestId('ingest-summary');
    await expect(summary).toContainText(`${expected.references} reference candidates`);
    await expect(summary).toContainText(`${expected.normal} normal`);
    await expect(summary).toContainText(`${expected.anomalous} anomalous`);
    await expect(summary).toContainText(`${expected.masks} masks attached`);
    await expect(page.getByTestId('ingest-report')).toContainText(`3 classes: ${expected.classes.join(', ')}`);
    await expect(page.getByTestId('ingest-skipped')).toHaveCount(0);
    await page.screenshot({ path: '/tmp/ingest-report-mvtec.png' });
  });

  const checkStored = async () => {
    await waitForPreviews(page, expected.cases + expected.masks);
    const db = await readDb(page);
    expect(db.cases).toHaveLength(expected.cases);
    const got = Object.fromEntries(db.cases.map((c) => [c.name, { className: c.className, role: c.role, status: c.status, defectType: c.defectType, masks: c.masks }]));
    expect(got).toEqual(Object.fromEntries(Object.entries(ds.labels).map(([k, v]) => [k, { ...v, defectType: v.defectType }])));
    // Masks are stored (and previewed) but are not cases.
    expect(db.assets).toHaveLength(expected.cases + expected.masks);
    expect(db.thumbs).toHaveLength(expected.cases + expected.masks);
    for (const t of db.thumbs) {
      expect(t.type).toBe('image/jpeg');
      expect(t.size).toBeGreaterThan(0);
      expect(Math.max(t.width, t.height)).toBeLessThanOrEqual(256);
    }
  };
  await test.step('storage holds the right labels, defect types, masks and roles', checkStored);

  await test.step('after a reload everything is still there', async () => {
    await page.reload();
    await checkStored();
  });

  await test.step('adding the same folder again adds nothing and says why', async () => {
    await addFolder(page, ds.root);
    await expect(page.getByTestId('ingest-report-title')).toHaveText('Nothing new was added');
    const total = expected.cases + expected.masks;
    await expect(page.getByTestId('ingest-skipped')).toContainText(`Skipped ${total} items`);
    await expect(page.locator('[data-reason="duplicate"]')).toHaveCount(total);
    await expect(page.locator('[data-reason="duplicate"]').first()).toContainText('is already in the project (same content)');
    const db = await readDb(page);
    expect(db.cases).toHaveLength(expected.cases);
    expect(db.assets).toHaveLength(expected.cases + expected.masks);
  });
});

test('bad files are each reported with a sentence and the rest still goes in', async ({ page }) => {
  const ds = writeMvtecFolder();
  const bad = writeBadFiles();
  await page.goto('/');
  await addFolder(page, ds.root);
  await page.getByRole('button', { name: 'Close report' }).click();

  const edgeDir = join(CORPUS_DIR, 'images/edge');
  const edge = existsSync(edgeDir) ? readdirSync(edgeDir).map((f) => join(edgeDir, f)) : [];
  if (!edge.length) console.log(`note: ${edgeDir} is absent; the corpus edge files are not part of this run`);
  await addFiles(page, [...Object.values(bad.files), ...edge]);

  const item = (name: string) => page.locator(`[data-path="${name}"]`);
  await expect(item('zero-bytes.png')).toHaveAttribute('data-reason', 'empty');
  await expect(item('zero-bytes.png')).toHaveText('"zero-bytes.png" is empty (0 bytes), so there is nothing to add.');
  await expect(item('truncated.png')).toHaveAttribute('data-reason', 'corrupt');
  await expect(item('truncated.png')).toContainText('"truncated.png" is cut off');
  await expect(item('bomb-65536.png')).toHaveAttribute('data-reason', 'too-large');
  await expect(item('bomb-65536.png')).toContainText('declares 65536 × 65536 pixels');
  await expect(item('notes.txt')).toHaveAttribute('data-reason', 'unsupported');
  await expect(item('notes.txt')).toContainText('"notes.txt" is not a file the workbench can read');
  if (edge.length) {
    await expect(item('sharp_65536-uint32-limit.png')).toHaveAttribute('data-reason', 'too-large');
    await expect(item('sharp_giant-image_20000x14000.jpg')).toHaveAttribute('data-reason', 'too-large');
    await expect(item('sharp_giant-image_20000x14000.jpg')).toContainText('20000 × 14000 pixels (280 megapixels)');
  }
  // The renamed PNG is added and the mismatch is noted; the 16-bit PNGs and the TIFF decode.
  await expect(page.getByTestId('ingest-report-title')).toHaveText('Added 4 cases');
  await expect(page.getByTestId('ingest-notes')).toContainText('"really-a-png.jpg" is named like a JPEG image but its content is a PNG image');
  await page.screenshot({ path: '/tmp/ingest-report-bad.png' });

  const db = await readDb(page);
  expect(db.cases).toHaveLength(ds.expected.cases + 4);
  const asset = (name: string) => db.assets.find((a) => a.name === name);
  expect(asset('really-a-png.jpg')).toMatchObject({ format: 'png' });
  expect(asset('depth-16bit.png')).toMatchObject({ format: 'png', bitDepth: 16, width: 40 });
  expect(asset('gray16.tif')).toMatchObject({ format: 'tiff', bitDepth: 16, width: 3, height: 2 });
  for (const name of ['depth-16bit.png', 'gray16.tif']) expect(db.thumbs.find((t) => t.id === asset(name)!.id)?.size).toBeGreaterThan(0);
  // A depth map using 1000..3000 of 0..65535 gets a preview with full contrast, not a black tile.
  const [lo, hi] = await previewRange(page, asset('depth-gray16.png')!.id);
  expect(lo).toBeLessThan(30);
  expect(hi).toBeGreaterThan(220);
  // Earlier cases are untouched.
  expect(db.cases.filter((c) => c.name.startsWith('mvtec_mini/'))).toHaveLength(ds.expected.cases);
});

test('dragging files over the window highlights it; dropping adds them', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('ingest-files-input').waitFor({ state: 'attached' });
  const dt = await page.evaluateHandle(async () => {
    const d = new DataTransfer();
    const canvas = new OffscreenCanvas(20, 20);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#3b82f6';
    ctx.fillRect(0, 0, 20, 20);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    d.items.add(new File([blob], 'dropped.png', { type: 'image/png' }));
    d.items.add(new File(['plain text'], 'readme.md', { type: 'text/markdown' }));
    return d;
  });
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await expect(page.getByTestId('drop-highlight')).toBeVisible();
  await expect(page.getByTestId('drop-highlight')).toContainText('Drop to add to the project');
  await page.screenshot({ path: '/tmp/ingest-drop-highlight.png' });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('drop-highlight')).toBeHidden();
  await expect(page.getByTestId('ingest-report-title')).toHaveText('Added 1 case');
  await expect(page.locator('[data-path="readme.md"]')).toHaveAttribute('data-reason', 'unsupported');
  expect((await readDb(page)).cases.map((c) => c.name)).toEqual(['dropped.png']);
});

const FORMATS = join(CORPUS_DIR, 'images/formats');
test('real-world image formats from the corpus are added with previews', async ({ page }) => {
  test.skip(!existsSync(FORMATS), `${FORMATS} is absent`);
  const files = readdirSync(FORMATS).map((f) => join(FORMATS, f));
  await page.goto('/');
  await addFiles(page, files);
  await waitForPreviews(page, files.length - 1);
  const db = await readDb(page);
  // Only the JPEG-compressed CMYK TIFF is beyond the browser and the TIFF decoder.
  await expect(page.locator('[data-path="sharp_fogra-0-100-100-0_cmyk.tif"]')).toContainText('JPEG compression inside TIFF');
  await expect(page.locator('[data-path="sharp_fogra-0-100-100-0_cmyk.tif"]')).toHaveAttribute('data-reason', 'unsupported');
  expect(db.cases).toHaveLength(files.length - 1);
  for (const a of db.assets) expect(db.thumbs.find((t) => t.id === a.id)?.size, a.name).toBeGreaterThan(0);
  const oriented = db.thumbs.find((t) => t.id === db.assets.find((a) => a.name === 'sharp_Landscape_6_exif_orientation6.jpg')!.id)!;
  const depth = db.assets.find((a) => a.name === 'open3d_rgbd_depth_00000_16bit.png')!;
  expect((await previewRange(page, depth.id))[1]).toBeGreaterThan(200);
  // Stored 450 × 600 with EXIF orientation 6: the preview is landscape.
  expect(oriented.width).toBeGreaterThan(oriented.height);
});

test('cancelling an ingest keeps the files already added, each complete, and adds no more', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'aw-cancel-'));
  const paths = Array.from({ length: 120 }, (_, i) => {
    const p = join(dir, `part_${String(i).padStart(3, '0')}.png`);
    writeFileSync(p, makePng(5000 + i, 384));
    return p;
  });
  await page.goto('/');
  await page.getByTestId('ingest-files-input').setInputFiles(paths);
  await expect(page.getByTestId('ingest-count')).not.toHaveText(/^0 of/);
  await page.getByTestId('ingest-progress').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('ingest-report-title')).toHaveText(/^Cancelled · \d+ cases? added$/);
  const added = Number((await page.getByTestId('ingest-report-title').textContent())!.match(/(\d+) cases? added/)![1]);
  expect(added).toBeLessThan(paths.length);
  await expect(page.getByTestId('ingest-notes')).toContainText(`Cancelled: ${paths.length - added} files were not added`);
  const db = await readDb(page);
  expect(db.cases).toHaveLength(added);
  // Every case that exists is whole: its asset row and bytes were written with it (its preview follows when shown).
  for (const c of db.cases) expect(db.assets.some((a) => a.id === c.assetId)).toBe(true);
  await waitForPreviews(page, added);
});
