import { useRef, useState, type PointerEvent } from 'react';
import type { RenderImage } from '@/core/model';
import { BlobImage } from '@/components/blob-image';

type Box = [number, number, number, number];

/**
 * The rendered images exactly as the model gets them, each labelled with its view. Dragging a
 * box on one marks the points drawn there in the 3D view.
 */
export function CaseImageList({ images, marked, onMark }: { images: RenderImage[]; marked?: { imageIndex: number; box: Box }; onMark?: (imageIndex: number, box: Box | undefined) => void }) {
  const single = images.length === 1;
  return (
    <ul className={`grid gap-2 ${single ? 'max-w-64 grid-cols-1' : 'grid-cols-3 @lg:grid-cols-5 @2xl:grid-cols-6 @4xl:grid-cols-3'}`} aria-label="Rendered views">
      {images.map((img, i) => (
        <li key={i} data-testid="pc-render-thumb" className="min-w-0">
          <MarkableImage img={img} box={marked?.imageIndex === i ? marked.box : undefined} onBox={(b) => onMark?.(i, b)} />
          <div className="mt-0.5 line-clamp-2 text-[10px] leading-tight text-zinc-400" title={img.caption}>
            {img.caption}
          </div>
        </li>
      ))}
    </ul>
  );
}

function MarkableImage({ img, box, onBox }: { img: RenderImage; box: Box | undefined; onBox: (b: Box | undefined) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Box>();
  const at = (e: PointerEvent) => {
    const r = ref.current!.getBoundingClientRect();
    return [Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), Math.min(1, Math.max(0, (e.clientY - r.top) / r.height))] as const;
  };
  const shown = drag ?? box;
  return (
    <div
      ref={ref}
      className="relative aspect-square w-full cursor-crosshair touch-none select-none"
      title={`${img.caption} · ${img.width}×${img.height} px · drag a box to mark those points in 3D`}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const [x, y] = at(e);
        setDrag([x, y, x, y]);
      }}
      onPointerMove={(e) => {
        if (!drag) return;
        const [x, y] = at(e);
        setDrag([drag[0], drag[1], x, y]);
      }}
      onPointerUp={() => {
        if (!drag) return;
        const b: Box = [Math.min(drag[0], drag[2]), Math.min(drag[1], drag[3]), Math.max(drag[0], drag[2]), Math.max(drag[1], drag[3])];
        setDrag(undefined);
        // A click without a drag clears the mark.
        onBox(b[2] - b[0] > 0.01 && b[3] - b[1] > 0.01 ? b : undefined);
      }}
    >
      <BlobImage blob={img.blob} alt={img.caption} className="h-full w-full rounded border border-zinc-800 bg-zinc-950 object-contain" />
      {shown && (
        <div
          data-testid="pc-mark-box"
          className="pointer-events-none absolute border-2 border-rose-400 bg-rose-400/15"
          style={{ left: `${Math.min(shown[0], shown[2]) * 100}%`, top: `${Math.min(shown[1], shown[3]) * 100}%`, width: `${Math.abs(shown[2] - shown[0]) * 100}%`, height: `${Math.abs(shown[3] - shown[1]) * 100}%` }}
        />
      )}
    </div>
  );
}
