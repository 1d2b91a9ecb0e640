import type { Case } from '@/core/model';
import type { FrameInfo, PickedFrame } from '@/core/video/frame-plan';
import { formatSeconds } from '@/core/video/frame-plan';
import type { WindowVerdict } from '@/lib/video/windows';
import { scrubberScale } from '@/core/video/scrubber-scale';

const VERDICT_COLOUR: Record<string, string> = {
  normal: 'bg-emerald-500',
  anomalous: 'bg-rose-500',
  unsure: 'bg-amber-500',
  none: 'bg-zinc-700',
};

/**
 * A slider over the video's time (so its thumb sits where the time marks say, on variable-rate
 * files and across unreadable stretches alike), snapping to the nearest frame, with ticks for the frames the plan picks and the marked
 * moment, and under it one segment per window coloured by its latest verdict.
 */
export function Scrubber({
  frames,
  durationS,
  current,
  onChange,
  picked,
  momentS,
  windows,
  verdicts,
  ownWindow,
}: {
  frames: FrameInfo[];
  durationS: number;
  current: number;
  onChange: (index: number) => void;
  picked: PickedFrame[];
  momentS?: number;
  windows: Case[];
  verdicts: Map<string, WindowVerdict>;
  ownWindow?: { startS: number; endS: number };
}) {
  const scale = scrubberScale(frames, durationS);
  const t0 = scale.min;
  const pct = (t: number) => `${scale.at(t) * 100}%`;
  return (
    <div className="flex shrink-0 flex-col gap-1">
      <div className="relative h-7">
        <div className="absolute inset-x-0 top-3 h-1 rounded bg-zinc-800" />
        {/* Inset by half the thumb's width: the thumb's centre travels exactly this span. */}
        <div className="pointer-events-none absolute inset-x-1 top-0 h-7">
        {ownWindow && (
          <div className="absolute top-2 h-3 rounded bg-sky-900/70 ring-1 ring-sky-600/60" style={{ left: pct(ownWindow.startS), width: `calc(${pct(ownWindow.endS)} - ${pct(ownWindow.startS)})` }} title="this sub-case's window" />
        )}
        {picked.map((p) => (
          <div key={p.index} className="absolute top-1 h-5 w-0.5 -translate-x-1/2 bg-sky-400/90" style={{ left: pct(p.timestampS) }} title={`in the prompt: frame ${p.index}`} />
        ))}
        {momentS !== undefined && <div className="absolute -top-0.5 h-7 w-0.5 -translate-x-1/2 bg-amber-400" style={{ left: pct(momentS) }} title={`marked moment ${formatSeconds(momentS)} s`} />}
        </div>
        <input
          type="range"
          aria-label="Frame"
          aria-valuetext={`frame ${frames[current]?.index ?? 0}, ${formatSeconds(frames[current]?.timestampS ?? t0)} s`}
          min={scale.min}
          max={scale.max}
          step="any"
          value={frames[current]?.timestampS ?? t0}
          onChange={(e) => frames.length && onChange(scale.positionAt(Number(e.target.value)))}
          onKeyDown={(e) => {
            // The view steps frames itself; the slider must not step a second time.
            if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || e.key === 'PageUp' || e.key === 'PageDown') e.preventDefault();
          }}
          className="absolute inset-x-0 top-0 h-7 w-full cursor-pointer appearance-none bg-transparent accent-sky-400 [&::-webkit-slider-thumb]:h-4 [&::-webkit-slider-thumb]:w-2 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-sm [&::-webkit-slider-thumb]:bg-white"
          style={{ left: 0 }}
        />
        <div className="pointer-events-none absolute inset-x-1 top-0 h-7">
          <div className="absolute top-0 h-7 w-px bg-white" style={{ left: pct(frames[current]?.timestampS ?? t0) }} />
        </div>
      </div>
      {windows.length > 0 && (
        <div className="relative mx-1 h-4" data-testid="window-timeline" aria-label="Verdict per window">
          {windows.map((w) => {
            const v = verdicts.get(w.id);
            const tone = v?.verdict ?? (v && v.status !== 'ok' ? 'unsure' : 'none');
            return (
              <button
                key={w.id}
                type="button"
                data-verdict={tone}
                onClick={() => {
                  const i = frames.findIndex((f) => f.timestampS >= (w.window?.startS ?? 0) - 1e-9);
                  if (i >= 0) onChange(i);
                }}
                title={`window ${w.window!.index + 1}: ${formatSeconds(w.window!.startS)}–${formatSeconds(w.window!.endS)} s · ${v?.verdict ?? (v ? v.status : 'no result yet')}`}
                className={`absolute top-0 h-4 rounded-sm border-x border-zinc-950 ${VERDICT_COLOUR[tone]}`}
                style={{ left: pct(w.window!.startS), width: `calc(${pct(w.window!.endS)} - ${pct(w.window!.startS)})` }}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}
