import { expect, test } from '@playwright/test';
import { FAKE_VLM_URL } from './support/env';

// Screenshots of the builder and a run on the sample project:
// `VLM_SCREENSHOTS=/tmp/x npx playwright test e2e/vlm-screenshots.spec.ts`.
const DIR = process.env.VLM_SCREENSHOTS;
test.skip(!DIR, 'set VLM_SCREENSHOTS to take screenshots');

test('prompt builder and a run on the sample project', async ({ page }) => {
  test.setTimeout(120_000);
  const nav = (v: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: v }).click();
  await page.goto('/#/share');
  await page.getByRole('button', { name: 'Load sample project' }).first().click();
  await expect(page.getByText(/test cases, \d+ references/)).toBeVisible({ timeout: 60_000 });

  await nav('Settings');
  await page.getByLabel('Base URL').fill(`${FAKE_VLM_URL}/v1`);
  await page.getByLabel('Model', { exact: true }).fill('gpt-4o');
  await page.getByLabel('API key').fill('sk-demo');

  await nav('Prompts');
  await page.getByRole('navigation', { name: 'Prompts' }).getByRole('button', { name: 'Washer inspection' }).click();
  // Pick three references unless the sample already did.
  const refs = page.getByRole('group', { name: 'References for washer' }).getByRole('button');
  if ((await refs.and(page.locator('[aria-pressed=true]')).count()) === 0) for (let i = 0; i < 3; i++) await refs.nth(i).click();
  await page.getByLabel('Max side').fill('512');
  await page.getByLabel('Version note').fill('smaller images');
  await page.getByRole('button', { name: 'Save version' }).click();
  await page.getByLabel('Preview case').selectOption({ label: 'washer · washer/test/good-02.png' }).catch(async () => {
    const opt = page.getByLabel('Preview case').locator('option', { hasText: 'washer' }).first();
    await page.getByLabel('Preview case').selectOption((await opt.getAttribute('value'))!);
  });
  await expect(page.getByRole('list', { name: 'Images sent' }).getByRole('listitem').nth(1)).toBeVisible();
  await page.getByLabel('Compare version 1').check();
  await page.getByLabel('Compare version 2').check();
  await page.evaluate(() => document.querySelector('[aria-label="Task"]')?.closest('.overflow-auto')?.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${DIR}/vlm-builder-sample.png` });

  await nav('Runs');
  await page.getByLabel('Prompt').selectOption({ label: 'Washer inspection' });
  const opt = page.getByLabel('Case').locator('option', { hasText: /washer.*good/ }).first();
  await page.getByLabel('Case').selectOption((await opt.getAttribute('value'))!);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${DIR}/vlm-run-sample.png` });
});
