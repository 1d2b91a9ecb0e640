import type { RenderImage } from '@/core/model';
import { BlobImage } from '@/components/blob-image';

/** The rendered images exactly as the model gets them, each labelled with its view. */
export function RenderedViews({ images }: { images: RenderImage[] }) {
  const single = images.length === 1;
  return (
    <ul className={`grid gap-2 ${single ? 'grid-cols-1' : 'grid-cols-3 @lg:grid-cols-5 @2xl:grid-cols-6 @4xl:grid-cols-3'}`} aria-label="Rendered views">
      {images.map((img, i) => (
        <li key={i} data-testid="pc-render-thumb" className="min-w-0">
          <BlobImage blob={img.blob} alt={img.caption} title={`${img.caption} · ${img.width}×${img.height} px`} className="aspect-square w-full rounded border border-zinc-800 bg-zinc-950 object-contain" />
          <div className="mt-0.5 line-clamp-2 text-[10px] leading-tight text-zinc-400" title={img.caption}>
            {img.caption}
          </div>
        </li>
      ))}
    </ul>
  );
}
