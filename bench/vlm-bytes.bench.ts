/**
 * Bytes sent per case: default image settings (768 px JPEG, quality 0.85) versus the authors'
 * way (the original full-size PNG as base64), on generated 1024² part images with sensor-like
 * noise. Also: previewing a request with 8 references — cold encode versus cached rebuild.
 * Images are encoded by the app's own `encodeInThisThread` running in Chromium.
 * Run: npx tsx bench/vlm-bytes.bench.ts
 */
import { chromium } from '@playwright/test';
import { partPng } from '../e2e/fake-vlm/fixtures';
import { encodeInThisThread } from '../src/lib/images/encode-core';
import { buildRequest, type EncodedImage } from '../src/core/prompt/build-request';
import { DEFAULT_IMAGE_SETTINGS, templateBody } from '../src/core/prompt/prompt-body';
import { capabilities } from '../src/core/vlm/providers';
// @ts-expect-error plain ESM helper without types
import { findBrowser } from '../scripts/find-browser.mjs';

const N = 9; // 8 references + 1 query
// Mild sensor noise (±3 grey levels) with slow shading: PNG sizes like real inspection photos.
const NOISE = Number(process.env.NOISE ?? 3);
const pngs = Array.from({ length: N }, (_, i) => partPng(1024, { seed: 100 + i, grey: 130 + i * 3, noise: NOISE, blob: i === N - 1 ? { cx: 0.6, cy: 0.4, r: 0.06 } : undefined }));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || findBrowser(), args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto('about:blank');
await page.evaluate(`globalThis.__name = (f) => f; globalThis.__encode = ${encodeInThisThread.toString()};`);

type Enc = { dataUrl: string; bytes: number; width: number; height: number; ms: number };
async function encodeAll(settings = DEFAULT_IMAGE_SETTINGS): Promise<Enc[]> {
  const out: Enc[] = [];
  for (const png of pngs) {
    out.push(
      await page.evaluate(
        async ({ b64, settings }) => {
          const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' });
          const t0 = performance.now();
          const r = await (globalThis as unknown as { __encode: (j: unknown) => Promise<Enc> }).__encode({ blob, sourceHash: 'bench', maxSidePx: settings.maxSidePx, format: settings.format, quality: settings.quality });
          return { ...r, ms: performance.now() - t0 };
        },
        { b64: png.toString('base64'), settings },
      ),
    );
  }
  return out;
}

// Warm the page up once so the first measured encode is not paying for start-up.
await encodeAll();
const encoded = await encodeAll();
await browser.close();

// Per case as the authors send it: one reference and the query, full-size PNG base64.
const authorsUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
const authorsCase = authorsUrl(pngs[0]).length + authorsUrl(pngs[N - 1]).length;
const oursCase = encoded[0].dataUrl.length + encoded[N - 1].dataUrl.length;
console.log(`generated ${N} images 1024x1024 px, noise ±${NOISE}; mean PNG ${(pngs.reduce((n, p) => n + p.length, 0) / N / 1024).toFixed(0)} kB`);
console.log(`bytes per case (1 reference + query), baseline = authors' full-size PNG base64: ${authorsCase} B`);
console.log(`  ours, default settings (${DEFAULT_IMAGE_SETTINGS.maxSidePx} px ${DEFAULT_IMAGE_SETTINGS.format} q${DEFAULT_IMAGE_SETTINGS.quality}): ${oursCase} B`);
console.log(`  ratio ours / baseline: ${(oursCase / authorsCase).toFixed(3)} (aim ≤ 0.15)`);

// Whole request bodies (same prompt, same two images) for the same comparison.
const body = { ...templateBody('authors'), references: { part: ['r0'] } };
const caps = capabilities({ presetId: 'openai' });
const asEncoded = (url: string, i: number, w: number, h: number): EncodedImage => ({ sourceHash: `h${i}`, dataUrl: url, mime: url.slice(5, url.indexOf(';')), bytes: Math.round((url.length * 3) / 4), width: w, height: h });
const req = (refUrl: string, qUrl: string, w: number) =>
  JSON.stringify(
    buildRequest({ body, query: { caseId: 'q', caseName: 'q', className: 'part', kind: 'image', images: [asEncoded(qUrl, 9, w, w)] }, references: [{ caseId: 'r0', caseName: 'r0', role: 'reference', images: [asEncoded(refUrl, 0, w, w)] }], model: 'gpt-4o', caps, stream: true }).body,
  ).length;
const reqAuthors = req(authorsUrl(pngs[0]), authorsUrl(pngs[N - 1]), 1024);
const reqOurs = req(encoded[0].dataUrl, encoded[N - 1].dataUrl, 768);
console.log(`request body bytes: authors-style ${reqAuthors} B, ours ${reqOurs} B, ratio ${(reqOurs / reqAuthors).toFixed(3)}`);

// Preview with 8 references: encoding once (cold) versus rebuilding from the cache (warm).
const coldMs = encoded.reduce((n, e) => n + e.ms, 0);
const cached: EncodedImage[] = encoded.map((e, i) => ({ sourceHash: `h${i}`, dataUrl: e.dataUrl, mime: 'image/jpeg', bytes: e.bytes, width: e.width, height: e.height }));
const wb = { ...templateBody('workbench'), references: { part: cached.slice(0, 8).map((_, i) => `r${i}`) } };
const REPS = 200;
const t0 = performance.now();
for (let k = 0; k < REPS; k++)
  buildRequest({ body: wb, query: { caseId: 'q', caseName: 'q', className: 'part', kind: 'image', images: [cached[8]] }, references: cached.slice(0, 8).map((im, i) => ({ caseId: `r${i}`, caseName: `r${i}`, role: 'reference' as const, images: [im] })), model: 'gpt-4o', caps, stream: true });
const warmMs = (performance.now() - t0) / REPS;
console.log(`preview with 8 references + query: cold encode ${coldMs.toFixed(1)} ms (${(coldMs / N).toFixed(1)} ms per image, baseline), cached rebuild ${warmMs.toFixed(2)} ms, ratio ${(warmMs / coldMs).toFixed(4)}`);
