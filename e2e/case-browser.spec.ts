import { expect, test, type Page } from '@playwright/test';
import { makeCases, seedCases, type SeedCase } from './support/seed-cases';

async function openProjectWith(page: Page, cases: SeedCase[]) {
  await page.goto('/');
  // The app creates its database on first open; then rows can be written into it.
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  await seedCases(page, cases, { images: true, thumbPx: 64 });
  await page.reload();
  await expect(page.getByTestId('case-cell').first()).toBeVisible();
}

const cells = (page: Page) => page.getByTestId('case-cell');
const count = (page: Page) => page.getByTestId('case-count');
const detailName = (page: Page) => page.getByTestId('case-detail-name');
const zoomPercent = async (page: Page) => Number((await page.getByTestId('zoom-level').textContent())!.replace('%', ''));

test('the empty project says how to add cases', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  await expect(page.getByText(/Drop image files, point clouds/)).toBeVisible();
});

test('filter by class and label, search by name, and see a case large with zoom and mask', async ({ page }) => {
  await openProjectWith(page, makeCases(60));
  await expect(count(page)).toHaveText('60 cases');

  await page.getByRole('checkbox', { name: /^cable/ }).click();
  await expect(count(page)).toHaveText('10 of 60 cases');
  for (const t of await cells(page).allTextContents()) expect(t).toContain('cable');

  await page.getByRole('checkbox', { name: /^Anomalous/ }).click();
  const anomalous = cells(page);
  await expect(anomalous).toHaveCount(3);
  for (const label of await anomalous.locator('[data-label]').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))) expect(label).toBe('anomalous');

  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(count(page)).toHaveText('60 cases');

  // "/" jumps to the search box
  await page.getByRole('listbox', { name: 'Cases' }).focus();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search case names' })).toBeFocused();
  await page.keyboard.type('screw/test/crack');
  await expect(count(page)).toHaveText('1 of 60 cases');
  await expect(cells(page)).toHaveCount(1);

  await cells(page).first().click();
  await expect(detailName(page)).toHaveText('screw/test/crack/004.png');
  await expect(count(page)).toHaveText('1 of 60 cases · 1 selected');
  const img = page.getByRole('img', { name: 'screw/test/crack/004.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(512);

  // zoom: + and the wheel enlarge, 0 fits again
  const fit = await zoomPercent(page);
  await page.keyboard.press('+');
  await expect.poll(() => zoomPercent(page)).toBeGreaterThan(fit);
  const box = (await page.getByTestId('zoom-pan').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const before = await zoomPercent(page);
  await page.mouse.wheel(0, -300);
  await expect.poll(() => zoomPercent(page)).toBeGreaterThan(before);
  const widthZoomed = (await img.boundingBox())!.width;
  await page.keyboard.press('1');
  await expect.poll(() => zoomPercent(page)).toBe(100);
  await expect.poll(async () => Math.round((await img.boundingBox())!.width)).toBe(512);
  await page.keyboard.press('0');
  await expect.poll(() => zoomPercent(page)).toBe(fit);
  expect((await img.boundingBox())!.width).toBeLessThan(widthZoomed);

  // dragging pans the image
  const x0 = (await img.boundingBox())!.x;
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 180, box.y + 130, { steps: 4 });
  await page.mouse.up();
  expect((await img.boundingBox())!.x).toBeCloseTo(x0 + 80, 0);

  // the defect mask of this anomalous case can be hidden and shown
  await expect(page.getByTestId('mask-overlay')).toHaveCount(1);
  await page.getByRole('button', { name: /Mask on/ }).click();
  await expect(page.getByTestId('mask-overlay')).toHaveCount(0);
  await page.keyboard.press('m');
  await expect(page.getByTestId('mask-overlay')).toHaveCount(1);
});

test('select with click, Shift, Ctrl and arrows; delete, undo and reload', async ({ page }) => {
  await openProjectWith(page, makeCases(24));
  await expect(count(page)).toHaveText('24 cases');
  const first = cells(page).nth(0);
  const firstName = (await first.getAttribute('title'))!;

  // the grid has the keyboard from the start: the first arrow focuses the first case
  await page.keyboard.press('ArrowRight');
  await expect(detailName(page)).toHaveText(firstName);

  await first.click();
  await expect(detailName(page)).toHaveText(firstName);
  await cells(page).nth(3).click({ modifiers: ['Shift'] });
  await expect(count(page)).toHaveText('24 cases · 4 selected');
  await cells(page).nth(6).click({ modifiers: ['Control'] });
  await expect(count(page)).toHaveText('24 cases · 5 selected');
  await page.keyboard.press('Control+a');
  await expect(count(page)).toHaveText('24 cases · 24 selected');

  // arrows move the focus, and the large view follows
  await first.click();
  await page.keyboard.press('ArrowRight');
  const second = (await cells(page).nth(1).getAttribute('title'))!;
  await expect(detailName(page)).toHaveText(second);
  await expect(cells(page).nth(1)).toHaveAttribute('aria-selected', 'true');

  // Delete key, then Undo in the toast
  await page.keyboard.press('Delete');
  await expect(count(page)).toHaveText('23 cases · 1 selected');
  await expect(page.getByRole('status')).toContainText(`Deleted ${second}.`);
  await expect(page.locator(`[title="${second}"]`)).toHaveCount(0);
  // the focus moved on to the next case
  await expect(detailName(page)).not.toHaveText(second);
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(count(page)).toHaveText('24 cases · 1 selected');
  await expect(page.locator(`[data-testid="case-cell"][title="${second}"]`)).toHaveCount(1);
  await expect(detailName(page)).toHaveText(second);
  await expect(page.getByRole('img', { name: second })).toBeVisible();

  // three at once with the button, then Ctrl+Z
  await first.click();
  await cells(page).nth(2).click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(count(page)).toHaveText('21 cases · 1 selected');
  await page.getByRole('listbox', { name: 'Cases' }).focus();
  await page.keyboard.press('Control+z');
  await expect(count(page)).toHaveText('24 cases · 3 selected');

  // delete one for good and reload: the deletion and the restored cases persist
  await first.click();
  await page.keyboard.press('Delete');
  await expect(count(page)).toHaveText('23 cases · 1 selected');
  await page.reload();
  await expect(count(page)).toHaveText('23 cases');
  await expect(page.locator(`[data-testid="case-cell"][title="${firstName}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-testid="case-cell"][title="${second}"]`)).toHaveCount(1);
});

test('point clouds, videos, reference candidates and broken cases are marked in the grid and the list', async ({ page }) => {
  const cases: SeedCase[] = [
    { id: 'p', name: 'bagel/000.ply', className: 'bagel', kind: 'pointcloud', status: 'normal' },
    { id: 'v', name: 'belt/run.mp4', className: 'belt', kind: 'video', status: 'unsure', error: 'The video codec HEVC cannot be decoded by this browser; convert it to H.264 and add it again.' },
    { id: 'r', name: 'bottle/train/good/000.png', className: 'bottle', role: 'reference', status: 'normal' },
  ];
  await openProjectWith(page, cases);
  const cell = (id: string) => page.locator(`[data-case-id="${id}"]`);
  await expect(cell('p').getByRole('img', { name: 'Point cloud', exact: true })).toBeVisible();
  await expect(cell('v').getByRole('img', { name: 'Video', exact: true })).toBeVisible();
  await expect(cell('v').getByRole('img', { name: /Problem: The video codec HEVC/ })).toBeVisible();
  await expect(cell('r').getByText('REF')).toBeVisible();

  // point clouds and videos go to the viewer registered for their kind, not the image viewer
  const detail = page.getByRole('region', { name: 'Case' });
  await cell('p').click();
  await expect(detail.getByRole('heading', { name: 'bagel/000.ply', exact: true })).toBeVisible();
  await expect(detail.getByTestId('zoom-pan')).toHaveCount(0);
  await cell('v').click();
  await expect(detail.getByRole('heading', { name: 'belt/run.mp4', exact: true })).toBeVisible();
  await expect(detail.getByRole('alert').filter({ hasText: 'The video codec HEVC' })).toBeVisible();

  // P hides the large view; double-click brings it back
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Large view' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('case-detail-name')).toHaveCount(0);
  await cell('r').dblclick();
  await expect(page.getByTestId('case-detail-name')).toHaveText('bottle/train/good/000.png');

  await page.getByRole('button', { name: 'List' }).click();
  await expect(page.getByRole('listbox', { name: 'Cases' })).toHaveAttribute('data-layout', 'list');
  await expect(cell('r').getByText('REF')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Cases' })).toHaveAttribute('data-layout', 'list');
});

/** A 64×48 8-bit grey uncompressed TIFF with a left-to-right ramp. */
function grayTiff(w = 64, h = 48): number[] {
  const entries: [number, number, number][] = [
    [256, 3, w],
    [257, 3, h],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, 0], // strip offset, patched below
    [277, 3, 1],
    [278, 3, h],
    [279, 4, w * h],
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataAt = 8 + ifdSize;
  const buf = Buffer.alloc(dataAt + w * h);
  buf.write('II', 0, 'ascii');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(8, 4);
  buf.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    buf.writeUInt16LE(tag, at);
    buf.writeUInt16LE(type, at + 2);
    buf.writeUInt32LE(1, at + 4);
    if (type === 3) buf.writeUInt16LE(value, at + 8);
    else buf.writeUInt32LE(tag === 273 ? dataAt : value, at + 8);
  });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) buf[dataAt + y * w + x] = Math.round((x / (w - 1)) * 255);
  return [...buf];
}

test('a TIFF is shown large after conversion; a damaged image gets a sentence instead of a blank', async ({ page }) => {
  await openProjectWith(page, [
    { id: 't', name: 'scans/ramp.tif', className: 'scans', status: 'normal', file: { bytes: grayTiff(), format: 'tiff', mime: 'image/tiff' } },
    { id: 'x', name: 'scans/broken.png', className: 'scans', status: 'normal', file: { bytes: [0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5], format: 'png', mime: 'image/png' } },
  ]);
  await page.locator('[data-case-id="t"]').click();
  const img = page.getByRole('img', { name: 'scans/ramp.tif' });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0))).toBe(64);
  // the ramp survived the conversion: dark on the left, bright on the right
  const ends = await img.evaluate((el: HTMLImageElement) => {
    const c = document.createElement('canvas');
    c.width = el.naturalWidth;
    c.height = el.naturalHeight;
    const g = c.getContext('2d')!;
    g.drawImage(el, 0, 0);
    return [g.getImageData(0, 10, 1, 1).data[0], g.getImageData(63, 10, 1, 1).data[0]];
  });
  expect(ends[0]).toBeLessThan(10);
  expect(ends[1]).toBeGreaterThan(245);

  await page.locator('[data-case-id="x"]').click();
  await expect(page.getByRole('alert')).toContainText('The browser could not draw “scans/broken.png”');
});
