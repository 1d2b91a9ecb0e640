import { describe, expect, it } from 'vitest';
import type { BatchJob } from '@/core/model';
import { toBatchJsonl } from '@/core/export/openai-batch';
import { BatchSplitError, utf8Bytes, filesToImport, jobFromApi, needsAttention, pollDelayS, splitBatchLines, summariseJobs } from '@/core/runs/batch-api';

const splitText = (text: string, limits: { maxRequests: number; maxBytes: number }) => splitBatchLines(text.split('\n'), limits).map((p) => ({ ...p, text: p.lines.join('') }));

const jsonl = (n: number, pad = 0) => toBatchJsonl(Array.from({ length: n }, (_, i) => ({ caseId: `c${i}`, body: { model: 'm', text: 'x'.repeat(pad) } })));
const job = (o: Partial<BatchJob> = {}): BatchJob => ({ id: 'b1', inputFileId: 'f1', requests: 3, bytes: 10, status: 'validating', createdAt: 1, ...o });

describe('Batch API splitting', () => {
  it('keeps a file that fits in one part, byte for byte', () => {
    const text = jsonl(5);
    const parts = splitText(text, { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 });
    expect(parts).toHaveLength(1);
    expect(parts[0].text).toBe(text);
    expect(parts[0].requests).toBe(5);
    expect(parts[0].bytes).toBe(new TextEncoder().encode(text).length);
  });

  it('splits over the request count and over the byte size, every line once and whole', () => {
    const text = jsonl(7, 100);
    const byCount = splitText(text, { maxRequests: 3, maxBytes: 1e9 });
    expect(byCount.map((p) => p.requests)).toEqual([3, 3, 1]);
    const lineBytes = new TextEncoder().encode(text.split('\n')[0] + '\n').length;
    const bySize = splitText(text, { maxRequests: 100, maxBytes: lineBytes * 2 + 1 });
    expect(bySize.map((p) => p.requests)).toEqual([2, 2, 2, 1]);
    for (const p of bySize) expect(p.bytes).toBeLessThanOrEqual(lineBytes * 2 + 1);
    expect(bySize.map((p) => p.text).join('')).toBe(text);
    const ids = bySize.flatMap((p) => p.text.trim().split('\n').map((l) => (JSON.parse(l) as { custom_id: string }).custom_id));
    expect(ids).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });

  it('counts bytes as UTF-8, so prompts in any language stay within the byte limit', () => {
    expect(utf8Bytes('abc')).toBe(3);
    for (const t of ['Prüfteil ß — 検査', 'Riss 🔍 am Rand', `${'A'.repeat(1000)}é`]) expect(utf8Bytes(t)).toBe(new TextEncoder().encode(t).length);
  });

  it('names the case whose single request is larger than a whole batch file', () => {
    expect(() => splitText(jsonl(2, 2000), { maxRequests: 10, maxBytes: 1000 })).toThrow(BatchSplitError);
    expect(() => splitText(jsonl(2, 2000), { maxRequests: 10, maxBytes: 1000 })).toThrow(/case c0 .*send smaller images/);
  });
});

describe('Batch API status', () => {
  it('backs off between looks, honours a longer Retry-After, and stays bounded', () => {
    const ds = [0, 1, 2, 3, 20].map((a) => pollDelayS(a));
    expect(ds[1]).toBeGreaterThan(ds[0]);
    expect(ds[2]).toBeGreaterThan(ds[1]);
    expect(ds[4]).toBe(300);
    expect(pollDelayS(0, 30)).toBe(30);
    expect(pollDelayS(0, 1e6)).toBe(300);
    // Azure OpenAI asks for a minute between status calls.
    expect(pollDelayS(0, undefined, 60)).toBe(60);
  });

  it('reads counts and files, and says which lines failed validation', () => {
    const running = jobFromApi(job(), { id: 'b1', status: 'in_progress', request_counts: { total: 3, completed: 1, failed: 0 } }, 5);
    expect(running).toMatchObject({ status: 'in_progress', counts: { total: 3, completed: 1, failed: 0 }, checkedAt: 5 });
    expect(needsAttention(running)).toBe(true);
    const failed = jobFromApi(job(), { id: 'b1', status: 'failed', errors: { data: [{ code: 'duplicate_custom_id', message: 'The custom_id c1 is used twice.', line: 3 }, { message: 'Invalid url.', line: 7 }] } }, 6);
    expect(failed.error).toBe('The provider rejected the input file — line 3: The custom_id c1 is used twice; line 7: Invalid url.');
    expect(needsAttention(failed)).toBe(false);
    const done = jobFromApi(job(), { id: 'b1', status: 'completed', output_file_id: 'out', error_file_id: 'err' }, 7);
    expect(filesToImport(done)).toEqual(['out', 'err']);
    expect(filesToImport({ ...done, imported: ['out'] })).toEqual(['err']);
    expect(needsAttention({ ...done, imported: ['out', 'err'] })).toBe(false);
    expect(jobFromApi(job(), { id: 'b1', status: 'expired' }, 8).error).toMatch(/expired/);
    // Azure OpenAI's spelling, and counts it leaves empty while validating.
    expect(jobFromApi(job(), { id: 'b1', status: 'InProgress', request_counts: { total: null as unknown as number } }, 9)).toMatchObject({ status: 'in_progress', counts: { total: 0, completed: 0, failed: 0 } });
    expect(jobFromApi(job({ status: 'in_progress' }), { id: 'b1', status: 'Validating' }, 9).status).toBe('validating');
    expect(jobFromApi(job({ status: 'in_progress' }), { id: 'b1', status: 'something new' }, 9).status).toBe('in_progress');
  });

  it('sums the parts of a split run', () => {
    const s = summariseJobs([job({ requests: 2, counts: { total: 2, completed: 2, failed: 0 }, status: 'completed', imported: [] }), job({ requests: 1, status: 'in_progress', counts: { total: 1, completed: 0, failed: 1 } })]);
    expect(s).toEqual({ requests: 3, completed: 2, failed: 1, finished: 1, parts: 2 });
  });
});
