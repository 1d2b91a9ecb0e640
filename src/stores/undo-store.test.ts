import { beforeEach, describe, expect, it } from 'vitest';
import { enqueue, pushUndo, redoLast, undoLast, useUndoStore, UNDO_DEPTH } from '@/stores/undo-store';

/** An entry over a shared value, as a label write is over a case's truth. */
function setTo(state: { v: string }, to: string, label: string) {
  const before = state.v;
  state.v = to;
  pushUndo({ label, undo: async () => void (state.v = before), redo: async () => void (state.v = to) });
}

beforeEach(() => useUndoStore.setState({ past: [], future: [], notice: undefined }));

describe('the one undo history', () => {
  it('undoes the latest entry first, whoever recorded it, and redoes it', async () => {
    const truth = { v: 'unlabelled' };
    setTo(truth, 'anomalous', 'label washer/good-01 anomalous');
    const library = { v: 'present' };
    setTo(library, 'deleted', 'delete washer/good-02');
    expect(await undoLast()).toBe('Undid: delete washer/good-02');
    expect(library.v).toBe('present');
    expect(await undoLast()).toBe('Undid: label washer/good-01 anomalous');
    expect(truth.v).toBe('unlabelled');
    expect(useUndoStore.getState().notice?.text).toBe('Undid: label washer/good-01 anomalous');
    expect(await undoLast()).toBe('Nothing to undo.');
    expect(await redoLast()).toBe('Redid: label washer/good-01 anomalous');
    expect(truth.v).toBe('anomalous');
  });

  it('forgets what could be redone once something new is done', async () => {
    const s = { v: 'a' };
    setTo(s, 'b', 'b');
    await undoLast();
    setTo(s, 'c', 'c');
    expect(await redoLast()).toBe('Nothing to redo.');
  });

  it('keeps an entry whose undo failed, says why, and tries again next time', async () => {
    let fail = true;
    pushUndo({ label: 'delete 3 cases', undo: async () => { if (fail) throw new Error('QuotaExceededError'); }, redo: async () => undefined, undoFailed: 'Could not restore the deleted cases: free some space and press Undo again.' });
    expect(await undoLast()).toBe('Could not restore the deleted cases: free some space and press Undo again.');
    expect(useUndoStore.getState().notice).toMatchObject({ tone: 'error', undoable: true });
    fail = false;
    expect(await undoLast()).toBe('Undid: delete 3 cases');
  });

  it('waits for queued writes before undoing, and keeps one depth', async () => {
    const order: string[] = [];
    void enqueue(async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('write');
      pushUndo({ label: 'late write', undo: async () => void order.push('undo'), redo: async () => undefined });
    });
    expect(await undoLast()).toBe('Undid: late write');
    expect(order).toEqual(['write', 'undo']);
    for (let i = 0; i < UNDO_DEPTH + 5; i++) pushUndo({ label: `e${i}`, undo: async () => undefined, redo: async () => undefined });
    expect(useUndoStore.getState().past).toHaveLength(UNDO_DEPTH);
    expect(useUndoStore.getState().past[0].label).toBe('e5');
  });
});
