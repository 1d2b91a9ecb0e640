import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { CropMask, NormRect } from '@/core/video/crop-mask';
import { clampRect } from '@/core/video/crop-mask';
import type { FrameInfo } from '@/core/video/frame-plan';
import type { VideoHandle } from '@/lib/video/client';

const MAIN_SIDE_PX = 1280;

/**
 * The current frame, large, decoded at its own timestamp; the crop or mask rectangle is drawn
 * over it and can be dragged out with the pointer when `drawing` is on.
 */
export function MainFrame({
  handle,
  frame,
  aspect,
  cropMask,
  drawing,
  onRect,
  onError,
}: {
  handle: VideoHandle;
  frame: FrameInfo | undefined;
  aspect: number;
  cropMask: CropMask | undefined;
  drawing: boolean;
  onRect: (r: NormRect) => void;
  onError: (message: string | undefined) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [shown, setShown] = useState<number>();
  const [drag, setDrag] = useState<{ x0: number; y0: number; r: NormRect }>();

  useEffect(() => {
    if (!frame) return;
    let live = true;
    (async () => {
      try {
        const got = await handle.frames([frame.timestampS], { maxSidePx: MAIN_SIDE_PX, channel: `main:${handle.sid}` });
        if (got === 'stale') return;
        const f = got[0];
        if (!f) return;
        const c = canvasRef.current;
        if (live && c) {
          if (c.width !== f.image.width || c.height !== f.image.height) {
            c.width = f.image.width;
            c.height = f.image.height;
          }
          f.image.draw(c.getContext('2d')!);
          setShown(f.index);
          onError(undefined);
        }
        f.image.close();
      } catch (e) {
        if (live) onError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [frame, handle, onError]);

  const pos = (e: ReactPointerEvent<HTMLDivElement>) => {
    const b = e.currentTarget.getBoundingClientRect();
    return { x: (e.clientX - b.left) / b.width, y: (e.clientY - b.top) / b.height };
  };
  const rect = drag?.r ?? cropMask?.rect;
  const boxRef = useRef<HTMLDivElement>(null);
  const box = useBoxSize(boxRef);
  // Fit the frame into the box, keeping the displayed aspect (rotation and pixel aspect applied).
  const fitW = Math.max(1, Math.min(box.w, box.h * aspect));
  const fitH = Math.max(1, fitW / aspect);

  return (
    <div ref={boxRef} className="flex min-h-0 flex-1 items-center justify-center overflow-hidden rounded-md bg-black/60">
      <div className="relative overflow-hidden" style={{ width: fitW, height: fitH }}>
        <canvas ref={canvasRef} className="block h-full w-full" data-testid="main-frame" data-frame={shown ?? ''} />
        {rect && cropMask && (
          <div
            className={`pointer-events-none absolute border-2 ${cropMask.mode === 'crop' ? 'border-sky-400 shadow-[0_0_0_9999px_rgba(0,0,0,0.55)]' : 'border-rose-400 bg-black/85'}`}
            style={{ left: `${rect.x * 100}%`, top: `${rect.y * 100}%`, width: `${rect.w * 100}%`, height: `${rect.h * 100}%` }}
          >
            <span className="absolute left-1 top-0.5 text-[10px] font-semibold uppercase tracking-wide text-white/80">{cropMask.mode === 'crop' ? 'kept' : 'masked'}</span>
          </div>
        )}
        {drawing && (
          <div
            className="absolute inset-0 cursor-crosshair overflow-hidden"
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              const p = pos(e);
              setDrag({ x0: p.x, y0: p.y, r: { x: p.x, y: p.y, w: 0.01, h: 0.01 } });
            }}
            onPointerMove={(e) => {
              if (!drag) return;
              const p = pos(e);
              setDrag({ ...drag, r: clampRect({ x: Math.min(drag.x0, p.x), y: Math.min(drag.y0, p.y), w: Math.abs(p.x - drag.x0), h: Math.abs(p.y - drag.y0) }) });
            }}
            onPointerUp={() => {
              if (drag) onRect(drag.r);
              setDrag(undefined);
            }}
          />
        )}
      </div>
    </div>
  );
}

function useBoxSize(ref: RefObject<HTMLDivElement | null>) {
  const [size, setSize] = useState({ w: 0, h: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setSize({ w: e.contentRect.width, h: e.contentRect.height }));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}
