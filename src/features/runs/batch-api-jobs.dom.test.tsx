import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { Run } from '@/core/model';
import { useProviderStore } from '@/stores/provider-store';

vi.mock('@/lib/runs/run-data', () => ({ useRunResults: () => [] }));
const { BatchApiJobs } = await import('@/features/runs/batch-api-jobs');

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const run = (o: Partial<Run> = {}): Run => ({
  id: 'run-1', name: 'r', detector: 'vlm', provider: { presetId: 'openai', baseURL: 'https://api.openai.com/v1', model: 'gpt-4o' }, params: { batchApi: true }, caseIds: ['a', 'b', 'c'], repeat: 1, status: 'running', createdAt: 1,
  batchJobs: [
    { id: 'batch_1', inputFileId: 'f1', requests: 2, bytes: 10, status: 'in_progress', counts: { total: 2, completed: 1, failed: 0 }, createdAt: 1 },
    { id: 'batch_2', inputFileId: 'f2', requests: 1, bytes: 5, status: 'failed', error: 'The provider rejected the input file — line 1: Invalid url.', createdAt: 1 },
  ],
  ...o,
});

describe('BatchApiJobs', () => {
  it('shows each batch with its status, counts and the lines the provider rejected', () => {
    useProviderStore.setState({ config: { presetId: 'openai', baseURL: 'https://elsewhere.example/v1', model: 'gpt-4o', timeoutS: 30 }, apiKey: 'sk-secret' });
    vi.spyOn(globalThis, 'fetch');
    render(<BatchApiJobs run={run()} />);
    expect(screen.getByTestId('batch-api-summary').textContent).toBe('2 batches · 1 of 3 answered · 1 of 2 finished');
    const jobs = screen.getAllByTestId('batch-api-job');
    expect(jobs.map((j) => j.dataset.status)).toEqual(['in_progress', 'failed']);
    expect(jobs[0].textContent).toContain('1 / 2 done');
    expect(jobs[1].textContent).toContain('line 1: Invalid url.');
  });

  it('never sends the key to another endpoint: it asks to switch Settings back instead', () => {
    useProviderStore.setState({ config: { presetId: 'openai', baseURL: 'https://elsewhere.example/v1', model: 'gpt-4o', timeoutS: 30 }, apiKey: 'sk-secret' });
    const spy = vi.spyOn(globalThis, 'fetch');
    render(<BatchApiJobs run={run()} />);
    expect(screen.getByRole('status').textContent).toBe('Settings now point at https://elsewhere.example/v1; switch back to https://api.openai.com/v1 to keep checking this batch (the key is sent only to its own endpoint).');
    expect(screen.queryByRole('button', { name: 'Check now' })).toBeNull();
    expect(spy).not.toHaveBeenCalled();
  });

  it('after a reload without a remembered key, asks for it before checking', () => {
    useProviderStore.setState({ config: { presetId: 'openai', baseURL: 'https://api.openai.com/v1', model: 'gpt-4o', timeoutS: 30 }, apiKey: '' });
    const spy = vi.spyOn(globalThis, 'fetch');
    render(<BatchApiJobs run={run()} />);
    expect(screen.getByRole('status').textContent).toMatch(/^Enter the API key in Settings to keep checking this batch/);
    expect(spy).not.toHaveBeenCalled();
  });
});
