/** Shared set-up for browser benchmarks: the built app under `vite preview` and a system Chromium. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper without types
import { findBrowser } from '../scripts/find-browser.mjs';

export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader'];

export function ensureBuild() {
  if (existsSync('dist/index.html') && !process.argv.includes('--build')) return;
  console.log('building the app (vite build)…');
  const r = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('The build failed; fix it before benchmarking.');
}

export async function startPreview(port: number): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid);
    } catch {
      /* already gone */
    }
  };
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not start on port ${port} (is the port taken?).`);
}

export async function launchChromium(): Promise<Browser> {
  const executablePath: string | undefined = findBrowser();
  if (!executablePath) throw new Error('No Chromium found; install one or set CHROMIUM_PATH.');
  return chromium.launch({ executablePath, args: LAUNCH_ARGS });
}

/**
 * A Chromium with an on-disk profile in `userDataDir`: storage quota as a real user has it
 * (a throwaway incognito context keeps IndexedDB in memory and runs out near 1.6 GB).
 */
export async function launchPersistentChromium(userDataDir: string, extraArgs: string[] = []): Promise<BrowserContext> {
  const executablePath: string | undefined = findBrowser();
  if (!executablePath) throw new Error('No Chromium found; install one or set CHROMIUM_PATH.');
  return chromium.launchPersistentContext(userDataDir, { executablePath, args: [...LAUNCH_ARGS, ...extraArgs], viewport: { width: 1400, height: 900 } });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/**
 * Samples the page's main thread (CDP Profiler) until `stop`, which returns the functions that
 * took the most self time, optionally only inside the given windows (ms since the profile
 * started) — e.g. the long tasks — so a slow frame can be traced to its code.
 */
export async function profileMainThread(page: Page): Promise<{ stop: (windows?: { at: number; ms: number }[]) => Promise<string[]> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const startedAt = await page.evaluate(() => performance.now());
  return {
    async stop(windows) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const self = new Map<string, number>();
      let t = 0;
      for (let i = 0; i < profile.samples.length; i++) {
        t += profile.timeDeltas[i] / 1000;
        const at = t;
        if (windows && !windows.some((w) => at >= w.at - startedAt && at <= w.at - startedAt + w.ms)) continue;
        const f = byId.get(profile.samples[i])!.callFrame;
        const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
        self.set(name, (self.get(name) ?? 0) + profile.timeDeltas[i] / 1000);
      }
      await cdp.detach();
      return [...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`);
    },
  };
}

/**
 * Records the browser's top-level task trace, to tell, for each long task on the page's main
 * thread, how much of its wall time the thread actually ran (`tdur`) and how much it waited for
 * a core. On a loaded machine a task can be long on the clock while short in work.
 */
export async function traceMainThreadTasks(page: Page, detailed = false): Promise<{ stop: () => Promise<{ wallMs: number; cpuMs: number; inside: string[] }[]> }> {
  const cdp = await page.context().newCDPSession(page);
  // Detailed: what runs inside each task too (heavier; for a few seconds only).
  const categories = detailed ? 'toplevel,blink,v8,devtools.timeline,disabled-by-default-devtools.timeline,mojom,ipc,gpu,viz,cc,angle' : 'toplevel';
  await cdp.send('Tracing.start', { categories, transferMode: 'ReturnAsStream' });
  return {
    async stop() {
      const done = new Promise<string>((ok) => cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => ok(e.stream!)));
      await cdp.send('Tracing.end');
      const handle = await done;
      let text = '';
      for (;;) {
        const chunk = (await cdp.send('IO.read', { handle, size: 1 << 22 })) as { data: string; eof: boolean; base64Encoded?: boolean };
        text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
        if (chunk.eof) break;
      }
      await cdp.send('IO.close', { handle });
      if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, text);
      await cdp.detach();
      type Ev = { ph: string; name: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } };
      const parsed = JSON.parse(text) as { traceEvents: Ev[] } | Ev[];
      const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
      const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
      const isTask = (e: Ev) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
      const long = events.filter((e) => e.ph === 'X' && isTask(e) && mains.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) > 50_000);
      // A task's own nested task event (two names for one task here) is left out.
      const within = (e: Ev, o: Ev) => o !== e && o.tid === e.tid && o.pid === e.pid && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0);
      return long
        .filter((e) => !long.some((o) => within(e, o)))
        .map((t) => {
          // The longest events inside the task on the same thread (nested ones overlap; a rough picture).
          const inside = events
            .filter((e) => e.ph === 'X' && e !== t && !isTask(e) && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && (e.dur ?? 0) > 5_000)
            .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
            .slice(0, 8)
            .map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(0)} ms`);
          return { wallMs: (t.dur ?? 0) / 1000, cpuMs: (t.tdur ?? NaN) / 1000, inside };
        });
    },
  };
}
