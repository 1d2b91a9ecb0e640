/**
 * Reopening a project of 10,000 cases: ms from navigation until the case grid shows its first cells
 * (and their first thumbnail), against reopening an empty project in the same browser (baseline).
 * Then scrolls the grid to the end and prints the longest frame and long task, against idle frames.
 * Runs the production build under `vite preview` in headless Chromium. Prints numbers only.
 *
 *   npx vite build && PREVIEW_PORT=4183 npx tsx bench/browser-reopen.bench.ts [cases]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import config from '../playwright.config';
import { makeCases, seedCases } from '../e2e/support/seed-cases';

const N = Number(process.argv[2] ?? 10_000);
const REPS = 3;
const PORT = Number(process.env.PREVIEW_PORT ?? 4173);
const BASE = `http://127.0.0.1:${PORT}`;

async function waitForServer(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${url} within ${ms} ms.`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Records (in page time, ms since navigation) when a selector first matches. */
const WATCH = `
  globalThis.__name ??= (f) => f; // tsx keeps function names through this call
  window.__seen = {};
  const watch = { cell: '[data-testid="case-cell"]', empty: 'h2', thumb: '[data-testid="case-cell"] img' };
  const check = () => {
    for (const [k, sel] of Object.entries(watch)) {
      if (window.__seen[k]) continue;
      const el = document.querySelector(sel);
      if (!el) continue;
      if (k === 'empty' && el.textContent !== 'No cases yet') continue;
      if (k === 'thumb' && !(el.complete && el.naturalWidth > 0)) continue;
      window.__seen[k] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  const poll = () => { check(); if (!window.__seen.thumb) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
`;

async function timeReload(page: Page, key: 'cell' | 'empty' | 'thumb'): Promise<number> {
  await page.reload();
  await page.waitForFunction((k) => (window as unknown as { __seen: Record<string, number> }).__seen?.[k] !== undefined, key, { timeout: 30_000 });
  return page.evaluate((k) => (window as unknown as { __seen: Record<string, number> }).__seen[k], key);
}

/**
 * Frame gaps and long tasks while the grid scrolls by `screensPerFrame` each frame until its end
 * or for at most `maxMs` (0 screens = idle baseline).
 */
async function frameStats(page: Page, screensPerFrame: number, maxMs: number) {
  return page.evaluate(async ({ screensPerFrame, maxMs }) => {
    const el = document.querySelector('[role="listbox"]') as HTMLElement;
    let longest = 0;
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
    });
    obs.observe({ type: 'longtask', buffered: false });
    const gaps: number[] = [];
    let last = performance.now();
    const start = last;
    el.scrollTop = 0;
    const step = el.clientHeight * screensPerFrame;
    const scroll = step > 0;
    await new Promise<void>((done) => {
      const tick = () => {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
        const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
        if ((scroll && atEnd) || now - start > maxMs) return done();
        if (scroll) el.scrollTop += step;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await new Promise((r) => setTimeout(r, 100));
    obs.disconnect();
    gaps.shift();
    const sorted = [...gaps].sort((a, b) => a - b);
    return {
      frames: gaps.length,
      maxFrame: sorted.at(-1) ?? 0,
      p95Frame: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      longestTask: longest,
      durationMs: performance.now() - start,
      cellsAtEnd: document.querySelectorAll('[data-testid="case-cell"]').length,
    };
  }, { screensPerFrame, maxMs });
}

async function main() {
  if (!existsSync('dist/index.html')) {
    console.log('no build in dist/: building it first');
    const b = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('The production build failed; fix it and run the benchmark again.');
  }
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  try {
    await waitForServer(BASE, 30_000);
    const browser = await chromium.launch(config.use?.launchOptions);
    const page = await browser.newPage({ viewport: config.use?.viewport ?? { width: 1400, height: 900 } });
    await page.addInitScript(WATCH);
    await page.goto(BASE + '/');
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor();

    const empty: number[] = [];
    for (let i = 0; i < REPS; i++) empty.push(await timeReload(page, 'empty'));

    const t0 = Date.now();
    await seedCases(page, makeCases(N), { thumbPx: 96, distinctThumbs: 24 });
    console.log(`seeded ${N.toLocaleString('en-US')} cases with 96 px thumbnails in ${ms(Date.now() - t0)}`);

    const cells: number[] = [];
    const thumbs: number[] = [];
    for (let i = 0; i < REPS; i++) {
      cells.push(await timeReload(page, 'cell'));
      await page.waitForFunction(() => (window as unknown as { __seen: Record<string, number> }).__seen.thumb !== undefined, null, { timeout: 30_000 });
      thumbs.push(await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen.thumb));
    }
    const shown = await page.getByTestId('case-count').textContent();

    const base = median(empty);
    const first = median(cells);
    console.log(`baseline  reopen empty project → empty state:        ${ms(base)} (median of ${REPS}: ${empty.map(ms).join(', ')})`);
    console.log(`reopen ${N.toLocaleString('en-US')} cases → first grid cells:            ${ms(first)} (median of ${REPS}: ${cells.map(ms).join(', ')})  ratio ${(first / base).toFixed(2)}× baseline  [target ≤ 1000 ms]`);
    console.log(`reopen ${N.toLocaleString('en-US')} cases → first thumbnail drawn:       ${ms(median(thumbs))} (${thumbs.map(ms).join(', ')})`);
    console.log(`grid says: "${shown}"`);
    console.log(`machine load average (1 min): ${loadavg()[0].toFixed(2)} — frame times swing with it`);

    const idle = await frameStats(page, 0, 1500);
    const steady = await frameStats(page, 0.25, 3000);
    const fling = await frameStats(page, 1.5, 60_000);
    const vsIdle = (x: number) => `${(x / Math.max(1, idle.maxFrame)).toFixed(2)}× idle`;
    console.log(`baseline  idle frames over 1.5 s:  longest frame ${ms(idle.maxFrame)}, p95 ${ms(idle.p95Frame)}, longest task ${ms(idle.longestTask)}`);
    console.log(
      `steady scroll, ¼ screen per frame, 3 s (${steady.frames} frames): longest frame ${ms(steady.maxFrame)} (${vsIdle(steady.maxFrame)}), p95 ${ms(steady.p95Frame)}, longest task ${ms(steady.longestTask)}`,
    );
    console.log(
      `fling to the end, 1.5 screens per frame (${fling.frames} frames, ${ms(fling.durationMs)}): longest frame ${ms(fling.maxFrame)} (${vsIdle(fling.maxFrame)}), p95 ${ms(fling.p95Frame)}, longest task ${ms(fling.longestTask)}, cells in DOM at the end ${fling.cellsAtEnd}`,
    );

    // Select everything, delete it, and undo: one transaction each way.
    await page.getByRole('listbox', { name: 'Cases' }).focus();
    await page.keyboard.press('Control+a');
    let t = Date.now();
    await page.keyboard.press('Delete');
    await page.getByRole('heading', { name: 'No cases yet' }).waitFor({ timeout: 120_000 });
    const delMs = Date.now() - t;
    t = Date.now();
    await page.keyboard.press('Control+z');
    await page.getByTestId('case-count').filter({ hasText: `${N.toLocaleString('en-US')} cases` }).waitFor({ timeout: 120_000 });
    const undoMs = Date.now() - t;
    console.log(`delete all ${N.toLocaleString('en-US')} cases → empty state: ${ms(delMs)}; undo → all back: ${ms(undoMs)}`);
    await browser.close();
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

await main();
