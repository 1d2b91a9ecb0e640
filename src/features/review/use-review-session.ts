import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { Case } from '@/core/model';
import { DEFECT_DIGITS, keyLabel, LABEL_ACTIONS, type KeyCommand, type LabelAction } from '@/core/labeling/hotkeys';
import { useCaseImages } from '@/components/use-case-images';
import { useRunChoice } from '@/components/run-options';
import { useReviewReferences } from '@/lib/labeling/review-queries';
import { useRunOutcomes, useRuns, useTestCases } from '@/lib/runs/run-data';
import { useCommands } from '@/stores/command-registry';
import { useHotkeyStore } from '@/stores/hotkey-store';
import { useUiStore } from '@/stores/ui-store';
import { undoLast } from '@/stores/undo-store';
import { useReviewQueue } from '@/features/review/use-review-queue';
import { useLabelWriter } from '@/features/review/use-label-writer';

/** A yes/no preference kept in localStorage. */
function useStoredFlag(key: string, dflt: boolean): [boolean, (v: boolean | ((v: boolean) => boolean)) => void] {
  const [value, set] = useState(() => {
    const v = localStorage.getItem(key);
    return v === null ? dflt : v === '1';
  });
  useEffect(() => localStorage.setItem(key, value ? '1' : '0'), [key, value]);
  return [value, set];
}

/** Every image the model gets for the shown case (frames, depth views), stepped with keys or the strip. */
function useCaseImageStepper(shownCase: Case | undefined) {
  const { images, error } = useCaseImages(shownCase);
  const [imageIndex, setImageIndex] = useState(0);
  useEffect(() => setImageIndex(0), [shownCase?.id]);
  const index = images ? Math.min(imageIndex, images.length - 1) : 0;
  const stepImage = useCallback((d: number) => setImageIndex((i) => Math.max(0, Math.min((images?.length ?? 1) - 1, i + d))), [images?.length]);
  return { images, imageError: error, imageIndex: index, image: images?.[index], setImageIndex, stepImage };
}

/**
 * The review session: the run and its outcomes, the queue of cases, label writes with auto-advance
 * and the shared undo history, preferences, the references to compare with, and the keys.
 */
export function useReviewSession(noteRef: RefObject<HTMLTextAreaElement | null>) {
  const cases = useTestCases();
  const runs = useRuns();
  const [activeRunId, setRunId] = useRunChoice(runs);
  const { byCase, outcomes } = useRunOutcomes(activeRunId, cases);
  const bindings = useHotkeyStore((s) => s.bindings);
  const selected = useUiStore((s) => s.selectedCaseIds);
  const setSelection = useUiStore((s) => s.setSelection);
  const [hideVerdict, setHideVerdict] = useStoredFlag('aw.labeling.hideVerdict', false);
  const [autoAdvance, setAutoAdvance] = useStoredFlag('aw.labeling.autoAdvance', true);
  const [peek, setPeek] = useState<Case>();

  const queue = useReviewQueue(cases, outcomes);
  const { focused, list, move, defectTypes } = queue;
  const writer = useLabelWriter(queue, cases, autoAdvance, keyLabel(bindings.undo[0]));
  const activeRun = runs?.find((r) => r.id === activeRunId);
  const references = useReviewReferences(focused, activeRun?.promptVersionId);
  const shownCase = peek ?? focused;
  const stepper = useCaseImageStepper(shownCase);

  const perform = useCallback(
    (a: LabelAction) => {
      const actions: Record<LabelAction, () => void> = {
        next: () => move(1),
        skip: () => move(1),
        previous: () => move(-1),
        'next-image': () => stepper.stepImage(1),
        'previous-image': () => stepper.stepImage(-1),
        normal: () => void writer.label({ status: 'normal' }, 'labelled normal'),
        anomalous: () => void writer.label({ status: 'anomalous' }, 'labelled anomalous'),
        unsure: () => void writer.label({ status: 'unsure' }, 'labelled unsure'),
        note: () => noteRef.current?.focus(),
        undo: () => void undoLast(),
        'toggle-verdict': () => setHideVerdict((h) => !h),
        'select-all': () => setSelection(list.map((c) => c.id)),
      };
      actions[a]();
    },
    [move, writer, stepper, setHideVerdict, setSelection, list, noteRef],
  );

  const onKeyAction = (a: LabelAction) => {
    // While a labelled case waits for its digit, a move key only ends the wait (no double step).
    if (writer.isAwaiting()) {
      writer.settleAwaiting(true);
      if (a === 'next' || a === 'skip') return;
    }
    perform(a);
  };
  const onDigit = (key: string) => {
    const type = defectTypes[DEFECT_DIGITS.indexOf(key)];
    if (type) writer.labelDefect(type);
    else writer.setMessage(`There is no defect type ${key} for class ${focused?.className ?? ''}; the numbers follow the types already used in this class.`);
  };
  useCommands([
    ...LABEL_ACTIONS.map((a): KeyCommand => ({ id: `review.${a.id}`, title: a.title, keys: bindings[a.id], scope: 'view:review', perform: () => onKeyAction(a.id) })),
    { id: 'review.defect-type', title: 'Anomalous with defect type 1–9', keys: DEFECT_DIGITS, scope: 'view:review', perform: onDigit },
    { id: 'review.clear-selection', title: 'Clear the selection', keys: ['Escape'], scope: 'view:review', perform: () => setSelection([]) },
  ]);

  return {
    cases,
    runs,
    activeRunId,
    setRunId,
    byCase,
    outcomes,
    bindings,
    selected,
    bulk: selected.size > 1,
    hideVerdict,
    setHideVerdict,
    autoAdvance,
    setAutoAdvance,
    peek,
    setPeek,
    shownCase,
    references,
    queue,
    writer,
    perform,
    ...stepper,
  };
}

export type ReviewSession = ReturnType<typeof useReviewSession>;
