import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Case } from '@/core/model';
import type { CropMask } from '@/core/video/crop-mask';
import { clampRect } from '@/core/video/crop-mask';
import { MAX_PLAN_FRAMES, formatSeconds, type FramePlan, type FramePlanKind, type PickedFrame } from '@/core/video/frame-plan';
import type { VideoSpec } from '@/core/video/render-spec';
import type { WindowSplit } from '@/core/video/windows';
import { holesSentence } from '@/core/video/holes';
import { useCase } from '@/lib/dataset/case-queries';
import type { VideoProbe } from '@/lib/video/media';
import type { VideoHandle } from '@/lib/video/client';
import { keyFramePreviewImages, renderVideoCase, saveVideoSpec } from '@/lib/video/case-images';
import { removeWindows, splitCaseIntoWindows } from '@/lib/video/windows';
import { BlobImage } from '@/components/blob-image';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Kbd } from '@/components/ui/kbd';
import { useCommands } from '@/stores/command-registry';
import { commandMaker } from '@/core/labeling/hotkeys';
import { FrameStrip } from '@/features/video/frame-strip';
import { MainFrame } from '@/features/video/main-frame';
import { Scrubber } from '@/features/video/scrubber';
import { useVideoSession, type VideoSession } from '@/features/video/use-video-session';
import { useCaseVideo } from '@/features/video/use-case-video';

const PLAN_KINDS: { kind: FramePlanKind; label: string }[] = [
  { kind: 'uniform', label: 'Evenly spaced' },
  { kind: 'scene-change', label: 'Largest changes' },
  { kind: 'around-moment', label: 'Around marked moment' },
  { kind: 'hand', label: 'Picked by hand' },
];

/** A video case: scrub and step frames, choose which frames the model gets and how. */
export function VideoCaseView({ caseId }: { caseId: string }) {
  const c = useCase(caseId);
  const video = useCaseVideo(c);
  if (!c) return <div className="p-4 text-sm text-zinc-500">Loading video case…</div>;
  if (video.status === 'loading') return <div className="p-4 text-sm text-zinc-400">Reading “{c.name}”…</div>;
  if (video.status === 'error') return <VideoErrorPanel name={c.name} message={video.message} />;
  return <VideoWorkspace key={c.id} c={c} handle={video.handle} probe={video.probe} />;
}

/** The error sentence, with any `command` in it pulled out below as copyable code. */
function VideoErrorPanel({ name, message }: { name: string; message: string }) {
  const commands = [...message.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  const text = message.replace(/ with `[^`]+`/g, '').replace(/`([^`]+)`/g, '$1');
  return (
    <section className="m-4 max-w-3xl rounded-lg border border-rose-800/70 bg-rose-950/40 p-4" aria-label="Video problem" data-testid="video-error">
      <h2 className="mb-2 text-sm font-semibold text-rose-200">“{name}” cannot be shown</h2>
      <p className="text-sm leading-relaxed text-zinc-200">{text}</p>
      {commands.length > 0 && (
        <ul className="mt-3 flex flex-col gap-2">
          {commands.map((cmd) => (
            <li key={cmd} className="flex flex-col gap-1">
              <span className="text-xs text-zinc-400">{/libx264/.test(cmd) ? 'To H.264 (MP4):' : /vp9/.test(cmd) ? 'To VP9 (WebM):' : 'Command:'}</span>
              <code className="w-fit max-w-full overflow-x-auto whitespace-nowrap rounded bg-zinc-900 px-2 py-1 font-mono text-[12px] text-sky-200 select-all">{cmd}</code>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-xs text-zinc-400">The case stays in the library with this note until the file is replaced.</p>
    </section>
  );
}

function planLabel(kind: FramePlanKind) {
  return PLAN_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

/** These keys belong to the video while focus is inside it (the frame slider too), ahead of the view's keys. */
function useVideoKeys(s: VideoSession, focusedHere: () => boolean) {
  const { step, setCurrent, frames, togglePick, markMoment } = s;
  const key = commandMaker('focus:video', { inFields: 'slider' });
  useCommands(
    [
      key('next-frame', 'Next frame', ['ArrowRight'], () => step(1)),
      key('previous-frame', 'Previous frame', ['ArrowLeft'], () => step(-1)),
      key('forward-10', '10 frames on', ['Shift+ArrowRight'], () => step(10)),
      key('back-10', '10 frames back', ['Shift+ArrowLeft'], () => step(-10)),
      key('first-frame', 'First frame', ['Home'], () => setCurrent(0)),
      key('last-frame', 'Last frame', ['End'], () => setCurrent(frames.length - 1)),
      key('pick', 'Pick / unpick this frame for the prompt', ['p'], togglePick),
      key('moment', 'Mark this moment', ['m'], markMoment),
    ].map((c) => ({ ...c, when: focusedHere })),
  );
}

function VideoWorkspace({ c, handle, probe }: { c: Case; handle: VideoHandle; probe: VideoProbe }) {
  const s = useVideoSession(c, handle, probe);
  const { frames, current, spec, update, effective } = s;
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    rootRef.current?.focus();
  }, []);
  useVideoKeys(s, () => !!rootRef.current?.contains(document.activeElement));
  const aspect = probe.displayWidth / probe.displayHeight;

  return (
    <div ref={rootRef} tabIndex={0} className="@container h-full min-h-0 overflow-y-auto outline-none @[980px]:overflow-hidden" data-testid="video-case-view">
      <div className="flex min-h-full flex-col gap-3 p-3 @[980px]:h-full @[980px]:flex-row">
      <section className="flex h-[560px] min-w-0 shrink-0 flex-col gap-2 @[980px]:h-auto @[980px]:flex-1 @[980px]:shrink">
        <VideoHeader c={c} probe={probe} />
        <MainFrame handle={handle} frame={frames[current]} aspect={aspect} cropMask={spec?.cropMask} drawing={s.drawing} onRect={(r) => spec && update({ ...spec, cropMask: { mode: spec.cropMask?.mode ?? 'mask', rect: r } })} onError={s.setFrameError} />
        {s.frameError && (
          <p className="rounded border border-rose-800/60 bg-rose-950/40 px-2 py-1 text-xs text-rose-200" role="alert">
            {s.frameError}
          </p>
        )}
        <FrameBar s={s} />
        <Scrubber
          frames={frames}
          durationS={probe.durationS}
          current={current}
          onChange={s.setCurrent}
          picked={s.picked}
          momentS={effective?.plan.kind === 'around-moment' ? effective.plan.momentS : undefined}
          windows={s.windows}
          verdicts={s.verdicts}
          ownWindow={c.window}
        />
        <FrameStrip handle={handle} frames={frames} current={current} planned={s.plannedSet} handPicked={s.handSet} onSelect={s.setCurrent} />
      </section>
      <SpecSidebar s={s} c={c} probe={probe} />
      </div>
    </div>
  );
}

/** Name, codec, size, frames, duration and rate, the window shown, and any unreadable stretches. */
function VideoHeader({ c, probe }: { c: Case; probe: VideoProbe }) {
  const frames = probe.frames;
  // Indices count across unreadable stretches, so the last index (not the count) spans the file.
  const lastIndex = frames[frames.length - 1].index;
  const fpsEstimate = frames.length > 1 ? (lastIndex - frames[0].index) / (frames[frames.length - 1].timestampS - frames[0].timestampS) : 0;
  const holes = holesSentence(probe.holes ?? []);
  return (
    <>
      <header className="flex flex-wrap items-center gap-2 text-sm">
        <h2 className="truncate font-semibold text-zinc-100" title={c.name}>
          {c.name}
        </h2>
        <Badge tone="info">{probe.codec?.toUpperCase() ?? '?'}</Badge>
        <span className="text-xs text-zinc-400">
          {probe.displayWidth}×{probe.displayHeight}
          {probe.rotation ? ` · rotated ${probe.rotation}°` : ''}
          {probe.pixelAspect.num !== probe.pixelAspect.den ? ` · pixels ${probe.pixelAspect.num}:${probe.pixelAspect.den}` : ''} · {holes ? `${frames.length} of ${lastIndex + 1} frames readable` : `${frames.length} frames`} · {formatSeconds(probe.durationS)} s
          {fpsEstimate ? ` · ≈${fpsEstimate.toFixed(fpsEstimate < 10 ? 2 : 1)} fps` : ''}
        </span>
        {c.window && <Badge tone="neutral">window {c.window.index + 1}: {formatSeconds(c.window.startS)}–{formatSeconds(c.window.endS)} s</Badge>}
      </header>
      {holes && (
        <p className="rounded border border-amber-800/60 bg-amber-950/40 px-2 py-1 text-xs text-amber-200" role="status" data-testid="video-holes">
          &quot;{c.name}&quot;: {holes}
        </p>
      )}
    </>
  );
}

/** Where the playhead is, stepping and playing, the keys, and picking the frame. */
function FrameBar({ s }: { s: VideoSession }) {
  const { frames, current, step, playback, handSet, togglePick } = s;
  const f = frames[current];
  const lastIndex = frames[frames.length - 1].index;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      <span className="font-mono text-zinc-100" data-testid="frame-readout">
        frame <b className="text-sky-300">{f?.index}</b> / {lastIndex} · t = <b className="text-sky-300">{f ? formatSeconds(f.timestampS) : '–'}</b> s
      </span>
      <span className="flex items-center gap-1">
        <Button tone="ghost" className="!px-2 !py-0.5" onClick={() => step(-1)} aria-label="Previous frame">
          ◀
        </Button>
        <Button tone="ghost" className="!px-2 !py-0.5" onClick={() => step(1)} aria-label="Next frame">
          ▶
        </Button>
      </span>
      <span className="flex flex-wrap items-center gap-2 text-xs text-zinc-400">
        <span><Kbd>←</Kbd> <Kbd>→</Kbd> frame</span>
        <span><Kbd>Shift</Kbd>+<Kbd>←</Kbd><Kbd>→</Kbd> 10 frames</span>
        <span><Kbd>P</Kbd> pick frame</span>
        <span><Kbd>M</Kbd> mark moment</span>
      </span>
      <span className="ml-auto flex gap-1.5">
        <Button className="!py-1 text-xs" onClick={playback.toggle} aria-pressed={playback.playing} title="Play the video frame by frame at its own pace">
          {playback.playing ? '❚❚ Pause' : '▶ Play'}
        </Button>
        <Button tone={handSet.has(current) ? 'primary' : 'neutral'} className="!py-1 text-xs" onClick={togglePick}>
          {handSet.has(current) ? '★ Picked' : '☆ Pick this frame'}
        </Button>
      </span>
    </div>
  );
}

/** The frame plan, crop mask, representation, the images the model gets and the windows. */
function SpecSidebar({ s, c, probe }: { s: VideoSession; c: Case; probe: VideoProbe }) {
  const { spec, specSource, setSpecSource, update, frames, current, picked, handPicks, scoring, drawing, setDrawing, setPlan, windows, verdicts } = s;
  const f = frames[current];
  // The approximate preview is a view setting only: it is never saved in the spec a run reads.
  const [fastPreview, setFastPreview] = useState(false);
  return (
    <aside className="grid w-full shrink-0 grid-cols-1 content-start gap-3 text-sm @[640px]:grid-cols-2 @[980px]:flex @[980px]:w-[360px] @[980px]:flex-col @[980px]:overflow-y-auto @[980px]:pr-1">
      {spec ? (
        <>
          <PlanPanel fastPreview={fastPreview} onFastPreview={setFastPreview} spec={spec} source={specSource} picked={picked} handPicks={handPicks} scoring={scoring} current={f?.timestampS ?? 0} durationS={probe.durationS} onPlan={setPlan} onClearPicks={s.clearPicks} />
          <CropMaskPanel value={spec.cropMask} drawing={drawing} onDrawing={setDrawing} onChange={(cm) => update({ ...spec, cropMask: cm })} />
          <RepresentationPanel spec={spec} onChange={update} onApplyToClass={() => void saveVideoSpec({ className: c.className }, spec).then(() => setSpecSource('case'))} className={c.className} />
          {fastPreview ? <KeyFramePreview c={c} spec={spec} /> : <CaseImagesPanel c={c} spec={spec} />}
          {!c.parentId && <WindowsPanel c={c} probe={probe} windows={windows} verdictCount={verdicts.size} />}
        </>
      ) : (
        <p className="text-zinc-500">Loading frame plan…</p>
      )}
    </aside>
  );
}

function Panel({ title, children, right }: { title: string; children: ReactNode; right?: ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-800 bg-zinc-900/70 p-3">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-400">{title}</h3>
        {right}
      </div>
      {children}
    </section>
  );
}

const inputCls = 'w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm text-zinc-100 focus:border-sky-500 focus:outline-none';

function NumberField({ label, value, onChange, min, max, step = 1, suffix }: { label: string; value: number; onChange: (v: number) => void; min?: number; max?: number; step?: number; suffix?: string }) {
  return (
    <label className="flex flex-col gap-1 text-xs text-zinc-400">
      {label}
      <span className="flex items-center gap-1">
        <input
          type="number"
          className={inputCls}
          value={Number.isFinite(value) ? value : ''}
          min={min}
          max={max}
          step={step}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (e.target.value !== '' && Number.isFinite(v)) onChange(v);
          }}
        />
        {suffix && <span className="text-zinc-500">{suffix}</span>}
      </span>
    </label>
  );
}

function PlanPanel({
  spec,
  source,
  picked,
  handPicks,
  scoring,
  current,
  durationS,
  onPlan,
  onClearPicks,
  fastPreview,
  onFastPreview,
}: {
  fastPreview: boolean;
  onFastPreview: (on: boolean) => void;
  spec: VideoSpec;
  source: string;
  picked: PickedFrame[];
  handPicks: number[];
  scoring: boolean;
  current: number;
  durationS: number;
  onPlan: (p: FramePlan) => void;
  onClearPicks: () => void;
}) {
  const plan = spec.plan;
  const count = 'count' in plan ? plan.count : 8;
  const setKind = (kind: FramePlanKind) => {
    const range = plan.range;
    if (kind === 'uniform' || kind === 'scene-change') onPlan({ kind, count, range });
    else if (kind === 'around-moment') onPlan({ kind, count, momentS: plan.kind === 'around-moment' ? plan.momentS : current, spreadS: 1, range });
    else onPlan({ kind: 'hand', indices: handPicks, range });
  };
  return (
    <Panel title="Frame plan" right={<span className="text-[11px] text-zinc-500">{source === 'case' ? 'this case' : source === 'class' ? 'from class' : source === 'parent' ? 'from parent video' : 'default'}</span>}>
      <div className="flex flex-col gap-2">
        <label className="flex flex-col gap-1 text-xs text-zinc-400">
          Frames
          <select className={inputCls} value={plan.kind} onChange={(e) => setKind(e.target.value as FramePlanKind)} aria-label="Plan kind">
            {PLAN_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {plan.kind !== 'hand' && (
          <div className="grid grid-cols-2 gap-2">
            <NumberField label="Number of frames" value={count} min={1} max={MAX_PLAN_FRAMES} onChange={(n) => onPlan({ ...plan, count: Math.max(1, Math.min(MAX_PLAN_FRAMES, Math.round(n))) } as FramePlan)} />
            {plan.kind === 'around-moment' && <NumberField label="Spread ±" value={plan.spreadS} min={0} step={0.1} suffix="s" onChange={(v) => onPlan({ ...plan, spreadS: Math.max(0, v) })} />}
          </div>
        )}
        <label className="flex items-center gap-2 text-xs text-zinc-300" title="Shows the key frame nearest each planned frame: one decode each, much faster on long videos. Runs always send the exact frames.">
          <input type="checkbox" checked={fastPreview} onChange={(e) => onFastPreview(e.target.checked)} className="accent-amber-500" data-testid="fast-preview" />
          Fast preview (≈ key frames, not for runs)
        </label>
        {plan.kind === 'around-moment' && (
          <p className="text-xs text-zinc-400">
            Marked moment <b className="font-mono text-amber-300">{formatSeconds(plan.momentS)} s</b> — press <Kbd>M</Kbd> on another frame to move it.
          </p>
        )}
        {plan.kind === 'scene-change' && <p className="text-xs text-zinc-400">{scoring ? 'Scoring frame changes…' : 'Frames where the picture changes most (the first frame always counts).'}</p>}
        {plan.kind === 'hand' && (
          <div className="flex items-center justify-between text-xs text-zinc-400">
            <span>
              {handPicks.length} picked — <Kbd>P</Kbd> while scrubbing adds or removes a frame.
            </span>
            {handPicks.length > 0 && (
              <Button tone="ghost" className="!px-1.5 !py-0.5 text-xs" onClick={onClearPicks}>
                Clear
              </Button>
            )}
          </div>
        )}
        <label className="flex items-center gap-2 text-xs text-zinc-300">
          <input
            type="checkbox"
            checked={!!plan.range}
            onChange={(e) => onPlan({ ...plan, range: e.target.checked ? { startS: 0, endS: durationS } : undefined })}
            className="accent-sky-500"
          />
          Only a time window
        </label>
        {plan.range && (
          <div className="grid grid-cols-2 gap-2">
            <NumberField label="From" value={plan.range.startS} step={0.1} min={0} suffix="s" onChange={(v) => onPlan({ ...plan, range: { ...plan.range!, startS: v } })} />
            <NumberField label="To" value={plan.range.endS} step={0.1} min={0} suffix="s" onChange={(v) => onPlan({ ...plan, range: { ...plan.range!, endS: v } })} />
          </div>
        )}
        <p className="text-xs text-zinc-500" data-testid="plan-summary">
          {planLabel(plan.kind)}: {picked.length} frame{picked.length === 1 ? '' : 's'} {picked.length > 0 && <span className="font-mono">(#{picked.map((p) => p.index).join(', #')})</span>}
        </p>
      </div>
    </Panel>
  );
}

function CropMaskPanel({ value, drawing, onDrawing, onChange }: { value: CropMask | undefined; drawing: boolean; onDrawing: (d: boolean) => void; onChange: (cm: CropMask | undefined) => void }) {
  const mode = value?.mode ?? 'none';
  const rect = value?.rect ?? { x: 0.7, y: 0.85, w: 0.3, h: 0.15 };
  const setRect = (k: 'x' | 'y' | 'w' | 'h', pct: number) => value && onChange({ ...value, rect: clampRect({ ...rect, [k]: pct / 100 }) });
  return (
    <Panel title="Crop or mask" right={<span className="text-[11px] text-zinc-500">every frame</span>}>
      <div className="flex flex-col gap-2">
        <div className="flex gap-1" role="radiogroup" aria-label="Crop or mask">
          {(['none', 'crop', 'mask'] as const).map((m) => (
            <Button key={m} tone={mode === m ? 'primary' : 'neutral'} className="flex-1 justify-center !py-1 text-xs" role="radio" aria-checked={mode === m} onClick={() => onChange(m === 'none' ? undefined : { mode: m, rect })}>
              {m === 'none' ? 'None' : m === 'crop' ? 'Crop to' : 'Mask out'}
            </Button>
          ))}
        </div>
        {value && (
          <>
            <div className="grid grid-cols-4 gap-1.5">
              <NumberField label="x %" value={Math.round(rect.x * 100)} onChange={(v) => setRect('x', v)} />
              <NumberField label="y %" value={Math.round(rect.y * 100)} onChange={(v) => setRect('y', v)} />
              <NumberField label="w %" value={Math.round(rect.w * 100)} onChange={(v) => setRect('w', v)} />
              <NumberField label="h %" value={Math.round(rect.h * 100)} onChange={(v) => setRect('h', v)} />
            </div>
            <Button tone={drawing ? 'primary' : 'neutral'} className="justify-center !py-1 text-xs" onClick={() => onDrawing(!drawing)}>
              {drawing ? 'Drawing: drag on the frame (click to stop)' : 'Draw the rectangle on the frame'}
            </Button>
            <p className="text-xs text-zinc-500">{value.mode === 'mask' ? 'Paints the area black, e.g. a burnt-in clock or logo that could give the answer away.' : 'Keeps only the area inside the rectangle.'}</p>
          </>
        )}
      </div>
    </Panel>
  );
}

function RepresentationPanel({ spec, onChange, onApplyToClass, className }: { spec: VideoSpec; onChange: (s: VideoSpec) => void; onApplyToClass: () => void; className: string }) {
  const [applied, setApplied] = useState(false);
  return (
    <Panel title="The model gets">
      <div className="flex flex-col gap-2">
        <div className="flex gap-1" role="radiogroup" aria-label="Representation">
          <Button tone={spec.representation === 'sequence' ? 'primary' : 'neutral'} role="radio" aria-checked={spec.representation === 'sequence'} className="flex-1 justify-center !py-1 text-xs" onClick={() => onChange({ ...spec, representation: 'sequence' })}>
            Frames in order
          </Button>
          <Button tone={spec.representation === 'contact-sheet' ? 'primary' : 'neutral'} role="radio" aria-checked={spec.representation === 'contact-sheet'} className="flex-1 justify-center !py-1 text-xs" onClick={() => onChange({ ...spec, representation: 'contact-sheet' })}>
            One contact sheet
          </Button>
        </div>
        <label className="flex items-center justify-between gap-2 text-xs text-zinc-400">
          Longest side
          <select className={`${inputCls} !w-28`} value={spec.maxSidePx} onChange={(e) => onChange({ ...spec, maxSidePx: Number(e.target.value) })} aria-label="Longest side">
            {[384, 512, 768, 1024].map((px) => (
              <option key={px} value={px}>
                {px} px
              </option>
            ))}
          </select>
        </label>
        <Button
          tone="ghost"
          className="justify-center !py-1 text-xs"
          onClick={() => {
            onApplyToClass();
            setApplied(true);
          }}
        >
          {applied ? `Saved for class “${className}”` : `Use for all of class “${className}”`}
        </Button>
      </div>
    </Panel>
  );
}

/**
 * Images made for a case under a spec, after a short pause (typing a number should not start a
 * render per key); the last images stay, dimmed, while the next ones are made.
 */
function useImagesFor<T>(make: (c: Case, spec: VideoSpec) => Promise<T>, c: Case, spec: VideoSpec, delayMs: number): { value?: T; error?: string; busy: boolean } {
  const [state, setState] = useState<{ value?: T; error?: string; busy: boolean }>({ busy: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    const t = setTimeout(() => {
      make(c, spec).then(
        (value) => live && setState({ value, busy: false }),
        (e: Error) => live && setState({ error: e.message, busy: false }),
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [make, c, spec, delayMs]);
  return state;
}

/** The images the prompt will carry for this case, rendered exactly as they will be sent. */
function CaseImagesPanel({ c, spec }: { c: Case; spec: VideoSpec }) {
  const { value: images, error, busy } = useImagesFor(renderVideoCase, c, spec, 250);
  return (
    <Panel title="Prompt images" right={<span className="text-[11px] text-zinc-500">{busy ? 'rendering…' : images ? `${images.length} image${images.length === 1 ? '' : 's'}` : ''}</span>}>
      {error && <p className="text-xs text-rose-300" role="alert">{error}</p>}
      {images && (
        <ul className={`grid gap-2 ${images.length === 1 ? 'grid-cols-1' : 'grid-cols-2'} ${busy ? 'opacity-60' : ''}`} data-testid="prompt-images">
          {images.map((im, i) => (
            <li key={i} className="flex flex-col gap-1">
              <BlobImage blob={im.blob} alt={im.caption} className="w-full rounded border border-zinc-800 bg-black object-contain" data-testid="prompt-image" />
              <span className="text-[11px] leading-tight text-zinc-400" data-testid="prompt-caption">
                {images.length === 1 && im.meta?.cols ? `contact sheet ${String(im.meta.cols)}×${String(im.meta.rows)} · ${(im.meta.frames as unknown[]).length} frames` : im.caption}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** The approximate preview: key frames near the planned ones, labelled so nobody takes them for the prompt. */
function KeyFramePreview({ c, spec }: { c: Case; spec: VideoSpec }) {
  const { value: images, error, busy } = useImagesFor(keyFramePreviewImages, c, spec, 150);
  return (
    <Panel title="Preview" right={<span className="rounded px-1.5 py-0.5 text-[11px] font-medium text-amber-200 ring-1 ring-inset ring-amber-600/50 bg-amber-900/70" data-testid="approx-label">≈ key frames, fast preview</span>}>
      <p className="mb-2 text-xs text-amber-200/90">Approximate: each tile is the key frame nearest a planned frame. A run sends the exact frames{busy ? ' · reading…' : ''}.</p>
      {error && <p className="text-xs text-rose-300" role="alert">{error}</p>}
      {images && (
        <ul className={`grid grid-cols-2 gap-2 ${busy ? 'opacity-60' : ''}`} data-testid="preview-images">
          {images.map(({ frame, blob }) => (
            <li key={frame.planned.index} className="flex flex-col gap-1">
              <BlobImage blob={blob} alt={`key frame ${frame.shown.index} near frame ${frame.planned.index}`} className="w-full rounded border border-amber-900/60 bg-black object-contain" />
              <span className="text-[11px] leading-tight text-zinc-400" data-testid="preview-caption">
                {frame.shown.index === frame.planned.index ? `frame ${frame.planned.index}` : `≈ frame ${frame.planned.index}: key frame ${frame.shown.index}`}, t = {formatSeconds(frame.shown.timestampS)} s
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function WindowsPanel({ c, probe, windows, verdictCount }: { c: Case; probe: VideoProbe; windows: Case[]; verdictCount: number }) {
  const [by, setBy] = useState<WindowSplit['by']>('seconds');
  const [seconds, setSeconds] = useState(2);
  const [count, setCount] = useState(30);
  const [busy, setBusy] = useState(false);
  const split: WindowSplit = by === 'seconds' ? { by, seconds } : { by, count };
  const estimate = by === 'seconds' ? Math.ceil(probe.durationS / Math.max(0.01, seconds)) : Math.ceil(probe.frames.length / Math.max(1, count));
  return (
    <Panel title="Windows" right={<span className="text-[11px] text-zinc-500">{windows.length ? `${windows.length} sub-cases · ${verdictCount} judged` : 'none'}</span>}>
      <div className="flex flex-col gap-2">
        <p className="text-xs text-zinc-400">Split the video into consecutive windows; each becomes a sub-case with its own frames, so a run says where the event is.</p>
        <div className="grid grid-cols-2 gap-2">
          <label className="flex flex-col gap-1 text-xs text-zinc-400">
            Split by
            <select className={inputCls} value={by} onChange={(e) => setBy(e.target.value as WindowSplit['by'])} aria-label="Split by">
              <option value="seconds">seconds</option>
              <option value="frames">frames</option>
            </select>
          </label>
          {by === 'seconds' ? (
            <NumberField label="Each window" value={seconds} min={0.1} step={0.5} suffix="s" onChange={setSeconds} />
          ) : (
            <NumberField label="Each window" value={count} min={1} suffix="frames" onChange={(v) => setCount(Math.max(1, Math.round(v)))} />
          )}
        </div>
        <div className="flex gap-2">
          <Button
            tone="primary"
            className="flex-1 justify-center !py-1 text-xs"
            disabled={busy || estimate < 1}
            onClick={async () => {
              setBusy(true);
              try {
                await splitCaseIntoWindows(c, probe.frames, probe.durationS, split);
              } finally {
                setBusy(false);
              }
            }}
          >
            Split into ≈{estimate} windows
          </Button>
          {windows.length > 0 && (
            <Button tone="ghost" className="!py-1 text-xs" onClick={() => void removeWindows(c.id)}>
              Remove
            </Button>
          )}
        </div>
        {windows.length > 0 && (
          <p className="flex flex-wrap items-center gap-2 text-[11px] text-zinc-500">
            Timeline under the slider: <span className="inline-block h-2 w-3 rounded-sm bg-emerald-500" /> normal <span className="inline-block h-2 w-3 rounded-sm bg-rose-500" /> anomalous <span className="inline-block h-2 w-3 rounded-sm bg-amber-500" /> failed <span className="inline-block h-2 w-3 rounded-sm bg-zinc-700" /> not run
          </p>
        )}
      </div>
    </Panel>
  );
}
