import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Case, SpecSource } from '@/core/model';
import { MAX_PLAN_FRAMES, changeCandidates, frameAtTime, framesInRange, planFrames, type ChangeScore, type FramePlan, type PickedFrame } from '@/core/video/frame-plan';
import { specForWindow, type VideoSpec } from '@/core/video/render-spec';
import type { VideoProbe } from '@/lib/video/media';
import type { VideoHandle } from '@/lib/video/client';
import { loadVideoSpec, saveVideoSpec } from '@/lib/video/case-images';
import { latestVerdicts } from '@/lib/video/windows';
import { useVideoWindows } from '@/lib/dataset/case-queries';
import { useResultsOfCases } from '@/lib/runs/run-queries';
import { usePlayback } from '@/features/video/use-playback';

/** The case's frame spec as stored (case, parent video, class or default), saved on every change. */
function useVideoSpec(c: Case) {
  const [spec, setSpec] = useState<VideoSpec>();
  const [specSource, setSpecSource] = useState<SpecSource>('default');
  const [handPicks, setHandPicks] = useState<number[]>([]);
  const { id: caseId, parentId, className } = c;
  useEffect(() => {
    let live = true;
    void loadVideoSpec({ id: caseId, parentId, className }).then(({ spec: s, source }) => {
      if (!live) return;
      setSpec(s);
      setSpecSource(source);
      if (s.plan.kind === 'hand') setHandPicks(s.plan.indices);
    });
    return () => {
      live = false;
    };
  }, [caseId, parentId, className]);
  const update = useCallback(
    (next: VideoSpec) => {
      setSpec(next);
      setSpecSource('case');
      void saveVideoSpec({ caseId }, next);
    },
    [caseId],
  );
  return { spec, specSource, setSpecSource, handPicks, setHandPicks, update };
}

/** Change scores between candidate frames, asked of the decoder only when a plan needs them. */
function useChangeScores(handle: VideoHandle, frames: VideoProbe['frames'], c: Case, needed: boolean, onError: (m: string) => void) {
  const [scores, setScores] = useState<ChangeScore[]>();
  const [scoring, setScoring] = useState(false);
  useEffect(() => {
    if (!needed || scores) return;
    let live = true;
    setScoring(true);
    void handle
      .changeScores(changeCandidates(framesInRange(frames, c.window)))
      .then((s) => live && setScores(s))
      .catch((e: Error) => live && onError(e.message))
      .finally(() => live && setScoring(false));
    return () => {
      live = false;
    };
  }, [needed, scores, handle, frames, c.window, onError]);
  return { scores, scoring };
}

/**
 * The video workspace session: the current frame and playback, the frame spec and its plan, hand
 * picks and the marked moment, the windows the video was split into with their verdicts, and the keys.
 */
export function useVideoSession(c: Case, handle: VideoHandle, probe: VideoProbe) {
  const frames = probe.frames;
  const startIndex = c.window ? (frameAtTime(frames, c.window.startS)?.index ?? 0) : 0;
  const [current, setCurrent] = useState(startIndex);
  const [frameError, setFrameError] = useState<string>();
  const [drawing, setDrawing] = useState(false);
  const times = useMemo(() => frames.map((x) => x.timestampS), [frames]);
  const playback = usePlayback(times, current, setCurrent);
  const { spec, specSource, setSpecSource, handPicks, setHandPicks, update } = useVideoSpec(c);
  const setPlan = (plan: FramePlan) => spec && update({ ...spec, plan });

  const effective = useMemo(() => (spec ? specForWindow(spec, c.window) : undefined), [spec, c.window]);
  const { scores, scoring } = useChangeScores(handle, frames, c, effective?.plan.kind === 'scene-change', setFrameError);
  const picked: PickedFrame[] = useMemo(() => (effective ? planFrames(effective.plan, frames, scores ?? []) : []), [effective, frames, scores]);
  const plannedSet = useMemo(() => new Set(picked.map((p) => p.index)), [picked]);
  const handSet = useMemo(() => new Set(handPicks), [handPicks]);

  const step = useCallback((d: number) => setCurrent((i) => Math.max(0, Math.min(frames.length - 1, i + d))), [frames.length]);

  const togglePick = useCallback(() => {
    if (!spec) return;
    const next = handSet.has(current) ? handPicks.filter((i) => i !== current) : [...handPicks, current].sort((a, b) => a - b).slice(0, MAX_PLAN_FRAMES);
    setHandPicks(next);
    update({ ...spec, plan: { kind: 'hand', indices: next, range: spec.plan.range } });
  }, [spec, handSet, handPicks, current, update, setHandPicks]);

  const markMoment = useCallback(() => {
    if (!spec) return;
    const t = frames[current].timestampS;
    const count = 'count' in spec.plan ? spec.plan.count : 8;
    update({ ...spec, plan: { kind: 'around-moment', count, momentS: t, spreadS: spec.plan.kind === 'around-moment' ? spec.plan.spreadS : 1, range: spec.plan.range } });
  }, [spec, frames, current, update]);

  const clearPicks = () => {
    if (!spec) return;
    setHandPicks([]);
    setPlan({ kind: 'hand', indices: [], range: spec.plan.range });
  };

  const stored = useVideoWindows(c);
  const windows = useMemo(() => stored ?? [], [stored]);
  const results = useResultsOfCases(useMemo(() => windows.map((w) => w.id), [windows]));
  const verdicts = useMemo(() => latestVerdicts(results ?? []), [results]);

  return {
    frames, current, setCurrent, step, playback, frameError, setFrameError, drawing, setDrawing,
    spec, specSource, setSpecSource, update, setPlan, effective, scoring, picked, plannedSet, handPicks, handSet,
    togglePick, markMoment, clearPicks, windows, verdicts,
  };
}

export type VideoSession = ReturnType<typeof useVideoSession>;
