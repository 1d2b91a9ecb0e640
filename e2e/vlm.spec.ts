import { request } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { FAKE_VLM_URL } from './support/env';
import { seedCases, type SeedCase } from './support/seed-vlm';
import { partPng } from './fake-vlm/fixtures';
import type { LoggedRequest } from './fake-vlm/server';

const KEY = 'sk-e2e-secret-4711';
const SHOTS = process.env.VLM_SCREENSHOTS;

// 1024² parts: references are plain, the defective query has a red blob.
const CASES: SeedCase[] = [
  { id: 'ref-a', name: 'bottle/train/good/001.png', className: 'bottle', role: 'reference', status: 'normal', png: partPng(1024, { seed: 11 }) },
  { id: 'ref-b', name: 'bottle/train/good/002.png', className: 'bottle', role: 'reference', status: 'normal', png: partPng(1024, { seed: 12, grey: 140 }) },
  { id: 'q-bad', name: 'bottle/test/contamination/003.png', className: 'bottle', role: 'test', status: 'anomalous', png: partPng(1024, { seed: 13, blob: { cx: 0.62, cy: 0.4, r: 0.07 } }) },
  { id: 'q-good', name: 'bottle/test/good/000.png', className: 'bottle', role: 'test', status: 'normal', png: partPng(1024, { seed: 14, grey: 160 }) },
];

/** Talks to the fake server with node:http (fetch refuses some ports, e.g. 4190). */
function fake(path: string, init?: { method?: string; body?: string }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(`${FAKE_VLM_URL}${path}`, { method: init?.method ?? 'GET', headers: { 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(JSON.parse(data)));
    });
    req.on('error', reject);
    req.end(init?.body);
  });
}
async function chatRequests(): Promise<LoggedRequest[]> {
  const j = (await fake('/_requests')) as { requests: LoggedRequest[] };
  return j.requests.filter((r) => r.path === '/v1/chat/completions');
}

function nav(page: Page, view: string) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view }).click();
}

async function configure(page: Page, opts: { model: string; preset?: string; baseURL?: string; timeoutS?: number }) {
  await nav(page, 'Settings');
  if (opts.preset) await page.getByLabel('Provider').selectOption(opts.preset);
  await page.getByLabel('Base URL').fill(opts.baseURL ?? `${FAKE_VLM_URL}/v1`);
  await page.getByLabel('Model', { exact: true }).fill(opts.model);
  await page.getByLabel('Timeout').fill(String(opts.timeoutS ?? 120));
}

/** Creates a workbench prompt with one rule and both train references (plus the good test case). */
async function buildPrompt(page: Page) {
  await nav(page, 'Prompts');
  await page.getByRole('button', { name: 'Workbench (all knowledge)' }).click();
  await page.getByLabel('Context of bottle').fill('A bottle seen from above on a dark background.');
  await page.getByRole('button', { name: '+ Rule' }).click();
  await page.getByLabel('Text of R1').fill('No red marks or foreign material on the part.');
  await page.getByRole('button', { name: '+ Tolerated variation' }).click();
  await page.getByLabel('Text of R2').fill('Slight differences in grey level.');
  const refs = page.getByRole('group', { name: 'References for bottle' }).getByRole('button');
  await refs.nth(0).click();
  await refs.nth(1).click();
  await refs.nth(2).click(); // bottle/test/good/000.png: a test case, so flagged
  await page.getByLabel('Version note').fill('rule, two references');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Saved as version 2.')).toBeVisible();
}

async function setup(page: Page) {
  await fake('/_control', { method: 'POST', body: JSON.stringify({ reset: true, chunkDelayMs: 25 }) });
  await seedCases(page, CASES);
  await configure(page, { model: 'fake-vision' });
  await page.getByLabel('API key').fill(KEY);
  await page.getByRole('button', { name: '+ Add row' }).click();
  await page.getByLabel(/^Input price/).last().fill('2.5');
  await page.getByLabel(/^Output price/).last().fill('10');
  await buildPrompt(page);
}

async function runCaseInUi(page: Page, caseLabel: RegExp) {
  await nav(page, 'Runs');
  const opt = page.getByLabel('Case').locator('option', { hasText: caseLabel });
  await page.getByLabel('Case').selectOption((await opt.getAttribute('value'))!);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

test('a case runs: reasoning streams in, then the verdict; the model got the query and the chosen references', async ({ page }) => {
  await setup(page);
  // The preview shows the exact request before anything is sent.
  await page.getByLabel('Preview case').selectOption('q-bad');
  await expect(page.getByRole('list', { name: 'Images sent' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('list', { name: 'Request notes' })).toContainText('is also in the test set');
  await expect(page.getByTestId('preview-cost')).toContainText('$');
  expect(await chatRequests()).toHaveLength(0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/vlm-builder.png` });

  await runCaseInUi(page, /contamination/);
  await expect(page.getByText('Reasoning (streaming)')).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveText('anomalous');
  await expect(page.getByTestId('reasoning')).toContainText('red blob');
  await expect(page.locator('[data-violated]')).toContainText('R1');
  await page.getByText('Raw response, tokens, latency, cost').click();
  await expect(page.getByTestId('raw-response')).toContainText('"verdict":"anomalous"');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/vlm-run.png` });

  const [req] = await chatRequests();
  expect(req.hasAuth).toBe(true);
  expect(req.images).toHaveLength(4); // three references, then the query
  expect(req.images.map((i) => i.width)).toEqual([768, 768, 768, 768]); // resized from 1024
  expect(req.images[3].redFraction).toBeGreaterThan(0.005);
  expect(req.images.slice(0, 3).every((i) => i.redFraction === 0)).toBe(true);
  expect(req.text).toContain('R1: No red marks');
  expect(req.text).not.toContain('contamination'); // the file path holds the label: never sent
  expect(JSON.stringify(await fake('/_requests'))).not.toContain(KEY);

  // The good test case is among its own references: it is left out, and the model sees 2 + query.
  await runCaseInUi(page, /good\/000/);
  await expect(page.getByTestId('verdict')).toHaveText('normal');
  const reqs = await chatRequests();
  const last = reqs[reqs.length - 1];
  expect(last.images).toHaveLength(3);
  expect(last.images[2].meanRgb).not.toEqual(last.images[0].meanRgb);
  const saved = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => res(r.result);
    });
    const get = (store: string) => new Promise<unknown[]>((res) => {
      const q = db.transaction(store).objectStore(store).getAll();
      q.onsuccess = () => res(q.result);
    });
    return { runs: (await get('runs')) as { promptVersionHash?: string; provider?: { model: string } }[], results: (await get('results')) as { imageHashes?: string[]; scoreSource?: string }[] };
  });
  expect(saved.runs).toHaveLength(2);
  expect(saved.runs[0].promptVersionHash).toMatch(/^[0-9a-f]{64}$/);
  expect(saved.results.every((r) => r.imageHashes?.length && r.scoreSource === 'logprobs')).toBe(true);
});

test('the preview says the query is left out of its own references', async ({ page }) => {
  await setup(page);
  await page.getByLabel('Preview case').selectOption('q-good');
  await expect(page.getByRole('list', { name: 'Request notes' })).toContainText('is the case under test itself, so it was left out');
  await expect(page.getByRole('list', { name: 'Images sent' }).getByRole('listitem')).toHaveCount(3);
  await page.getByRole('button', { name: '▸ Show the request body' }).click();
  await expect(page.getByTestId('request-json')).toContainText('"type": "json_schema"');
  await expect(page.getByTestId('request-json')).toContainText('data:image/jpeg;base64,… (');
  if (SHOTS) await page.getByTestId('request-preview').screenshot({ path: `${SHOTS}/vlm-preview.png` });
  await nav(page, 'Settings');
  await expect(page.getByTestId('outgoing-next')).toContainText('3 images');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status')).toContainText('including "fake-vision"');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/vlm-settings.png` });
});

const ERRORS: [string, RegExp, { timeoutS?: number; preset?: string; baseURL?: string }?][] = [
  ['fail-401', /refused the API key \(HTTP 401\); check the key in Settings/],
  ['fail-403', /refused the API key \(HTTP 403\)/],
  ['fail-404', /model "fail-404" was not found/],
  ['fail-429', /rate-limiting requests \(HTTP 429\); it asked to wait 1 s/],
  ['fail-500', /server error \(HTTP 500\)/],
  ['fail-context', /larger than the model's context/],
  ['fail-filter', /content filter blocked this request/],
  ['fail-timeout', /did not finish within 1 s/, { timeoutS: 1 }],
  ['answer-unparseable', /no JSON and no explicit verdict line/],
  ['answer-refusal', /^$/],
  ['x', /Could not reach http:\/\/127\.0\.0\.1:9\/v1.*OLLAMA_ORIGINS/, { preset: 'ollama', baseURL: 'http://127.0.0.1:9/v1' }],
];

test('every failure reads as a sentence with what to do', async ({ page }) => {
  test.setTimeout(120_000);
  await setup(page);
  for (const [model, sentence, opts] of ERRORS) {
    await configure(page, { model, ...opts });
    await runCaseInUi(page, /contamination/);
    if (model === 'answer-refusal') {
      await expect(page.getByTestId('verdict')).toHaveText('Refused');
      await expect(page.getByTestId('reasoning')).toContainText("I'm sorry");
      continue;
    }
    if (model === 'fail-429') await expect(page.getByTestId('run-retry')).toContainText('Trying again in 1 s (attempt 2 of 3)');
    await expect(page.getByTestId('run-error')).toHaveText(sentence, { timeout: 20_000 });
    if (model === 'answer-unparseable') {
      await expect(page.getByTestId('verdict')).toHaveText('Unparsed answer');
      await page.getByText('Raw response, tokens, latency, cost').click();
      await expect(page.getByTestId('raw-response')).toContainText('The part looks fine, I guess');
    }
    if (opts?.preset) {
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/vlm-error.png` });
      await configure(page, { model: 'fake-vision', preset: 'openai' });
    }
  }
});

test('reasoning with HTML and a markdown image renders as inert text and loads nothing', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (r) => r.url().includes('_beacon') && loaded.push(r.url()));
  await setup(page);
  await configure(page, { model: 'answer-html' });
  await runCaseInUi(page, /contamination/);
  await expect(page.getByTestId('verdict')).toHaveText('anomalous');
  const reasoning = page.getByTestId('reasoning');
  await expect(reasoning).toContainText('<img src=');
  await expect(reasoning).toContainText('![leak](');
  await expect(reasoning.locator('img, script, b')).toHaveCount(0);
  await page.waitForTimeout(300); // give any stray image load a chance to show up
  expect(loaded).toEqual([]);
  expect(((await fake('/_requests')) as { beacons: string[] }).beacons).toEqual([]);
});

test('cancel stops a streaming answer and saves nothing', async ({ page }) => {
  await setup(page);
  await configure(page, { model: 'slow' });
  await runCaseInUi(page, /contamination/);
  await expect(page.getByTestId('reasoning')).toContainText('I received');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Cancelled. Nothing was saved.')).toBeVisible();
  const n = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => res(r.result);
    });
    return new Promise<number>((res) => {
      const q = db.transaction('results').objectStore('results').count();
      q.onsuccess = () => res(q.result);
    });
  });
  expect(n).toBe(0);
});

test('the key is kept out of local storage unless remembered', async ({ page }) => {
  await page.goto('/#/settings');
  await page.getByLabel('API key').fill(KEY);
  await page.getByLabel('Model', { exact: true }).fill('some-model');
  const storage = () => page.evaluate(() => JSON.stringify({ ...localStorage }));
  await expect.poll(storage).toContain('some-model');
  expect(await storage()).not.toContain(KEY);
  await page.getByLabel('Remember on this device').check();
  await expect(page.getByText('stored unencrypted')).toBeVisible();
  await expect.poll(storage).toContain(KEY);
  await page.getByLabel('Remember on this device').uncheck();
  await expect.poll(storage).not.toContain(KEY);
  await page.reload();
  await expect(page.getByLabel('API key')).toHaveValue('');
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('some-model');
});

test('a point-cloud case is sent as its rendered views, each captioned, after the picked references', async ({ page }) => {
  test.setTimeout(120_000);
  await fake('/_control', { method: 'POST', body: JSON.stringify({ reset: true, chunkDelayMs: 0 }) });
  await page.goto('/#/share');
  await page.getByRole('button', { name: 'Load sample project' }).first().click();
  await expect(page.getByText(/test cases, \d+ references/)).toBeVisible({ timeout: 60_000 });
  await configure(page, { model: 'fake-vision' });
  await page.getByLabel('API key').fill(KEY);

  await nav(page, 'Prompts');
  await page.getByRole('navigation', { name: 'Prompts' }).getByRole('button', { name: 'Plate scan inspection' }).click();
  const refs = page.getByRole('group', { name: 'References for plate-3d' }).getByRole('button');
  await refs.nth(0).click();
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Saved as version 2.')).toBeVisible();

  await nav(page, 'Runs');
  await page.getByLabel('Prompt').selectOption({ label: 'Plate scan inspection' });
  await runCaseInUi(page, /plate-3d.*dent/);
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
  const [req] = await chatRequests();
  const captions = req.text.match(/^Query, [^:]+ view [^:]+:$/gm) ?? [];
  expect(captions.length).toBeGreaterThan(1);
  expect(req.images.length).toBeGreaterThanOrEqual(2 * captions.length); // the reference is rendered the same way
  expect(req.images.every((i) => i.width > 0 && !i.error)).toBe(true);
  expect(req.text).toMatch(/Reference 1 of \d+ \(a normal plate-3d, [^)]*view/);
});
