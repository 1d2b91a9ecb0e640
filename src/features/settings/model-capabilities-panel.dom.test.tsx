import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ModelThinking } from '@/components/model-thinking';
import { ModelCapabilitiesPanel, ModelList } from '@/features/settings/model-capabilities-panel';
import { useProviderStore } from '@/stores/provider-store';

afterEach(() => cleanup());

const setConfig = (presetId: string, model: string) => useProviderStore.setState({ config: { presetId, baseURL: 'http://x/v1', model, timeoutS: 30 } });

describe('model capabilities in Settings', () => {
  it('says which row the model matched and marks each value as from the table, the provider, or yours (resettable)', () => {
    setConfig('openai', 'o4-mini');
    render(<ModelCapabilitiesPanel />);
    expect(screen.getByTestId('model-match').textContent).toBe('o4-mini matched o-series (reasoning) in the model table.');
    expect(screen.getByTestId('cap-tokenParam').textContent).toContain('from the table');
    expect(screen.getByTestId('cap-maxOutputTokens').textContent).toContain('from the table');
    fireEvent.change(screen.getByLabelText('Output ceiling'), { target: { value: '4000' } });
    expect(useProviderStore.getState().config.caps).toEqual({ maxOutputTokens: 4000 });
    expect(screen.getByTestId('cap-maxOutputTokens').textContent).toContain('yours');
    fireEvent.click(screen.getByRole('button', { name: 'Reset Output ceiling (tokens)' }));
    expect(useProviderStore.getState().config.caps).toBeUndefined();
    expect(screen.getByTestId('cap-maxOutputTokens').textContent).toContain('from the table');
  });

  it('an unknown model gets a visible note that the provider defaults apply', () => {
    setConfig('openai', 'gpt-9-vision');
    render(<ModelCapabilitiesPanel />);
    expect(screen.getByTestId('model-match').textContent).toContain('"gpt-9-vision" is not in the model table');
    expect(screen.getByTestId('cap-tokenParam').textContent).toContain('from the provider');
  });

  it('the model list marks which table row each offered model matched', () => {
    render(<ModelList config={{ presetId: 'gemini', baseURL: 'x', model: 'gemini-2.5-flash', timeoutS: 30 }} models={['gemini-2.5-flash', 'gemini-2.5-pro', 'text-embedding-004']} onPick={() => {}} />);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['gemini-2.5-flashGemini 2.5 Flash (thinks by default)', 'gemini-2.5-proGemini 2.5 Pro (always thinks)', 'text-embedding-004not in the table: provider defaults']);
  });
});

describe("the model's thinking", () => {
  it('is labelled, collapsed, and plain text even when it holds markup', () => {
    const { container } = render(<ModelThinking result={{ thinking: 'Compare <img src="http://evil/x.png"> rims first.', usage: { promptTokens: 1, completionTokens: 900, reasoningTokens: 850 } }} />);
    expect(screen.getByText("The model's thinking · 850 reasoning tokens")).toBeTruthy();
    expect(container.querySelector('details')?.open).toBe(false);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src="http://evil/x.png">');
  });
});
