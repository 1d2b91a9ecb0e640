import { useCallback, useEffect, useRef, useState } from 'react';
import { useAnsweredCase, type AnsweredCase } from '@/lib/runs/run-queries';
import { Kbd } from '@/components/ui/kbd';
import { useCommands } from '@/stores/command-registry';
import { commandMaker } from '@/core/labeling/hotkeys';
import { boxesOn } from '@/features/share/case-visual';
import type { Case } from '@/core/model';
import { useCaseImages } from '@/components/use-case-images';
import { CaseVisual } from '@/features/share/case-visual';

/**
 * Full-screen walk through a set of cases for a meeting: the input large, the class's
 * references, the verdict and reasoning in readable type. Nothing about keys, costs or settings.
 * Arrow keys (and Space, Page Up/Down, Home, End) step; H toggles the heatmap; Esc leaves.
 */
/** A path that wraps at its slashes, not inside a word. */
function pathWithBreaks(name: string) {
  return name.split('/').map((part, i) => (
    <span key={i}>
      {i > 0 && '/'}
      {i > 0 && <wbr />}
      {part}
    </span>
  ));
}

export function PresentationMode({ caseIds, runId, onExit }: { caseIds: string[]; runId?: string; onExit: () => void }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(0);
  const [heat, setHeat] = useState(true);
  const [outline, setOutline] = useState(false);
  const total = caseIds.length;
  const step = useCallback((d: number) => setIndex((i) => Math.min(total - 1, Math.max(0, i + d))), [total]);
  // Within a case: every image the model got (frames, depth views); undefined = the one the answer points at.
  const [imageStep, setImageStep] = useState<number>();
  const imageCount = useRef(1);
  const stepImage = useCallback((d: number) => setImageStep((i) => Math.min(imageCount.current - 1, Math.max(0, (i ?? 0) + d))), []);
  useEffect(() => setImageStep(undefined), [index]);

  const exit = useCallback(() => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    onExit();
  }, [onExit]);

  useEffect(() => {
    const el = rootRef.current;
    // Fullscreen needs the click that opened us; where it is refused the overlay still fills the window.
    el?.requestFullscreen?.().catch(() => undefined);
    el?.focus();
    let wasFull = false;
    const onFs = () => {
      if (document.fullscreenElement) wasFull = true;
      else if (wasFull) onExit();
    };
    document.addEventListener('fullscreenchange', onFs);
    return () => document.removeEventListener('fullscreenchange', onFs);
  }, [onExit]);

  // The overlay owns these keys while it is open, ahead of the view beneath it.
  const key = commandMaker('overlay:presentation', { inFields: 'text' });
  useCommands([
    key('next', 'Next case', ['ArrowRight', 'ArrowDown', 'PageDown', ' '], () => step(1)),
    key('previous', 'Previous case', ['ArrowLeft', 'ArrowUp', 'PageUp'], () => step(-1)),
    key('next-image', 'Next image of the case', ['.'], () => stepImage(1)),
    key('previous-image', 'Previous image of the case', [','], () => stepImage(-1)),
    key('first', 'First case', ['Home'], () => setIndex(0)),
    key('last', 'Last case', ['End'], () => setIndex(total - 1)),
    key('heat', 'Show / hide the heatmap', ['h'], () => setHeat((v) => !v)),
    key('outline', 'Show / hide the outline', ['o'], () => setOutline((v) => !v)),
    key('exit', 'Leave presentation mode', ['Escape'], exit),
  ]);

  const caseId = caseIds[index];
  const data = useAnsweredCase(caseId, runId);

  const c = data?.c;
  const r = data?.r;
  const { images } = useCaseImages(c);
  useEffect(() => {
    imageCount.current = images?.length ?? 1;
  }, [images]);
  const shownImage = imageStep ?? r?.locations?.[0]?.image ?? 0;

  return (
    <div ref={rootRef} tabIndex={-1} role="dialog" aria-label="Presentation" data-testid="presentation" className="fixed inset-0 z-50 flex flex-col bg-zinc-950 text-zinc-100 outline-none">
      <div className="flex min-h-0 flex-1 gap-8 p-8">
        <div className="flex min-w-0 flex-1 items-center justify-center">
          {c && <CaseVisual c={c} heatmap={r?.artefacts?.heatmap} imageIndex={shownImage} boxes={boxesOn(r, shownImage)} maskOutline={outline} showHeatmap={heat && shownImage === (r?.locations?.[0]?.image ?? 0)} className="aspect-square h-full max-h-[82vh] max-w-full rounded-xl bg-black ring-1 ring-zinc-800" />}
        </div>
        <aside className="flex w-[30rem] shrink-0 flex-col gap-6 overflow-y-auto">
          {c && data ? (
            <SlideDetails data={data} c={c} />
          ) : (
            <p className="text-xl text-zinc-400">{total ? 'Loading…' : 'No cases to present.'}</p>
          )}
        </aside>
      </div>
      <footer className="flex items-center gap-4 border-t border-zinc-900 px-8 py-3 text-sm text-zinc-500">
        <span className="tabular-nums text-zinc-300" data-testid="presentation-position">
          {total ? index + 1 : 0} / {total}
        </span>
        <div className="h-1 flex-1 overflow-hidden rounded bg-zinc-900">
          <div className="h-full bg-sky-600" style={{ width: `${total ? ((index + 1) / total) * 100 : 0}%` }} />
        </div>
        <span className="flex items-center gap-1.5">
          <Kbd>←</Kbd>
          <Kbd>→</Kbd> step · {(images?.length ?? 1) > 1 && <span data-testid="presentation-image">image {shownImage + 1} / {images!.length} <Kbd>,</Kbd> <Kbd>.</Kbd> · </span>}<Kbd>H</Kbd> heatmap · <Kbd>O</Kbd> mask outline · <Kbd>Esc</Kbd> leave
        </span>
      </footer>
    </div>
  );
}

/** Beside the picture: class and name, verdict, label, reasoning and the references. */
function SlideDetails({ data, c }: { data: AnsweredCase; c: Case }) {
  const r = data.r;
  const verdictTone = r?.verdict === 'anomalous' ? 'bg-rose-600 text-white' : r?.verdict === 'normal' ? 'bg-emerald-600 text-white' : 'bg-zinc-700 text-zinc-200';
  const label = c.truth.status;
  const labelTone = label === 'anomalous' ? 'text-rose-300' : label === 'normal' ? 'text-emerald-300' : 'text-amber-300';
  const agrees = r?.verdict && (label === 'normal' || label === 'anomalous') ? r.verdict === label : undefined;
  return (
    <>
      <div>
        <div className="text-sm uppercase tracking-widest text-sky-400">{c.className}</div>
        <h2 className="mt-1 text-2xl font-semibold [overflow-wrap:anywhere]" data-testid="presentation-case-name">{pathWithBreaks(c.name)}</h2>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        {r?.status === 'ok' && r.verdict ? (
          <span className={`rounded-lg px-4 py-2 text-2xl font-bold capitalize ${verdictTone}`} data-testid="presentation-verdict">{r.verdict}</span>
        ) : (
          <span className="rounded-lg bg-zinc-800 px-4 py-2 text-xl text-zinc-300">{r ? `No verdict (${r.status})` : 'Not run'}</span>
        )}
        {r?.score !== undefined && <span className="text-xl tabular-nums text-zinc-300">score {r.score.toFixed(2)}</span>}
      </div>
      <div className="text-lg">
        Label: <span className={`font-semibold ${labelTone}`}>{label}{c.truth.defectType ? ` · ${c.truth.defectType}` : ''}</span>
        {agrees !== undefined && <span className={`ml-3 text-base ${agrees ? 'text-emerald-400' : 'text-amber-400'}`}>{agrees ? '✓ agrees' : '✗ disagrees'}</span>}
      </div>
      {(r?.reasoning || r?.error) && (
        <div>
          <div className="mb-1 text-sm uppercase tracking-wider text-zinc-500">{r.scoreSource === 'baseline' ? 'Local baseline explanation' : 'Model reasoning'}</div>
          <p className="whitespace-pre-wrap break-words text-xl leading-relaxed text-zinc-100">{r.reasoning ?? r.error?.message}</p>
        </div>
      )}
      {r?.violatedRules?.length ? <div className="text-lg text-rose-300">Violated rules: {r.violatedRules.join(', ')}</div> : null}
      {data.refs.length > 0 && (
        <div>
          <div className="mb-2 text-sm uppercase tracking-wider text-zinc-500">References (normal) <span className="normal-case tracking-normal text-zinc-600">· {data.refsFrom}</span></div>
          <div className="grid grid-cols-4 gap-2">
            {data.refs.map((x) => (
              <CaseVisual key={x.id} c={x} imageIndex={0} className="aspect-square rounded-md ring-2 ring-emerald-700/70" />
            ))}
          </div>
        </div>
      )}
    </>
  );
}
