/**
 * Ingest 1,000 generated 1024×1024 PNGs through the real UI path ("Add files" input → worker pool →
 * IndexedDB) in headless Chromium. Prints total seconds (target ≤ 20 s), the longest main-thread
 * task (PerformanceObserver 'longtask') and the longest gap between animation frames.
 * Baseline, same run, same files: reading + SHA-256 of every file in the page (no decode, no storage).
 * Run: npx tsx bench/ingest-1000.bench.ts [--count N] [--build] [--profile] [--trace | --trace-start]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import { ensureBuild, launchPersistentChromium, profileMainThread, startPreview, traceMainThreadTasks } from './bench-browser';

const COUNT = Number(process.argv[process.argv.indexOf('--count') + 1]) || 1000;
const SIZE = 1024;
const PORT = Number(process.env.PREVIEW_PORT ?? 4181);
// The view open during ingest (the library re-renders as cases arrive; others do not).
/** --no-baselines: the ingest alone (for comparing changes; the ratios print as NaN). */
const NO_BASELINES = process.argv.includes('--no-baselines');
const VIEW = process.argv.includes('--view') ? process.argv[process.argv.indexOf('--view') + 1] : 'library';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A textured RGB PNG (about 1 MB, like a real inspection photo); `seed` varies the pattern. */
function basePng(seed: number): { head: Buffer; tail: Buffer } {
  const raw = Buffer.alloc(SIZE * (SIZE * 3 + 1));
  let s = seed * 7919 + 1;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < SIZE; x++) {
      const d = Math.hypot(x - 512 - seed * 9, y - 512);
      const v = 90 + 60 * Math.sin(d / (12 + seed)) + rnd() * 6;
      raw[row + 1 + x * 3] = v;
      raw[row + 2 + x * 3] = v * 0.9 + x / 16;
      raw[row + 3 + x * 3] = 120 + y / 16 + seed * 4;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { head: Buffer.concat([sig, chunk('IHDR', ihdr)]), tail: Buffer.concat([chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]) };
}

function writeFiles(dir: string): { paths: string[]; bytes: number } {
  const bases = Array.from({ length: 8 }, (_, i) => basePng(i));
  const paths: string[] = [];
  let bytes = 0;
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < COUNT; i++) {
    const b = bases[i % bases.length];
    // A text chunk with the serial makes every file's bytes (and hash) unique.
    const file = Buffer.concat([b.head, chunk('tEXt', Buffer.from(`Comment\0bench ${i}`, 'latin1')), b.tail]);
    const p = join(dir, `part_${String(i).padStart(4, '0')}.png`);
    writeFileSync(p, file);
    paths.push(p);
    bytes += file.length;
  }
  return { paths, bytes };
}

/** CPU seconds (user + system) used so far by the browser started with `profile`, all its processes. */
function browserCpuSeconds(profile: string): number {
  return [...browserThreadCpu(profile).values()].reduce((a, b) => a + b, 0);
}

/** CPU seconds per thread name (e.g. "DedicatedWorker", "ThreadPoolForeg") over the browser's processes. */
function browserThreadCpu(profile: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of browserPids(profile)) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        /* thread ended */
      }
    }
  }
  return out;
}

function browserPids(profile: string): string[] {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const parent = new Map<string, string>();
  const ticks = new Map<string, number>();
  let root: string | undefined;
  for (const pid of procs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(pid, f[1]);
      ticks.set(pid, Number(f[11]) + Number(f[12]));
      if (!root && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profile}`)) root = pid;
    } catch {
      /* process ended meanwhile */
    }
  }
  if (!root) return [];
  const pids: string[] = [];
  for (const pid of ticks.keys()) {
    for (let p: string | undefined = pid; p && p !== '0'; p = parent.get(p)) {
      if (p === root) {
        pids.push(pid);
        break;
      }
    }
  }
  return pids;
}

async function main() {
  ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), 'aw-bench-ingest-'));
  const t0 = performance.now();
  const { paths, bytes } = writeFiles(dir);
  console.log(`generated ${COUNT} PNGs of ${SIZE}×${SIZE} (${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const preview = await startPreview(PORT);
  const profile = mkdtempSync(join(tmpdir(), 'aw-bench-profile-'));
  const browser = await launchPersistentChromium(profile);
  try {
    const page = await browser.newPage();
    // tsx names functions with an `__name` helper that does not exist inside the page.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(() => {
      const w = window as unknown as { __long: { at: number; ms: number }[]; __gap: number; __watch: boolean };
      w.__long = [];
      w.__gap = 0;
      w.__watch = false;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (w.__watch) w.__long.push({ at: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: false });
      let last = performance.now();
      const frame = (t: number) => {
        if (w.__watch) w.__gap = Math.max(w.__gap, t - last);
        last = t;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const startupJs = new Set<string>();
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith('.js') && !path.includes('.worker')) startupJs.add(path.replace(/^\//, ''));
    });
    await page.goto(`${preview.url}/#/${VIEW}`);
    await page.getByTestId('ingest-files-input').waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    const startupKb = [...startupJs].reduce((sum, f) => sum + gzipSync(readFileSync(join('dist', f)), { level: 9 }).length, 0) / 1024;
    console.log(`JS fetched at startup (gzip, incl. the app-wide drop target and header widgets): ${startupKb.toFixed(1)} KB in ${startupJs.size} files (budget 300 KB)`);

    // Baseline: read and hash every file in the page, nothing else.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.id = 'bench-baseline';
      input.hidden = true;
      document.body.append(input);
    });
    await page.locator('#bench-baseline').setInputFiles(paths);
    const baselineMs = NO_BASELINES ? NaN : await page.evaluate(async () => {
      const files = Array.from((document.getElementById('bench-baseline') as HTMLInputElement).files ?? []);
      const t = performance.now();
      let next = 0;
      const lane = async () => {
        while (next < files.length) {
          const f = files[next++];
          await crypto.subtle.digest('SHA-256', await f.arrayBuffer());
        }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
      return performance.now() - t;
    });

    await page.evaluate(() => {
      const w = window as unknown as { __watch: boolean; __t0: number };
      w.__watch = true;
      w.__t0 = performance.now();
    });
    const cpu0 = browserCpuSeconds(profile);
    const threads0 = browserThreadCpu(profile);
    const profiler = process.argv.includes('--profile') || process.argv.includes('--profile-all') ? await profileMainThread(page) : undefined;
    // --trace: wall and CPU time of each long main-thread task; --trace-start: the first 3 s only, with what runs inside.
    const traceStart = process.argv.includes('--trace-start');
    const tracer = process.argv.includes('--trace') || traceStart ? await traceMainThreadTasks(page, traceStart) : undefined;
    const t1 = performance.now();
    await page.getByTestId('ingest-files-input').setInputFiles(paths);
    let traced: Awaited<ReturnType<NonNullable<typeof tracer>['stop']>> | undefined;
    if (tracer && traceStart) {
      await new Promise((r) => setTimeout(r, 3000));
      traced = await tracer.stop();
    }
    await page.getByTestId('ingest-report').waitFor({ timeout: 1_200_000 });
    const wallMs = performance.now() - t1;
    if (tracer && !traceStart) traced = await tracer.stop();
    const cpuS = browserCpuSeconds(profile) - cpu0;
    const threadDelta = [...browserThreadCpu(profile)].map(([k, v]) => [k, v - (threads0.get(k) ?? 0)] as const).filter(([, v]) => v >= 0.2).sort((a, b) => b[1] - a[1]);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const facts = await page.evaluate(async () => {
      const w = window as unknown as { __long: { at: number; ms: number }[]; __gap: number; __watch: boolean; __t0: number };
      w.__watch = false;
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open('anomaly-workbench');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const count = (store: string) =>
        new Promise<number>((ok) => {
          const r = db.transaction(store).objectStore(store).count();
          r.onsuccess = () => ok(r.result);
        });
      const [cases, thumbs] = [await count('cases'), await count('thumbs')];
      db.close();
      const skipped: Record<string, { count: number; example: string }> = {};
      for (const el of Array.from(document.querySelectorAll('[data-reason]'))) {
        const r = el.getAttribute('data-reason')!;
        skipped[r] ??= { count: 0, example: el.textContent ?? '' };
        skipped[r].count += 1;
      }
      return { t0: w.__t0, long: w.__long.map((l) => ({ at: l.at - w.__t0, ms: l.ms })), gap: w.__gap, cases, thumbs, skipped, title: document.querySelector('[data-testid="ingest-report-title"]')?.textContent };
    });

    if (traced) console.log(`main-thread tasks over 50 ms in the trace, wall time / time the thread ran: ${traced.map((t) => `${t.wallMs.toFixed(0)} / ${t.cpuMs.toFixed(0)} ms`).join(', ') || 'none'}`);
    if (traceStart) for (const t of traced ?? []) console.log(`  ${t.wallMs.toFixed(0)} ms task: ${t.inside.join(', ')}`);
    if (profiler) console.log(`main-thread self time inside the long tasks:\n${(await profiler.stop(process.argv.includes('--profile-all') ? undefined : facts.long.map((l) => ({ at: l.at + facts.t0, ms: l.ms })))).join('\n')}`);
    // Second baseline, after the ingest (and after its main-thread facts) so its disk writes cannot slow the ingest: read, hash and
    // store each file in a scratch IndexedDB database (one transaction per file, as ingest does),
    // the least any ingest that keeps the bytes must do.
    const storeBaselineMs = NO_BASELINES ? NaN : await page.evaluate(async () => {
      const files = Array.from((document.getElementById('bench-baseline') as HTMLInputElement).files ?? []);
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open('bench-store-baseline', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('blobs');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const t = performance.now();
      let next = 0;
      const lane = async () => {
        while (next < files.length) {
          const f = files[next++];
          const digest = await crypto.subtle.digest('SHA-256', await f.arrayBuffer());
          const key = Array.from(new Uint8Array(digest).slice(0, 8)).join('.');
          await new Promise<void>((ok, fail) => {
            const tx = db.transaction('blobs', 'readwrite');
            tx.objectStore('blobs').put(f, key);
            tx.oncomplete = () => ok();
            tx.onerror = () => fail(tx.error);
          });
        }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
      const ms = performance.now() - t;
      db.close();
      indexedDB.deleteDatabase('bench-store-baseline');
      return ms;
    });

    const longest = facts.long.length ? Math.max(...facts.long.map((l) => l.ms)) : 0;
    // The target excuses the first task (the browser handing the page 1,000 File objects).
    const afterFirst = facts.long.slice(1);
    const longestAfterFirst = afterFirst.length ? Math.max(...afterFirst.map((l) => l.ms)) : 0;
    const top = [...facts.long].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`report: "${facts.title}"; stored ${facts.cases} cases, ${facts.thumbs} thumbnails`);
    for (const [reason, v] of Object.entries(facts.skipped)) console.log(`  skipped (${reason}): ${v.count}, e.g. ${v.example}`);
    console.log(`ingest of ${COUNT} × ${SIZE}² PNG: ${(wallMs / 1000).toFixed(2)} s total (${(wallMs / COUNT).toFixed(1)} ms/file, target ≤ 20 s for 1,000)`);
    console.log(`browser CPU time during ingest: ${cpuS.toFixed(1)} s over ${cpus().length} cores (≈ ${(cpuS / cpus().length).toFixed(1)} s wall if the machine were otherwise idle); load average at the end ${load}`);
    console.log(`  by thread: ${threadDelta.map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
    console.log(`baseline (read + SHA-256 only, in the page): ${(baselineMs / 1000).toFixed(2)} s; ratio ingest/baseline ${(wallMs / baselineMs).toFixed(2)}×`);
    console.log(`baseline (read + SHA-256 + store the file in IndexedDB, in the page): ${(storeBaselineMs / 1000).toFixed(2)} s; ratio ingest/baseline ${(wallMs / storeBaselineMs).toFixed(2)}×`);
    console.log(`main thread during ingest (${VIEW} view open): longest task ${longest.toFixed(0)} ms (${facts.long.length} long tasks > 50 ms), longest gap between frames ${facts.gap.toFixed(0)} ms`);
    console.log(`  first long task ${facts.long[0] ? `${facts.long[0].ms.toFixed(0)} ms at +${(facts.long[0].at / 1000).toFixed(2)} s` : 'none'}; longest after the first ${longestAfterFirst.toFixed(0)} ms (target ≤ 50 ms); top: ${top.map((l) => `${l.ms.toFixed(0)} ms at +${(l.at / 1000).toFixed(1)} s`).join(', ')}`);
  } finally {
    await browser.close();
    preview.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
