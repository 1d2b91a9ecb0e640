/** Cases, a prompt and provider settings for batch-run flows against the fake server. */
import { expect, type Page } from '@playwright/test';
import { FAKE_VLM_URL } from './env';
import { waitForAppDatabase } from './app-db';
import { fake } from './fake-control';
import { openApp, seed, seedPrompt, useFakeProvider, type SeedCase } from './seed-project';
import { templateBody } from '../../src/core/prompt/prompt-body';

export function makeCases(n: number): SeedCase[] {
  const out: SeedCase[] = [
    { id: 'ref-1', className: 'bottle', role: 'reference', truth: { status: 'normal', source: 'folder', at: 1 } },
    { id: 'cref-1', className: 'cable', role: 'reference', truth: { status: 'normal', source: 'folder', at: 1 } },
  ];
  for (let i = 0; i < n; i++) out.push({ id: `t${String(i).padStart(2, '0')}`, className: i % 3 === 2 ? 'cable' : 'bottle', defect: i % 2 === 1, subtle: i % 8 === 7, truth: i % 2 ? { status: 'anomalous', defectType: 'crack', source: 'folder', at: 1 } : { status: 'normal', source: 'folder', at: 1 } });
  return out;
}

export const ablationBody = {
  ...templateBody('workbench'),
  classContext: { bottle: 'A bottle seen from above.', cable: 'A cable cross-section.' },
  rules: [{ id: 'R1', text: 'No dark marks on the surface.', enabled: true, scope: 'global', kind: 'rule' }],
  references: { bottle: ['ref-1'], cable: ['cref-1'] },
};

export async function setupBatch(page: Page, n: number, control: Record<string, unknown> = {}) {
  await fake('/_control', { reset: true, chunkDelayMs: 0, ...control });
  await openApp(page, 'runs');
  // Under load the app's first database open can still be upgrading when seeding starts.
  await waitForAppDatabase(page);
  await useFakeProvider(page, `${FAKE_VLM_URL}/v1`);
  await seedPrompt(page, ablationBody);
  await seed(page, { cases: makeCases(n) });
  // The Runs tab opens on "One case"; batches are the second mode.
  await page.getByRole('tab', { name: 'Batch' }).click();
  await expect(page.getByTestId('batch-panel')).toBeVisible();
  await page.getByRole('radio', { name: /^All/ }).click();
}

