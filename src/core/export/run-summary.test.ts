import { describe, expect, it } from 'vitest';
import { auroc, rocPoints, summariseRun } from '@/core/export/run-summary';
import type { Case, Result } from '@/core/model';

const mk = (id: string, status: Case['truth']['status'], className = 'a'): Case => ({ id, assetId: id, kind: 'image', name: id, className, role: 'test', truth: { status }, maskAssetIds: [], addedAt: 0 });
const res = (caseId: string, score: number | undefined, status: Result['status'] = 'ok'): Result => ({ id: `r:${caseId}:0`, runId: 'r', caseId, rep: 0, status, verdict: status === 'ok' ? (score! >= 0.5 ? 'anomalous' : 'normal') : undefined, score, createdAt: 0 });

describe('run summary', () => {
  it('computes AUROC with ties counted half, and none with a single class', () => {
    expect(auroc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(auroc([0.5, 0.5], [false, true])).toBe(0.5);
    expect(auroc([0.2, 0.3], [true, true])).toBeUndefined();
    expect(rocPoints([0.9, 0.1], [true, false])).toEqual([[0, 0], [0, 1], [1, 1]]);
  });

  it('counts failures and unlabelled cases apart from the confusion matrix', () => {
    const cases = [mk('1', 'normal'), mk('2', 'anomalous'), mk('3', 'anomalous', 'b'), mk('4', 'unlabelled'), mk('5', 'normal', 'b')];
    const s = summariseRun(cases, [res('1', 0.2), res('2', 0.9), res('3', undefined, 'error'), res('4', 0.7), res('5', 0.6)]);
    expect(s.overall).toMatchObject({ tp: 1, tn: 1, fp: 1, fn: 0, failed: 1, unlabelled: 1, scored: 3 });
    expect(s.overall.accuracy).toBeCloseTo(2 / 3);
    expect(s.perClass.map((r) => r.className)).toEqual(['a', 'b']);
    expect(s.perClass[1].auroc).toBeUndefined();
  });
});
