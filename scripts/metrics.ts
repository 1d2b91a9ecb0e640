// `npm run metrics -- FILE [--policy as-wrong|exclude]`: the same numbers as the Metrics view,
// as JSON, from a results export (CSV or JSON) of the workbench.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { localisationByRun, outcomesByRun, pixelAurocByRun, rowsFromText } from '@/core/export/results-table';
import { localisationMetrics } from '@/core/metrics/localisation';
import { computeMetrics, curves, type FailurePolicy } from '@/core/metrics/metrics';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--policy');
const policyArg = args.includes('--policy') ? args[args.indexOf('--policy') + 1] : 'as-wrong';
if (!file || (policyArg !== 'as-wrong' && policyArg !== 'exclude')) {
  console.error('Usage: npm run metrics -- results.csv|results.json [--policy as-wrong|exclude]');
  process.exit(2);
}
const policy = policyArg as FailurePolicy;
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch {
  console.error(`Cannot read ${file}; check the path.`);
  process.exit(1);
}
try {
  const rows = rowsFromText(text, basename(file));
  const runs: Record<string, unknown> = {};
  const localisation = localisationByRun(rows);
  const pixels = pixelAurocByRun(rows);
  for (const [runId, outcomes] of outcomesByRun(rows)) {
    const name = rows.find((r) => r.runId === runId)?.runName;
    const { roc, pr, reason } = curves(outcomes);
    runs[runId] = { name, cases: outcomes.length, ...computeMetrics(outcomes, policy), curves: reason ? { reason } : { roc, pr }, localisation: localisationMetrics(localisation.get(runId) ?? []), ...(pixels.has(runId) ? { pixelAuroc: pixels.get(runId) } : {}) };
  }
  if (Object.keys(runs).length === 0) console.error(`${basename(file)} has labels but no answers; export a run to get metrics.`);
  console.log(JSON.stringify({ file: basename(file), policy, runs }, (_k, v) => (v === Infinity ? 'Infinity' : v), 2));
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
