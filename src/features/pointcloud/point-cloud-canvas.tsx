import { useEffect, useRef, useState } from 'react';
import type { CameraPose } from '@/core/pointcloud/camera';
import { AxisGizmo } from './axis-gizmo';
import type { ForwardedInput, ViewReply, ViewRequest, ViewSize } from '@/lib/pointcloud/view-protocol';

/** What the panel around the canvas can ask of the 3D view. */
export interface CanvasControls {
  /** The current camera as a renderer pose (perspective, as seen). */
  capture: () => CameraPose | undefined;
  /** Back to the start pose. */
  reset: () => void;
}

interface Props {
  positions: Float32Array;
  /** Linear RGB floats per point. */
  colors: Float32Array;
  pointSizePx: number;
  startPose: CameraPose;
  radius: number;
  /** Display-point indices to mark (a region a model pointed at). */
  highlight?: Uint32Array;
  controlsRef: React.RefObject<CanvasControls | null>;
}

type Post = (m: ViewRequest, transfer?: Transferable[]) => void;

/** Pointer and wheel events the view forwards to the worker's camera controls. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'wheel'] as const;

function forwarded(e: PointerEvent | WheelEvent, canvas: HTMLCanvasElement): ForwardedInput {
  const r = canvas.getBoundingClientRect();
  const p = e as PointerEvent;
  const w = e as WheelEvent;
  return {
    type: e.type as ForwardedInput['type'],
    pointerId: p.pointerId ?? 1,
    pointerType: p.pointerType ?? 'mouse',
    button: e.button,
    buttons: e.buttons,
    x: e.clientX - r.left,
    y: e.clientY - r.top,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    shiftKey: e.shiftKey,
    deltaY: w.deltaY ?? 0,
    deltaMode: w.deltaMode ?? 0,
  };
}

/**
 * The 3D view: points, orbit/pan/zoom, an axis gizmo. A worker draws it on this canvas (handed
 * over once), so drawing millions of points, or waiting for a software renderer, never holds the
 * page; the page only forwards input, keeps the camera pose the worker reports and draws the
 * gizmo from it.
 */
export function PointCloudCanvas({ positions, colors, pointSizePx, startPose, radius, highlight, controlsRef }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const post = useRef<Post | null>(null);
  const pose = useRef<CameraPose | undefined>(undefined);
  /** The same pose, for the gizmo to draw. */
  const [shownPose, setShownPose] = useState<CameraPose>();
  const sent = useRef<{ positions?: Float32Array; colors?: Float32Array; startPose?: CameraPose; radius?: number }>({});
  const [failure, setFailure] = useState<string>();
  /** Points in the last cloud the worker has drawn (for tests and the benchmark to wait on). */
  const [drawn, setDrawn] = useState<number>();

  useEffect(() => {
    const el = host.current!;
    // Made here, not in JSX: a canvas can be handed to a worker only once.
    const canvas = document.createElement('canvas');
    canvas.className = 'block h-full w-full touch-none cursor-grab active:cursor-grabbing';
    el.append(canvas);
    const worker = new Worker(new URL('../../workers/point-view.worker.ts', import.meta.url), { type: 'module' });
    const size = (): ViewSize => ({ width: el.clientWidth, height: el.clientHeight, pixelRatio: Math.min(2, Math.max(1, window.devicePixelRatio || 1)) });
    worker.onmessage = (e: MessageEvent<ViewReply>) => {
      const m = e.data;
      if (m.op === 'pose') {
        pose.current = m.pose;
        setShownPose(m.pose);
      } else if (m.op === 'drawn') setDrawn(m.points);
      else setFailure(m.message);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      setFailure('The 3D view stopped after an error. Open the case again to see the cloud.');
    };
    try {
      // The drawing buffer gets its size before it is handed over, as the worker will set it: a
      // canvas resized later makes the page's frames wait for the worker's next one.
      const first = size();
      canvas.width = Math.max(1, Math.floor(first.width * first.pixelRatio));
      canvas.height = Math.max(1, Math.floor(first.height * first.pixelRatio));
      const offscreen = canvas.transferControlToOffscreen();
      worker.postMessage({ op: 'init', canvas: offscreen, size: first } satisfies ViewRequest, [offscreen]);
    } catch {
      setFailure('This browser cannot draw the 3D view in the background (no OffscreenCanvas). The rendered views below still show the cloud.');
    }
    post.current = (m, transfer = []) => worker.postMessage(m, transfer);
    const resize = new ResizeObserver(() => post.current?.({ op: 'size', size: size() }));
    resize.observe(el);
    const onInput = (e: Event) => {
      const pe = e as PointerEvent;
      if (e.type === 'wheel') e.preventDefault();
      if (e.type === 'pointerdown') canvas.setPointerCapture(pe.pointerId);
      // Moves matter to the controls only while a button is down.
      if (e.type === 'pointermove' && pe.buttons === 0) return;
      post.current?.({ op: 'input', input: forwarded(pe, canvas) });
    };
    const noMenu = (e: Event) => e.preventDefault();
    for (const t of INPUT_EVENTS) canvas.addEventListener(t, onInput, { passive: t !== 'wheel' });
    canvas.addEventListener('contextmenu', noMenu);
    return () => {
      resize.disconnect();
      for (const t of INPUT_EVENTS) canvas.removeEventListener(t, onInput);
      canvas.removeEventListener('contextmenu', noMenu);
      worker.terminate();
      canvas.remove();
      post.current = null;
      sent.current = {};
    };
  }, []);

  // Copies go to the worker: the page keeps its arrays for picking and colouring. A new cloud or
  // start pose sends everything; new colours for the same cloud send only those.
  useEffect(() => {
    const was = sent.current;
    if (was.positions !== positions || was.startPose !== startPose || was.radius !== radius) {
      const p = positions.slice();
      const c = colors.slice();
      post.current?.({ op: 'cloud', positions: p, colors: c, startPose, radius }, [p.buffer, c.buffer]);
      setDrawn(undefined);
    } else if (was.colors !== colors) {
      const c = colors.slice();
      post.current?.({ op: 'colors', colors: c }, [c.buffer]);
    }
    sent.current = { positions, colors, startPose, radius };
  }, [positions, colors, startPose, radius]);

  useEffect(() => post.current?.({ op: 'pointSize', px: pointSizePx }), [pointSizePx, positions]);

  useEffect(() => post.current?.({ op: 'highlight', indices: highlight && highlight.length > 0 ? highlight.slice() : null }), [highlight, positions]);

  useEffect(() => {
    controlsRef.current = {
      capture: () => pose.current,
      reset: () => post.current?.({ op: 'reset' }),
    };
  }, [controlsRef]);

  return (
    <div ref={host} data-testid="pointcloud-canvas" data-drawn-points={drawn} className="relative h-full w-full" style={{ background: '#09090b' }}>
      {drawn === undefined && !failure && (
        <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-zinc-400" data-testid="pointcloud-drawing">
          Drawing {new Intl.NumberFormat('en-US').format(positions.length / 3)} points…
        </p>
      )}
      {shownPose && !failure && <AxisGizmo pose={shownPose} onPick={(axis) => post.current?.({ op: 'lookAlong', axis })} />}
      {failure && (
        <div role="alert" className="absolute inset-x-4 top-14 rounded-md border border-rose-900 bg-rose-950/80 p-3 text-sm text-rose-100">
          {failure}
        </div>
      )}
    </div>
  );
}
