/** Shared set-up for browser benchmarks: the built app under `vite preview` and a system Chromium. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
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
