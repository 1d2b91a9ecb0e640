/**
 * A project of 10,000 cases in the built app (headless Chromium, `vite preview`):
 *  - review: ms from pressing the next-case key until the next case's name, image and the run's
 *    verdict are on screen (in page time, measured at the frame that shows them), target ≤ 50 ms;
 *  - project export and import of 10,000 small images: wall time, archive size, and the page's peak
 *    JS heap growth against the archive size (a whole-archive approach holds at least 1× — the
 *    archive — plus every file inflated: ≥ 2×), with progress seen on the way.
 * The grid's first paint with 10,000 cases is bench/browser-reopen.bench.ts; metrics is metrics-10k.
 *
 *   npx vite build && PREVIEW_PORT=4183 npx tsx bench/scale-10k.bench.ts [cases]
 * BENCH_PROFILE=<dir> keeps the seeded browser profile between runs; SCALE_PARTS=review stops after the review, SCALE_PARTS=transfer skips it.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureBuild, launchPersistentChromium, startPreview } from './bench-browser';
import { makeCases, seedCases } from '../e2e/support/seed-cases';
import { wipeAppDatabase } from '../e2e/support/seed-project';

const N = Number(process.argv[2] ?? 10_000);
const PORT = Number(process.env.PREVIEW_PORT ?? 4183);
const PRESSES = 30;
const REVIEW_TARGET_MS = 50;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (x: number) => `${(x / 1e6).toFixed(1)} MB`;

/** A run with one answer per test case, written straight into IndexedDB. */
async function seedRun(page: Page) {
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('anomaly-workbench');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const cases: { id: string; role: string; truth: { status: string } }[] = await new Promise((res) => {
      const q = db.transaction('cases').objectStore('cases').getAll();
      q.onsuccess = () => res(q.result);
    });
    const tests = cases.filter((c) => c.role === 'test');
    const tx = db.transaction(['runs', 'results'], 'readwrite');
    tx.objectStore('runs').put({ id: 'bench-run', name: 'Bench run', detector: 'baseline', params: {}, caseIds: tests.map((c) => c.id), repeat: 1, status: 'done', createdAt: Date.now() });
    tests.forEach((c, i) => {
      const score = ((i * 7919) % 100) / 100;
      tx.objectStore('results').put({ id: `bench-run:${c.id}:0`, runId: 'bench-run', caseId: c.id, rep: 0, status: 'ok', verdict: score >= 0.5 ? 'anomalous' : 'normal', score, scoreSource: 'baseline', reasoning: `Bench answer ${i}`, createdAt: i });
    });
    await new Promise<void>((res, rej) => {
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  });
}

/** Presses the next-case key and returns the page-time ms until the next case is fully shown. */
async function keyToNext(page: Page): Promise<number> {
  const before = await page.getByTestId('focused-name').textContent();
  await page.evaluate((before) => {
    const w = window as unknown as { __keyAt?: number; __shownAt?: number };
    w.__keyAt = undefined;
    w.__shownAt = undefined;
    window.addEventListener('keydown', () => (w.__keyAt = performance.now()), { capture: true, once: true });
    const poll = () => {
      const name = document.querySelector('[data-testid="focused-name"]')?.textContent ?? '';
      const img = [...document.querySelectorAll('img')].find((i) => i.alt === name && i.complete && i.naturalWidth > 0);
      const verdict = document.querySelector('[data-testid="labeling-view"]')?.textContent?.includes('Bench answer');
      if (w.__keyAt !== undefined && name && name !== before && img && verdict) w.__shownAt = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }, before);
  await page.keyboard.press('j');
  await page.waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt !== undefined, null, { timeout: 10_000 });
  return page.evaluate(() => {
    const w = window as unknown as { __keyAt: number; __shownAt: number };
    return w.__shownAt - w.__keyAt;
  });
}

/** Samples the page's live JS heap every 250 ms until stopped; returns the peak. */
async function watchHeap(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __heapPeak: number; __heapTimer: number };
    // Collected before each sample (Chromium runs with --expose-gc here): the peak of live memory, not of garbage.
    const used = () => ((globalThis as unknown as { gc: () => void }).gc(), (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
    w.__heapPeak = used();
    w.__heapTimer = window.setInterval(() => (w.__heapPeak = Math.max(w.__heapPeak, used())), 250);
  });
  return async () =>
    page.evaluate(() => {
      const w = window as unknown as { __heapPeak: number; __heapTimer: number };
      clearInterval(w.__heapTimer);
      return w.__heapPeak;
    });
}

async function review(page: Page, url: string) {
  await page.goto(`${url}/#/review`);
  await page.getByTestId('focused-name').filter({ hasText: /\S/ }).waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="labeling-view"]').getByText('Bench answer').first().waitFor({ timeout: 60_000 });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const presses: number[] = [];
  for (let i = 0; i < PRESSES + 3; i++) {
    const x = await keyToNext(page);
    if (i >= 3) presses.push(x);
  }
  const med = median(presses);
  console.log(`review, next-case key → next case's name, image and verdict shown (${PRESSES} presses): median ${ms(med)}, p90 ${ms(pct(presses, 0.9))}, max ${ms(Math.max(...presses))}; ratio ${(med / REVIEW_TARGET_MS).toFixed(2)}× the ${REVIEW_TARGET_MS} ms target`);
}

/** What an archive holds, from its central directory: files (count and bytes) and the manifest's bytes. */
function archiveParts(zipPath: string): { files: number; fileBytes: number; manifestBytes: number } {
  const out = { files: 0, fileBytes: 0, manifestBytes: 0 };
  unzipSync(readFileSync(zipPath), {
    filter: (f) => {
      if (f.name === 'manifest.json') out.manifestBytes = f.originalSize;
      else {
        out.files++;
        out.fileBytes += f.originalSize;
      }
      return false;
    },
  });
  return out;
}

async function heapNow(page: Page): Promise<number> {
  const s = await page.context().newCDPSession(page);
  await s.send('HeapProfiler.collectGarbage');
  await s.detach();
  return page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
}

async function main() {
  ensureBuild();
  const preview = await startPreview(PORT);
  // BENCH_PROFILE keeps the seeded profile between runs (seeding 10,000 files takes minutes).
  const kept = process.env.BENCH_PROFILE;
  const profile = kept ?? mkdtempSync(join(tmpdir(), 'aw-scale-'));
  const ctx = await launchPersistentChromium(profile, ['--js-flags=--expose-gc']);
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    // tsx keeps function names through a `__name` call that the page does not have.
    await page.addInitScript('globalThis.__name ??= (f) => f');
    await page.goto(`${preview.url}/`);
    let t = Date.now();
    const seeded = await page.getByTestId('case-count').or(page.getByRole('heading', { name: 'No cases yet' })).textContent({ timeout: 60_000 });
    if (seeded?.includes(`${N.toLocaleString('en-US')} cases`)) console.log(`the kept profile holds ${seeded}`);
    else {
      await seedCases(page, makeCases(N), { thumbPx: 96, distinctThumbs: 24, hashedFiles: true });
      await seedRun(page);
      console.log(`seeded ${N.toLocaleString('en-US')} cases, each with its own small file, and a run with one answer per test case in ${Date.now() - t} ms`);
    }

    // Review: key to next case.
    if (process.env.SCALE_PARTS !== 'transfer') await review(page, preview.url);
    if (process.env.SCALE_PARTS === 'review') return;
    // Export.
    await page.goto(`${preview.url}/#/share`);
    await page.getByRole('button', { name: 'Export project' }).waitFor({ timeout: 60_000 });
    const heap0 = await heapNow(page);
    const peak = await watchHeap(page);
    t = Date.now();
    const downloaded = page.waitForEvent('download', { timeout: 3_600_000 });
    await page.getByRole('button', { name: 'Export project' }).click();
    const sawExportProgress = await page.getByTestId('transfer-progress').waitFor({ timeout: 5_000 }).then(() => true, () => false);
    const download = await downloaded;
    const zipPath = join(profile, 'project.zip');
    await download.saveAs(zipPath);
    const exportMs = Date.now() - t;
    const exportPeak = (await peak()) - heap0;
    const size = statSync(zipPath).size;
    const parts = archiveParts(zipPath);
    console.log(`export of ${N.toLocaleString('en-US')} cases: ${(exportMs / 1000).toFixed(1)} s, archive ${mb(size)} (${parts.files.toLocaleString('en-US')} files of ${mb(parts.fileBytes)} and a manifest of ${mb(parts.manifestBytes)}); peak JS heap growth ${mb(exportPeak)} = ${(exportPeak / size).toFixed(2)}× the archive, ${(exportPeak / parts.fileBytes).toFixed(2)}× the files (a whole-archive export holds ≥ 2× the archive; ours holds the case rows and the manifest, ${(exportPeak / parts.manifestBytes).toFixed(1)}× its size, and streams the files)${sawExportProgress ? '' : ' (progress not caught on screen)'}`);

    // Import into an empty project.
    await wipeAppDatabase(page);
    await page.reload();
    await page.getByText('Nothing to share yet').waitFor({ timeout: 60_000 });
    const heap1 = await heapNow(page);
    const peak2 = await watchHeap(page);
    t = Date.now();
    await page.getByTestId('import-project-input').setInputFiles(zipPath);
    await page.getByTestId('transfer-progress').waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 3_600_000 });
    const importMs = Date.now() - t;
    const importPeak = (await peak2()) - heap1;
    const said = await page.getByRole('status').filter({ hasText: 'Imported' }).textContent();
    console.log(`import of the same file: ${(importMs / 1000).toFixed(1)} s; peak JS heap growth ${mb(importPeak)} = ${(importPeak / size).toFixed(2)}× the archive (a whole-archive import holds ≥ 2×)`);
    console.log(`  the page said: ${said}`);
    console.log(`machine load average (1 min): ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores`);
  } finally {
    await ctx.close();
    preview.stop();
    if (!kept) rmSync(profile, { recursive: true, force: true });
  }
}

await main();
