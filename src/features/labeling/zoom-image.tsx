import { useEffect, useRef, useState, type PointerEvent as RPointerEvent } from 'react';

/**
 * A large image with wheel zoom around the cursor, drag to pan, double-click to fit, and
 * brightness / contrast applied as a CSS filter (the stored pixels are never changed).
 */
export function ZoomImage({ url, alt, brightness, contrast }: { url: string | undefined; alt: string; brightness: number; contrast: number }) {
  const [view, setView] = useState({ scale: 1, x: 0, y: 0 });
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);

  useEffect(() => setView({ scale: 1, x: 0, y: 0 }), [url]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // A native listener: React's wheel handler is passive and cannot stop the page scrolling.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const cx = e.clientX - r.left - r.width / 2;
      const cy = e.clientY - r.top - r.height / 2;
      setView((v) => {
        const scale = Math.min(16, Math.max(1, v.scale * Math.exp(-e.deltaY * 0.0015)));
        const k = scale / v.scale;
        return scale === 1 ? { scale, x: 0, y: 0 } : { scale, x: cx - (cx - v.x) * k, y: cy - (cy - v.y) * k };
      });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onDown = (e: RPointerEvent) => {
    (e.target as Element).setPointerCapture?.(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
  };
  const onMove = (e: RPointerEvent) => {
    const d = drag.current;
    if (!d || view.scale === 1) return;
    setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
  };

  return (
    <div
      ref={box}
      className={`relative h-full w-full overflow-hidden rounded-lg bg-[repeating-conic-gradient(#18181b_0%_25%,#1f1f23_0%_50%)] bg-[length:24px_24px] ${view.scale > 1 ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in'}`}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={() => (drag.current = null)}
      onDoubleClick={() => setView({ scale: 1, x: 0, y: 0 })}
    >
      {url && (
        <img
          src={url}
          alt={alt}
          draggable={false}
          className="absolute inset-0 h-full w-full select-none object-contain"
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`, filter: `brightness(${brightness}) contrast(${contrast})`, imageRendering: view.scale > 3 ? 'pixelated' : 'auto' }}
        />
      )}
      {view.scale > 1 && <div className="pointer-events-none absolute right-2 bottom-2 rounded bg-black/60 px-1.5 py-0.5 font-mono text-[11px] text-zinc-300">{Math.round(view.scale * 100)}%</div>}
    </div>
  );
}

/** An object URL for a Blob, revoked when the blob changes or the component goes. */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) {
      setUrl(undefined);
      return;
    }
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}
