import { expect, test } from '@playwright/test';
import { FAKE_VLM_URL } from './support/env';
import { fake } from './support/fake-control';
import { readStore, useFakeProvider } from './support/seed-project';
import type { LoggedRequest } from './fake-vlm/server';
import type { KeyValue, PromptVersion } from '../src/core/model';

test('rules drafted by the model on the sample project: previewed and priced, two accepted (one edited), one dropped, saved as a version', async ({ page }) => {
  test.setTimeout(180_000);
  await fake('/_control', { reset: true, chunkDelayMs: 0 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample project' }).click();
  await expect(page.getByText('60 cases', { exact: true })).toBeVisible({ timeout: 120_000 });
  await useFakeProvider(page, `${FAKE_VLM_URL}/v1`);
  await page.goto('/#/prompts');
  await page.reload();
  await page.getByRole('navigation', { name: 'Prompts' }).getByRole('button', { name: 'Washer inspection' }).click();

  const drafts = page.getByTestId('rule-drafts');
  await expect(drafts.getByLabel('Class to draft rules for')).toHaveValue('washer');
  await drafts.getByLabel('Defective cases to include').fill('1');
  await drafts.getByRole('button', { name: 'Preview draft request' }).click();
  // Previewed and priced before anything is sent: the 4 chosen references and 1 labelled defect.
  const summary = drafts.getByTestId('knowledge-request');
  await expect(summary.getByRole('list', { name: 'Images for the model' }).getByRole('listitem')).toHaveCount(5);
  await expect(summary.getByTestId('knowledge-cost')).toContainText('$');
  await expect(summary).toContainText('1 of these are test cases');
  let log = ((await fake('/_requests')) as { requests: LoggedRequest[] }).requests.filter((r) => r.path === '/v1/chat/completions');
  expect(log).toHaveLength(0);

  await drafts.getByRole('button', { name: /^Draft rules \(≤ \$/ }).click();
  const batch = drafts.getByTestId('suggestion-batch');
  await expect(batch.getByTestId('suggestion')).toHaveCount(3);
  await expect(batch.getByTestId('suggestion-source')).toContainText('fake-vision');
  await expect(batch.getByTestId('suggestion-source')).toContainText('from 5 images');
  await expect(batch.getByTestId('suggestion-source')).toContainText('1 test case now marked possibly leaked');
  log = ((await fake('/_requests')) as { requests: LoggedRequest[] }).requests.filter((r) => r.path === '/v1/chat/completions');
  expect(log).toHaveLength(1);
  expect(log[0].knowledge).toBe('draft');
  expect(log[0].images).toHaveLength(5);
  expect(log[0].text).toContain('R1 (rule): The outer rim is a closed, unbroken circle.');
  // The defective washer reached the model: the fake drafted its red-mark rule from it.
  expect(log[0].text).toContain('Defective example 1');

  // Nothing entered the prompt yet.
  const rules = page.getByRole('list', { name: 'Rules', exact: true }).getByRole('listitem');
  const before = await rules.count();
  await batch.getByLabel('Suggested rule 1').fill('The washer fills the frame the same way in every photo.');
  await batch.getByRole('button', { name: 'Accept' }).first().click();
  await expect(batch.getByTestId('suggestion').first()).toHaveAttribute('data-state', 'accepted');
  await batch.getByTestId('suggestion').nth(1).getByRole('button', { name: 'Accept' }).click();
  await batch.getByTestId('suggestion').nth(2).getByRole('button', { name: 'Drop' }).click();
  await expect(rules).toHaveCount(before + 2);
  const firstId = `R${before + 1}`;
  await expect(page.getByLabel(`Text of ${firstId}`)).toHaveValue('The washer fills the frame the same way in every photo.');
  await expect(page.getByLabel(`Text of R${before + 2}`)).toHaveValue('No red marks or foreign material on the part.');
  await expect(page.getByLabel(`Scope of ${firstId}`)).toHaveValue('washer');
  await expect(page.getByText('unsaved changes')).toBeVisible();
  await page.getByLabel('Version note').fill('two drafted rules');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Saved as version 2.')).toBeVisible();

  const versions = await readStore<PromptVersion>(page, 'promptVersions');
  const saved = versions.find((v) => v.message === 'two drafted rules')!;
  const texts = (saved.body as { rules: { text: string }[] }).rules.map((r) => r.text);
  expect(texts).toContain('The washer fills the frame the same way in every photo.');
  expect(texts).not.toContain(expect.stringMatching(/^Overall brightness varies/));
  // The defective test case sent is marked possibly leaked; the references are not test data.
  const kv = await readStore<KeyValue>(page, 'kv');
  const leaked = kv.find((r) => r.key === 'knowledge:leaked')?.value as Record<string, { why: string }>;
  expect(Object.keys(leaked)).toHaveLength(1);
  expect(Object.values(leaked)[0].why).toContain('to draft rules for "washer"');
  // Every suggestion was decided: after a reload none is left open.
  await page.reload();
  await expect(page.getByTestId('suggestion-batch')).toHaveCount(0);
});
