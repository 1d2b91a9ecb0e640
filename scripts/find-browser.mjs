// Finds a Chromium for end-to-end tests without ever downloading one.
// Order: $CHROMIUM_PATH, /usr/bin/chromium, a browser Playwright already has.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function playwrightCached() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return undefined;
  for (const dir of readdirSync(root).filter((d) => d.startsWith('chromium')).sort().reverse()) {
    for (const rel of ['chrome-linux64/chrome', 'chrome-linux/chrome', 'chrome-linux/headless_shell', 'chrome-headless-shell-linux64/chrome-headless-shell']) {
      const p = join(root, dir, rel);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

/** @returns {string | undefined} */
export function findBrowser() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return SYSTEM_PATHS.find((p) => existsSync(p)) ?? playwrightCached();
}

export const HOW_TO_GET_A_BROWSER =
  'No Chromium found for the end-to-end tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
  'or point CHROMIUM_PATH at an existing Chromium or Chrome binary. The tests never download a browser.';

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findBrowser();
  if (found) console.log(found);
  else {
    console.error(HOW_TO_GET_A_BROWSER);
    process.exit(1);
  }
}
