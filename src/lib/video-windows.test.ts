import { describe, expect, it } from 'vitest';
import { latestVerdicts } from '@/lib/video-windows';
import type { Result } from '@/core/model';

const r = (caseId: string, createdAt: number, verdict: Result['verdict']): Result => ({ id: `${caseId}-${createdAt}`, runId: 'r', caseId, rep: 0, status: 'ok', verdict, createdAt });

describe('window verdicts', () => {
  it('takes the most recent result of each window', () => {
    const m = latestVerdicts([r('w0', 1, 'normal'), r('w0', 3, 'anomalous'), r('w1', 2, 'normal'), r('w0', 2, 'normal')]);
    expect(m.get('w0')?.verdict).toBe('anomalous');
    expect(m.get('w1')?.verdict).toBe('normal');
    expect(m.has('w2')).toBe(false);
  });
});
