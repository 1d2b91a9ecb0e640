import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLUMNS } from '@/core/export/results-table';

describe('npm run metrics', () => {
  it('prints the metrics of an exported CSV as JSON, with failures counted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-'));
    const file = join(dir, 'results.csv');
    const line = (o: Record<string, string>) => COLUMNS.map((k) => o[k] ?? '').join(',');
    const rows: Record<string, string>[] = [
      { caseId: 'a', className: 'bottle', label: 'anomalous', runId: 'r1', rep: '0', status: 'ok', verdict: 'anomalous', score: '0.9', scoreSource: 'confidence' },
      { caseId: 'b', className: 'bottle', label: 'normal', runId: 'r1', rep: '0', status: 'ok', verdict: 'normal', score: '0.2', scoreSource: 'confidence' },
      { caseId: 'c', className: 'bottle', label: 'normal', runId: 'r1', rep: '0', status: 'unparsed' },
    ];
    writeFileSync(file, [COLUMNS.join(','), ...rows.map(line)].join('\n'));
    const r = spawnSync('npx', ['tsx', 'scripts/metrics.ts', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const m = out.runs.r1.overall;
    expect(m.outcomes).toEqual({ ok: 2, unparsed: 1, refused: 0, error: 0 });
    expect(m.matrix).toEqual({ tp: 1, fp: 1, tn: 1, fn: 0 });
    expect(m.auroc.value).toBe(1);
    expect(out.runs.r1.policyText).toContain('1 failed answer (1 unparsed) counts as wrong');
  }, 30_000);
});
