import { expect, test } from '@playwright/test';
import { FAKE_VLM_URL } from './support/env';
import { fake } from './support/fake-control';
import { openApp, readStore, seed, seedPrompt, useFakeProvider, type SeedCase } from './support/seed-project';
import type { LoggedRequest } from './fake-vlm/server';
import type { PromptVersion, Run } from '../src/core/model';
import { templateBody } from '../src/core/prompt/prompt-body';

// Washers: the fake model sees red marks but misses thin dark brown streaks ("subtle"), until a
// prompt has a rule about dark brown marks.
const normal = { status: 'normal' as const, source: 'folder' as const, at: 1 };
const scratch = { status: 'anomalous' as const, defectType: 'scratch', source: 'folder' as const, at: 1 };
const CASES: SeedCase[] = [
  { id: 'ref-1', className: 'washer', role: 'reference', truth: normal },
  ...[1, 2, 3, 4].map((i) => ({ id: `good-${i}`, className: 'washer', truth: normal, name: `washer/test/good/${i}.png` })),
  ...[1, 2, 3, 4].map((i) => ({ id: `scratch-${i}`, className: 'washer', truth: scratch, defect: true, subtle: true, name: `washer/test/scratch/${i}.png` })),
  ...[1, 2].map((i) => ({ id: `oil-${i}`, className: 'washer', truth: { ...scratch, defectType: 'oil' }, defect: true, name: `washer/test/oil/${i}.png` })),
];
const body = {
  ...templateBody('workbench'),
  classContext: { washer: 'A steel washer seen from above.' },
  rules: [{ id: 'R1', text: 'No red marks or foreign material on the ring.', enabled: true, scope: 'global', kind: 'rule' }],
  references: { washer: ['ref-1'] },
};

const chats = async () => ((await fake('/_requests')) as { requests: LoggedRequest[] }).requests.filter((r) => r.path === '/v1/chat/completions');

test('a miss becomes a suggested rule, a new version, and an A/B run that shows the flipped cases', async ({ page }) => {
  test.setTimeout(120_000);
  await fake('/_control', { reset: true, chunkDelayMs: 0 });
  await openApp(page, 'runs');
  await useFakeProvider(page, `${FAKE_VLM_URL}/v1`);
  await seed(page, { cases: CASES });
  await seedPrompt(page, body, 'Washer check');
  await page.reload();

  // The first run misses the four scratches.
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.getByRole('radio', { name: /^All/ }).click();
  await page.getByRole('button', { name: /^Run 10 calls/ }).click();
  await expect(page.getByTestId('batch-run').first()).toHaveAttribute('data-state', 'done', { timeout: 30_000 });

  // Review: the disagreements are the missed scratches.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Review' }).click();
  await page.getByRole('tab', { name: /Disagreements/ }).click();
  await expect(page.getByRole('tab', { name: /Disagreements/ })).toContainText('4');
  await page.locator('[data-case-id="scratch-2"]').click();
  const panel = page.getByTestId('miss-to-rule');
  await panel.getByRole('button', { name: /^Suggest a rule \(missed defect\)/ }).click();
  // Priced before it is sent: the reference and the case itself.
  await expect(panel.getByTestId('knowledge-request').getByRole('listitem')).toHaveCount(2);
  await expect(panel.getByTestId('knowledge-cost')).toContainText('$');
  const before = (await chats()).length;
  await panel.getByRole('button', { name: /^Ask for a rule \(≤ \$/ }).click();
  await expect(panel.getByTestId('suggestion')).toHaveCount(1);
  const asked = (await chats()).slice(before);
  expect(asked).toHaveLength(1);
  expect(asked[0].knowledge).toBe('miss');
  expect(asked[0].text).toContain("The engineer's label: anomalous (scratch). The model said: normal.");
  expect(asked[0].text).toContain('R1 (rule): No red marks');
  await expect(panel.getByLabel('Suggested rule 1')).toHaveValue('No dark brown marks or streaks anywhere on the surface.');
  await panel.getByRole('button', { name: 'Accept' }).click();
  await expect(panel.getByText('Saved as a new prompt version with R2.')).toBeVisible();
  const versions = await readStore<PromptVersion>(page, 'promptVersions');
  const v2 = versions.find((v) => v.version === 2 && v.promptId === 'p-seed')!;
  expect((v2.body as typeof body).rules.map((r) => [r.id, r.scope])).toEqual([['R1', 'global'], ['R2', 'washer']]);

  // The A/B is priced first: the old version's 10 answers are reused, the new one needs 10 calls.
  const ab = panel.getByTestId('ab-panel');
  await expect(ab.getByTestId('ab-estimate')).toContainText('10 labelled cases. Old version: 10 answers reused, 0 calls. New version: 10 calls. Cost at most $');
  const beforeAb = (await chats()).length;
  await ab.getByRole('button', { name: 'Run A/B (10 calls)' }).click();
  const result = ab.getByTestId('ab-result');
  await expect(result).toBeVisible({ timeout: 45_000 });
  const abCalls = (await chats()).slice(beforeAb);
  expect(abCalls).toHaveLength(10);
  expect(abCalls.every((r) => r.text.includes('R2: No dark brown marks'))).toBe(true);

  // Old misses all four scratches; new catches them without calling a good washer defective.
  await expect(result.getByTestId('ab-row-a')).toContainText('60%');
  await expect(result.getByTestId('ab-row-b')).toContainText('100%');
  const flips = result.getByTestId('ab-flip');
  await expect(flips).toHaveCount(4);
  for (let i = 1; i <= 4; i++) await expect(flips.filter({ hasText: `washer/test/scratch/${i}.png` })).toContainText('normal → anomalous');
  await expect(flips.filter({ hasText: 'fixed' })).toHaveCount(4);
  // The case the rule came from was shown to the model: its flip is flagged.
  await expect(flips.filter({ hasText: 'washer/test/scratch/2.png' })).toContainText('possibly leaked');
  await expect(flips.filter({ hasText: 'washer/test/scratch/1.png' })).not.toContainText('possibly leaked');
  // Ten cases: the intervals overlap, and the panel says the evidence is too small to tell.
  await expect(result.getByTestId('ab-summary')).toContainText('The new version fixed 4 cases and broke 0.');
  await expect(result.getByTestId('ab-summary')).toContainText('too few cases to tell the versions apart');

  const runs = await readStore<Run>(page, 'runs');
  expect(runs.filter((r) => r.name.includes('A/B washer'))).toHaveLength(2);
});
