import type { RenderImage } from '@/core/model';
import { BlobImage } from '@/components/blob-image';

/**
 * The images of one case as a strip under the large view: every frame (with index and time) or
 * depth view (with its name), the shown one outlined. Scrolls inside itself, never the page.
 */
export function CaseImageStrip({ images, index, onIndex, hint }: { images: readonly RenderImage[]; index: number; onIndex: (i: number) => void; hint?: string }) {
  if (images.length < 2) return null;
  return (
    <div className="min-w-0" data-testid="case-image-strip">
      <div className="mb-1 flex items-center gap-2 text-[11px] text-zinc-400">
        <span data-testid="case-image-position" className="tabular-nums text-zinc-200">
          {index + 1} / {images.length}
        </span>
        <span className="min-w-0 truncate" data-testid="case-image-caption">{images[index]?.caption}</span>
        {hint && <span className="ml-auto shrink-0 text-zinc-500">{hint}</span>}
      </div>
      <div className="flex gap-1 overflow-x-auto pb-1" role="listbox" data-scroll-x aria-label="Images of this case">
        {images.map((im, i) => (
          <button
            key={i}
            type="button"
            role="option"
            aria-selected={i === index}
            title={im.caption}
            onClick={() => onIndex(i)}
            className={`h-12 w-16 shrink-0 overflow-hidden rounded ring-1 ${i === index ? 'ring-2 ring-sky-400' : 'ring-zinc-700 hover:ring-zinc-400'}`}
          >
            <BlobImage blob={im.blob} alt={im.caption} className="h-full w-full object-cover" />
          </button>
        ))}
      </div>
    </div>
  );
}
