import { useCallback, useEffect, useRef, useState } from 'react';
import type { Case } from '@/core/model';
import { writeLabels, undoLabels, type LabelPatch } from '@/lib/labeling/label-store';
import { announce, enqueue, pushUndo, useUndoStore } from '@/stores/undo-store';
import { useUiStore } from '@/stores/ui-store';
import { focusOne, type ReviewQueue } from '@/features/review/use-review-queue';

/** After "A" with auto-advance on, how long the case stays for an optional defect-type digit, ms. */
export const DIGIT_WAIT_MS = 1500;

/** The history's words for a label write: "label washer/good-01 anomalous, crack", "note on …". */
export function labelEntryText(names: readonly string[], patch: LabelPatch): string {
  const who = names.length === 1 ? names[0] : `${names.length} cases`;
  if (patch.status === undefined) return `note on ${who}`;
  return `label ${who} ${patch.status}${patch.defectType ? `, ${patch.defectType}` : ''}`;
}

interface Awaiting {
  caseId: string;
  nextId: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Writing labels: one case or the selection, auto-advance (waiting a moment after "anomalous" for
 * an optional defect digit, so "A then 2" types the case just labelled), and every write recorded
 * in the app's one undo history. `message` is the line under the label buttons.
 */
export function useLabelWriter(queue: ReviewQueue, cases: readonly Case[] | undefined, autoAdvance: boolean, undoKey: string) {
  const selected = useUiStore((s) => s.selectedCaseIds);
  const { list, focused } = queue;
  const [message, setMessage] = useState<string>();
  const awaiting = useRef<Awaiting | undefined>(undefined);
  const [awaitingDigit, setAwaitingDigit] = useState<string>();

  // Undo and redo (from here, the Library or the app) are said on the same line.
  const notice = useUndoStore((s) => s.notice);
  const seen = useRef(notice?.id);
  useEffect(() => {
    if (!notice || notice.id === seen.current) return;
    seen.current = notice.id;
    setMessage(notice.text);
  }, [notice]);
  useEffect(() => () => clearTimeout(awaiting.current?.timer), []);

  /** Ends the wait for a defect digit; `advance` moves on, unless the user has moved elsewhere meanwhile. */
  const settleAwaiting = useCallback((advance: boolean) => {
    const w = awaiting.current;
    if (!w) return;
    clearTimeout(w.timer);
    awaiting.current = undefined;
    setAwaitingDigit(undefined);
    if (advance && useUiStore.getState().focusedCaseId === w.caseId) focusOne(w.nextId);
  }, []);

  /** `target`: the case a defect digit belongs to (the one waiting for it), else the focused case or the selection. */
  const label = useCallback(
    async (patch: LabelPatch, what: string, target?: Case) => {
      const one = target ?? focused;
      if (!one) return;
      const bulk = !target && selected.size > 1;
      const ids = bulk ? [...selected] : [one.id];
      const i = target ? -1 : list.findIndex((c) => c.id === one.id);
      const nextCase = i >= 0 ? list[i + 1] : undefined;
      const waitForDigit = !bulk && autoAdvance && !!nextCase && patch.status === 'anomalous' && !patch.defectType;
      settleAwaiting(false);
      if (waitForDigit) {
        const caseId = one.id;
        awaiting.current = { caseId, nextId: nextCase.id, timer: setTimeout(() => settleAwaiting(true), DIGIT_WAIT_MS) };
        setAwaitingDigit(caseId);
      }
      // Move on at once; the write follows in order (writes and undos queue behind each other).
      else if (!bulk && autoAdvance && nextCase) focusOne(nextCase.id);
      const name = one.name.split('/').pop();
      const names = bulk ? ids : [one.name];
      await enqueue(async () => {
        let undo = await writeLabels(ids, patch);
        pushUndo({
          label: labelEntryText(names, patch),
          undo: async () => {
            await undoLabels(undo);
            // Back to the case, so it can be labelled again at once.
            focusOne(one.id);
          },
          redo: async () => {
            undo = await writeLabels(ids, patch);
          },
        });
        setMessage(`${bulk ? `${ids.length} cases` : name}: ${what}. ${waitForDigit ? 'A digit now gives it a defect type. ' : ''}${undoKey} undoes.`);
      }).catch((e: unknown) => announce(e instanceof Error ? e.message : 'The label could not be saved; try again.', 'error'));
    },
    [focused, selected, list, autoAdvance, undoKey, settleAwaiting],
  );

  /** A defect digit: types the case waiting for it (even if the grid moved on), else labels as usual. */
  const labelDefect = useCallback(
    (type: string) => {
      const waitingId = awaiting.current?.caseId;
      const waiting = waitingId ? cases?.find((c) => c.id === waitingId) : undefined;
      if (waiting) settleAwaiting(true);
      void label({ status: 'anomalous', defectType: type }, `labelled anomalous, ${type}`, waiting);
    },
    [cases, label, settleAwaiting],
  );

  return { label, labelDefect, settleAwaiting, isAwaiting: () => !!awaiting.current, awaitingDigit, message, setMessage };
}

export type LabelWriter = ReturnType<typeof useLabelWriter>;
