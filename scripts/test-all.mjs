// `npm test`: typecheck, lint, unit tests, production build, end-to-end tests.
// Every step runs even when an earlier one failed, so one run shows all problems.
// Ends with the plain line "N passed, N failed" counting every unit and e2e test;
// a failed typecheck, lint or build counts as one failure each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { findBrowser, HOW_TO_GET_A_BROWSER } from './find-browser.mjs';

const OUT = 'test-results';
mkdirSync(OUT, { recursive: true });

let passed = 0;
let failed = 0;
const problems = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`◀ ${label}: ${r.status === 0 ? 'ok' : `exit ${r.status}`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function step(label, cmd, args) {
  if (run(label, 'npx', [cmd, ...args])) return true;
  failed += 1;
  problems.push(label);
  return false;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

step('typecheck', 'tsc', ['--noEmit', '-p', 'tsconfig.json']);
step('lint', 'oxlint', ['-c', '.oxlintrc.json', '--deny-warnings', 'src', 'e2e', 'scripts', 'bench']);

const unitJson = `${OUT}/unit.json`;
const unitOk = run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
const unit = readJson(unitJson);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  if (!unitOk && unit.numFailedTests === 0) { failed += 1; problems.push('unit tests (suite error)'); }
  else if (unit.numFailedTests > 0) problems.push(`unit tests (${unit.numFailedTests} failed)`);
} else {
  failed += 1;
  problems.push('unit tests (no report)');
}

const built = step('build', 'vite', ['build']);

const browser = findBrowser();
if (!browser) {
  console.error(`\n${HOW_TO_GET_A_BROWSER}`);
  failed += 1;
  problems.push('e2e (no browser)');
} else if (!built) {
  failed += 1;
  problems.push('e2e (skipped: build failed)');
} else {
  const e2eJson = `${OUT}/e2e.json`;
  const e2eOk = run('e2e tests', 'npx', ['playwright', 'test'], { CHROMIUM_PATH: browser, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  const e2e = readJson(e2eJson);
  if (e2e?.stats) {
    passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
    failed += e2e.stats.unexpected;
    if (e2e.stats.flaky) console.log(`\nPassed only on their retry (flaky, counted as passed): ${flakyTitles(e2e).join('; ')}`);
    if (e2e.stats.unexpected > 0) problems.push(`e2e (${e2e.stats.unexpected} failed)`);
    else if (!e2eOk) { failed += 1; problems.push('e2e (runner error)'); }
  } else {
    failed += 1;
    problems.push('e2e (no report)');
  }
}

/** Titles of the tests Playwright reports as flaky (failed, then passed on a retry). */
function flakyTitles(report) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === 'flaky') out.push(`${spec.file}:${spec.line} ${spec.title}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return out;
}

if (problems.length) console.log(`\nProblems: ${problems.join('; ')}`);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(`${OUT}/summary.txt`, `${summary}\n`);
console.log(`\n${summary}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
