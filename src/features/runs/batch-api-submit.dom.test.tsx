import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { BatchApiSubmit } from '@/features/runs/batch-api-submit';
import { useProviderStore } from '@/stores/provider-store';

afterEach(cleanup);

const use = (presetId: string, apiKey = '') => useProviderStore.setState({ config: { presetId, baseURL: 'https://example.invalid/v1', model: 'gpt-4o', timeoutS: 30 }, apiKey });

describe('BatchApiSubmit', () => {
  it('says why a provider without a Batch API cannot take the batch, and offers no submit', () => {
    use('gemini');
    render(<BatchApiSubmit versionId="v1" caseIds={['a', 'b']} name="n" disabled={false} />);
    expect(screen.getByTestId('batch-api-unsupported').textContent).toMatch(/^Gemini's batch mode takes its own request format .*; run the batch live here, or download the batch file/);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('names the limits it splits at and asks for the key before sending anything', () => {
    use('openai');
    render(<BatchApiSubmit versionId="v1" caseIds={['a', 'b', 'c']} name="n" disabled={false} />);
    expect(screen.getByLabelText('Requests per batch').getAttribute('placeholder')).toBe('≤ 50,000');
    fireEvent.click(screen.getByRole('button', { name: 'Submit 3 requests to the Batch API' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the API key in Settings first; the Batch API is called with your key, from this browser.');
  });

  it('tells Azure users which deployment the batch needs', () => {
    use('azure', 'k');
    render(<BatchApiSubmit versionId="v1" caseIds={['a']} name="n" disabled={false} />);
    expect(screen.getByTestId('batch-api-submit').textContent).toContain('Needs a Global Batch (or Data Zone Batch) deployment');
    expect(screen.getByLabelText('Requests per batch').getAttribute('placeholder')).toBe('≤ 100,000');
  });
});
