import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MmadImport } from '@/features/prompts/mmad-import';
import { templateBody, type PromptBody } from '@/core/prompt/prompt-body';

afterEach(cleanup);

const knowledge = JSON.stringify({
  VisA: {
    candle: {
      good: 'Candle\nDescription: Four white candles in a square. Small bubbles in the wax are acceptable. Slight colour shifts are normal.',
      bad: 'Bad\nDescription: Wax is missing or the wick is damaged.',
    },
  },
});

describe('MmadImport', () => {
  it('maps a class, lets the user untick a tolerated sentence, and applies to the draft', async () => {
    const onApply = vi.fn<(b: PromptBody) => void>();
    render(<MmadImport draft={templateBody('workbench')} classes={['candles']} onApply={onApply} />);
    const file = new File([knowledge], 'domain_knowledge.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('MMAD knowledge file'), { target: { files: [file] } });
    const select = await screen.findByLabelText('MMAD class for candles');
    fireEvent.change(select, { target: { value: 'candle' } });
    expect(screen.getByTestId('mmad-import').textContent).toContain('Four white candles in a square.');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Slight colour shifts are normal.' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply to 1 class' }));
    await waitFor(() => expect(onApply).toHaveBeenCalledTimes(1));
    const body = onApply.mock.calls[0][0];
    expect(body.classContext.candles).toBe('Four white candles in a square.');
    expect(body.rules.map((r) => [r.text, r.kind, r.scope])).toEqual([['Small bubbles in the wax are acceptable.', 'tolerated', 'candles']]);
    expect(body.knownDefects?.candles).toEqual([{ name: 'bad', text: 'Wax is missing or the wick is damaged.' }]);
    expect(body.knowledge.knownDefects).toBe(true);
  });
  it('says in a sentence when the file is not MMAD knowledge', async () => {
    render(<MmadImport draft={templateBody('workbench')} classes={['x']} onApply={() => undefined} />);
    fireEvent.change(screen.getByLabelText('MMAD knowledge file'), { target: { files: [new File(['[1]'], 'other.json')] } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/^"other.json" is not MMAD domain knowledge/);
  });
});
