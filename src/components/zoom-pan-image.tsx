import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useObjectUrl } from '@/components/use-object-url';
import { useCommands } from '@/stores/command-registry';
import { actualSizeView, fitView, panBy, wheelFactor, zoomAt, ZOOM_STEP, type Size, type ZoomView } from '@/components/zoom-pan-math';

export interface ZoomPanImageProps {
  /** The image to show; an object URL is made and revoked here. */
  blob: Blob | undefined;
  alt: string;
  /** CSS filter factors, 1 = unchanged (e.g. 1.4 = 40 % brighter). */
  brightness?: number;
  contrast?: number;
  /** Drawn over the image in image space (same size as the image), e.g. a defect mask. */
  overlay?: ReactNode;
  /** Register + / - / 0 (fit) / 1 (1:1) as keys of the open view (they act while no text field has focus). */
  hotkeys?: boolean;
  className?: string;
}

/** An image viewer with wheel zoom around the cursor, drag to pan, fit and 1:1. */
export function ZoomPanImage({ blob, alt, brightness = 1, contrast = 1, overlay, hotkeys = false, className = '' }: ZoomPanImageProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const url = useObjectUrl(blob);
  const [img, setImg] = useState<Size>();
  const [box, setBox] = useState<Size>({ w: 0, h: 0 });
  const [view, setView] = useState<ZoomView>({ scale: 1, x: 0, y: 0 });
  // While fitted, the view follows the box size; any zoom or pan ends that.
  const [fitted, setFitted] = useState(true);
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const [broken, setBroken] = useState(false);

  useEffect(() => {
    setImg(undefined);
    setFitted(true);
    setBroken(false);
  }, [blob]);

  useLayoutEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setBox({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    setBox({ w: el.clientWidth, h: el.clientHeight });
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (fitted && img) setView(fitView(img, box));
  }, [fitted, img, box]);

  const zoomBy = useCallback(
    (factor: number, px?: number, py?: number) => {
      setFitted(false);
      setView((v) => zoomAt(v, factor, px ?? box.w / 2, py ?? box.h / 2));
    },
    [box],
  );
  const fit = useCallback(() => {
    setFitted(true);
    if (img) setView(fitView(img, box));
  }, [img, box]);
  const oneToOne = useCallback(() => {
    setFitted(false);
    setView((v) => actualSizeView(v, box));
  }, [box]);

  // React's onWheel is passive; a native listener can stop the page from scrolling.
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
      zoomBy(wheelFactor(dy), e.clientX - r.left, e.clientY - r.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  useCommands(
    hotkeys
      ? [
          { id: 'image.zoom-in', title: 'Zoom in', keys: ['+', '='], scope: 'view:image', perform: () => zoomBy(ZOOM_STEP) },
          { id: 'image.zoom-out', title: 'Zoom out', keys: ['-', '_'], scope: 'view:image', perform: () => zoomBy(1 / ZOOM_STEP) },
          { id: 'image.fit', title: 'Fit the image', keys: ['0'], scope: 'view:image', perform: fit },
          { id: 'image.actual-size', title: 'Actual size (1:1)', keys: ['1'], scope: 'view:image', perform: oneToOne },
        ]
      : [],
  );

  const filter = brightness !== 1 || contrast !== 1 ? `brightness(${brightness}) contrast(${contrast})` : undefined;

  return (
    <div className={`relative overflow-hidden bg-[repeating-conic-gradient(#18181b_0_25%,#111113_0_50%)] bg-[length:16px_16px] ${className}`}>
      <div
        ref={boxRef}
        data-testid="zoom-pan"
        className="absolute inset-0 cursor-grab touch-none select-none active:cursor-grabbing"
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d || d.id !== e.pointerId) return;
          const dx = e.clientX - d.x;
          const dy = e.clientY - d.y;
          if (dx === 0 && dy === 0) return;
          drag.current = { id: d.id, x: e.clientX, y: e.clientY };
          setFitted(false);
          setView((v) => panBy(v, dx, dy));
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onDoubleClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          if (fitted) zoomBy(2, e.clientX - r.left, e.clientY - r.top);
          else fit();
        }}
      >
        {url && (
          <div
            data-testid="zoom-pan-layer"
            className="absolute top-0 left-0 origin-top-left"
            style={{
              width: img?.w,
              height: img?.h,
              transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`,
              visibility: img ? 'visible' : 'hidden',
            }}
          >
            <img
              src={url}
              alt={alt}
              draggable={false}
              onLoad={(e) => setImg({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
              onError={() => setBroken(true)}
              className="block h-full w-full max-w-none"
              style={{ filter, imageRendering: view.scale >= 3 ? 'pixelated' : 'auto' }}
            />
            {img && overlay && <div className="pointer-events-none absolute inset-0">{overlay}</div>}
          </div>
        )}
      </div>
      {broken && (
        <p role="alert" className="absolute inset-x-4 top-1/2 -translate-y-1/2 text-center text-sm text-rose-300">
          The browser could not draw “{alt}”: the file may be damaged or in a form it cannot decode. Delete the case and add the file again.
        </p>
      )}
      <div className="absolute right-2 bottom-2 flex items-center gap-0.5 rounded-md border border-zinc-700/80 bg-zinc-900/90 p-0.5 text-xs text-zinc-300 shadow">
        <ZoomButton label="Zoom out (-)" onClick={() => zoomBy(1 / ZOOM_STEP)}>
          −
        </ZoomButton>
        <span data-testid="zoom-level" className="w-12 text-center tabular-nums" title="Zoom">
          {Math.round(view.scale * 100)}%
        </span>
        <ZoomButton label="Zoom in (+)" onClick={() => zoomBy(ZOOM_STEP)}>
          +
        </ZoomButton>
        <ZoomButton label="Fit (0)" onClick={fit} active={fitted}>
          Fit
        </ZoomButton>
        <ZoomButton label="Actual pixels (1)" onClick={oneToOne} active={!fitted && view.scale === 1}>
          1:1
        </ZoomButton>
      </div>
    </div>
  );
}

function ZoomButton({ label, onClick, active, children }: { label: string; onClick: () => void; active?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className={`min-w-7 rounded px-1.5 py-0.5 hover:bg-zinc-700 hover:text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${active ? 'bg-zinc-700 text-white' : ''}`}
    >
      {children}
    </button>
  );
}
