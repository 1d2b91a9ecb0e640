import { expect, test } from '@playwright/test';

test('the app opens on the library and switches views from the header and with Alt+digit', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('Anomaly Workbench').first()).toBeVisible();
  await expect(page).toHaveURL(/#\/library$/);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  await page.keyboard.press('Alt+1');
  await expect(page).toHaveURL(/#\/library$/);
});
