import { expect, test } from '@playwright/test';
import { openApp, readCases, seed, type SeedCase } from './support/seed-project';

const cases: SeedCase[] = [
  { id: 'w-good-1', className: 'washer', truth: { status: 'normal', source: 'folder', at: 1 } },
  { id: 'w-new-1', className: 'washer', truth: { status: 'unlabelled' } },
  { id: 'w-new-2', className: 'washer', truth: { status: 'unlabelled' } },
  { id: 'w-new-3', className: 'washer', truth: { status: 'unlabelled' } },
];
const truthOf = async (page: Parameters<typeof readCases>[0], id: string) => (await readCases(page)).find((c) => c.id === id)?.truth;

test.beforeEach(async ({ page }) => {
  await openApp(page, 'review');
  await seed(page, { cases });
  await expect(page.getByTestId('labeling-view')).toBeVisible();
});

test('one undo history: a Review label is undone from the Library, a Library deletion from Review', async ({ page }) => {
  // Label in Review, undo in the Library.
  await page.locator('[data-case-id="w-new-1"]').click();
  await page.keyboard.press('n');
  await expect.poll(() => truthOf(page, 'w-new-1')).toMatchObject({ status: 'normal', source: 'hand' });
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('case-count')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect.poll(() => truthOf(page, 'w-new-1')).toEqual({ status: 'unlabelled' });
  await expect(page.getByRole('status').filter({ hasText: 'Undid: label washer/test/x/w-new-1.png normal' })).toBeVisible();
  // Redo puts the label back; undo takes it away again.
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => truthOf(page, 'w-new-1')).toMatchObject({ status: 'normal', source: 'hand' });
  await page.keyboard.press('Control+y');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing to redo.' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect.poll(() => truthOf(page, 'w-new-1')).toEqual({ status: 'unlabelled' });

  // Delete in the Library, undo in Review.
  await page.locator('[data-case-id="w-new-2"]').click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('status').filter({ hasText: 'Deleted washer/test/x/w-new-2.png.' })).toBeVisible();
  await expect.poll(() => truthOf(page, 'w-new-2')).toBeUndefined();
  await page.keyboard.press('Alt+4');
  await expect(page.getByTestId('labeling-view')).toBeVisible();
  await expect(page.locator('[data-case-id="w-new-2"]')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect.poll(() => truthOf(page, 'w-new-2')).toEqual({ status: 'unlabelled' });
  await expect(page.locator('[data-case-id="w-new-2"]')).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'Undid: delete washer/test/x/w-new-2.png' })).toBeVisible();
});

test('"?" lists the keys of the open view from the registry', async ({ page }) => {
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keys' });
  await expect(help.getByText('Label anomalous')).toBeVisible();
  await expect(help.getByText('Open Library')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('?');
  await expect(help.getByText('Delete the selected cases')).toBeVisible();
  await expect(help.getByText('Label anomalous')).toHaveCount(0);
});
