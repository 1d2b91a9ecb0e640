import { expect, test, type Page } from '@playwright/test';
import { zipFiles } from '../src/lib/export/zip';
import { lyingZip } from '../src/lib/export/testing/lying-zip';

/** The main page's JS heap in MB (Chromium's performance.memory). */
const heapMB = (page: Page) => page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6);

/**
 * A zip bomb: one entry of `mb` MB of zeros deflated once (about 1000:1), then the same
 * compressed entry repeated under `copies` names. No gigabytes are ever made in this test.
 */
function bomb(mb: number, copies: number): Uint8Array {
  const one = zipFiles({ 'z000.bin': new Uint8Array(mb * 1024 * 1024) });
  const v = new DataView(one.buffer, one.byteOffset, one.byteLength);
  const eocd = one.length - 22;
  const cdOffset = v.getUint32(eocd + 16, true);
  const local = one.subarray(0, cdOffset);
  const central = one.subarray(cdOffset, eocd);
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (let k = 0; k < copies; k++) {
    const name = new TextEncoder().encode(`z${String(k).padStart(3, '0')}.bin`);
    const l = local.slice();
    l.set(name, 30);
    const c = central.slice();
    c.set(name, 46);
    new DataView(c.buffer).setUint32(42, offset, true);
    parts.push(l);
    centrals.push(c);
    offset += l.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, copies, true);
  e.setUint16(10, copies, true);
  e.setUint32(12, cdSize, true);
  e.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const x of [...parts, ...centrals, end]) {
    out.set(x, p);
    p += x.length;
  }
  return out;
}

async function importZip(page: Page, name: string, bytes: Uint8Array) {
  await page.getByTestId('import-project-input').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
  return page.getByRole('alert').filter({ hasText: name });
}

test('zip bombs and a deeply nested manifest are refused with sentences, without inflating gigabytes', async ({ page }) => {
  // Making the bomb and three imports on a shared machine: time, not a timing assertion.
  test.setTimeout(180_000);
  await page.goto('/#/share');
  await expect(page.getByTestId('import-project-input')).toBeAttached();
  const before = await heapMB(page);

  // 144 × 16 MB = 2.25 GB declared in a zip of about 2 MB: refused from its directory alone.
  const big = bomb(16, 144);
  expect(big.length).toBeLessThan(4 * 1024 * 1024);
  await expect(await importZip(page, 'bomb.zip', big)).toHaveText(/^"bomb\.zip" would inflate to 2304 MB, more than the 2048 MB a project file may hold in this browser, so nothing was inflated\. Nothing was imported\.$/, { timeout: 45_000 });

  // A 16 MB manifest declaring 1 KB (the manifest is the first entry read): inflation stops as soon as it passes 1 KB.
  const liar = lyingZip(zipFiles({ 'manifest.json': new Uint8Array(16 * 1024 * 1024).fill(32) }), 1024);
  await expect(await importZip(page, 'liar.zip', liar)).toContainText('inflates to more than the 1 KB it declares, so reading stopped there (a damaged file or a zip bomb). Nothing was imported.', { timeout: 45_000 });

  // A manifest of a million nested arrays.
  const deep = zipFiles({ 'manifest.json': new TextEncoder().encode('['.repeat(1_000_000)) });
  await expect(await importZip(page, 'deep.zip', deep)).toContainText('nests more than 64 levels deep', { timeout: 45_000 });

  // The page never held the inflated data, and it still works.
  expect(await heapMB(page)).toBeLessThan(before + 150);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Library' }).click();
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
});
