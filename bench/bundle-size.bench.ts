/**
 * Initial JavaScript of the built app, gzip-compressed, against the 300 KB budget.
 * "Initial" = the entry script of dist/index.html plus every chunk it imports statically (what the
 * browser must fetch before the app can start). Lazy chunks (views, 3D, video, workers) are listed
 * apart. Run after `vite build`: npx tsx bench/bundle-size.bench.ts [--build]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuild } from './bench-browser';

const BUDGET_KB = 300;
const DIST = 'dist';

const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

function staticImports(file: string): string[] {
  const code = readFileSync(join(DIST, file), 'utf8');
  const out = new Set<string>();
  // Static imports only: `import … from "./x.js"` and bare `import "./x.js"`, not `import("./x.js")`.
  for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) out.add(join('assets', m[1].slice(2)));
  return [...out];
}

function main() {
  ensureBuild();
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const initial = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const f = queue.shift()!;
    if (initial.has(f)) continue;
    initial.add(f);
    queue.push(...staticImports(f));
  }
  const initialBytes = [...initial].reduce((sum, f) => sum + gz(f), 0);
  const allJs = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js')).map((f) => join('assets', f));
  const lazy = allJs.filter((f) => !initial.has(f)).map((f) => ({ f, kb: gz(f) / 1024 })).sort((a, b) => b.kb - a.kb);

  console.log(`initial JS (gzip): ${(initialBytes / 1024).toFixed(1)} KB in ${initial.size} file(s): ${[...initial].join(', ')}`);
  console.log(`budget ${BUDGET_KB} KB; ratio initial/budget ${(initialBytes / 1024 / BUDGET_KB).toFixed(2)}×`);
  console.log(`lazy chunks (gzip): ${lazy.map((l) => `${l.f.replace('assets/', '')} ${l.kb.toFixed(1)} KB`).join(', ')}`);
}

main();
