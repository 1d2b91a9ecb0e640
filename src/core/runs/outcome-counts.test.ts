import { describe, expect, it } from 'vitest';
import { countOutcomes, failedCount, runHealth } from '@/core/runs/outcome-counts';

describe('outcome counts', () => {
  it('counts unparsed and refused answers as failed, not as done and fine', () => {
    const c = countOutcomes([{ status: 'unparsed', usage: { promptTokens: 10, completionTokens: 5 } }, { status: 'refused' }, { status: 'ok', costUsd: 0.01 }, { status: 'error' }]);
    expect(c).toMatchObject({ saved: 4, ok: 1, unparsed: 1, refused: 1, error: 1 });
    expect(failedCount(c)).toBe(3);
    expect(runHealth(c, 4)).toBe('partial');
    expect(runHealth(countOutcomes([{ status: 'unparsed' }, { status: 'unparsed' }]), 2)).toBe('failed');
    expect(runHealth(countOutcomes([{ status: 'ok' }]), 1)).toBe('ok');
  });

  it('keeps an unknown price apart from a zero cost', () => {
    const c = countOutcomes([{ status: 'ok', usage: { promptTokens: 100, completionTokens: 20 } }, { status: 'ok', reusedFrom: 'x', costUsd: 0 }]);
    expect(c.unpriced).toBe(1);
    expect(c.costUsd).toBe(0);
    expect(c.reused).toBe(1);
  });
});
