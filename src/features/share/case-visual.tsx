import { useEffect, useState } from 'react';
import { BlobImage } from '@/components/blob-image';
import { BoxLayer, MaskLayer } from '@/components/mask-layer';
import { useCaseDisplayBlob } from '@/lib/dataset/case-queries';
import { caseImages } from '@/lib/images/case-images';
import type { Case, Result } from '@/core/model';

/** The boxes an answer gave on image `index`. */
export const boxesOn = (r: Pick<Result, 'locations'> | undefined, index: number) => (r?.locations ?? []).filter((l) => l.image === index).map((l) => l.box);

/**
 * A case's picture with an optional heatmap laid over it. Images show their own bytes; point
 * clouds and videos show the rendered view or frame the heatmap belongs to (`imageIndex`),
 * falling back to their thumbnail while it loads or when it cannot be made.
 */
export function CaseVisual({
  c, heatmap, imageIndex, showHeatmap = true, className = '', imgClassName = '', boxes = [], maskOutline = false,
}: {
  c: Case; heatmap?: Blob; imageIndex?: number; showHeatmap?: boolean; className?: string; imgClassName?: string;
  /** The model's boxes on the shown image, normalised. */
  boxes?: [number, number, number, number][];
  /** Draw the ground-truth mask's outline (image cases with masks). */
  maskOutline?: boolean;
}) {
  const [size, setSize] = useState<{ w: number; h: number }>();
  const stored = useCaseDisplayBlob(c);
  const [view, setView] = useState<Blob>();
  const wantsView = c.kind !== 'image' && imageIndex !== undefined;
  useEffect(() => {
    setView(undefined);
    if (!wantsView) return;
    let live = true;
    caseImages(c)
      .then((imgs) => live && setView(imgs[imageIndex]?.blob))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [c, imageIndex, wantsView]);
  const blob = view ?? stored;
  // A heatmap belongs to one exact image: never lay it over a stand-in thumbnail.
  const heatFits = c.kind === 'image' || !!view;
  return (
    <div className={`relative overflow-hidden ${className}`}>
      {blob ? (
        <BlobImage blob={blob} alt={c.name} onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })} className={`block h-full w-full object-contain ${imgClassName}`} />
      ) : (
        <div className="flex h-full w-full items-center justify-center bg-zinc-900 p-2 text-center text-xs text-zinc-500">{stored === null ? `${c.kind === 'pointcloud' ? '3D point cloud' : c.kind}: no preview here` : ''}</div>
      )}
      {blob && heatmap && showHeatmap && heatFits && (
        <BlobImage blob={heatmap} alt="" data-testid="heatmap" className={`pointer-events-none absolute inset-0 h-full w-full object-contain opacity-80 ${imgClassName}`} />
      )}
      {blob && maskOutline && (c.kind === 'image' || (c.kind === 'pointcloud' && !!view && imageIndex === 0)) && c.maskAssetIds.length > 0 && <MaskLayer c={c} style="outline" className={`object-contain ${imgClassName}`} />}
      {blob && size && (c.kind === 'image' || !!view) && <BoxLayer boxes={boxes} width={size.w} height={size.h} />}
    </div>
  );
}
