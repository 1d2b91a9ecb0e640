import { useEffect, useState } from 'react';
import type { Case } from '@/core/model';
import { maskLayerImage, type MaskStyle } from '@/lib/images/case-masks';
import { BlobImage } from '@/components/blob-image';

/** The case's ground-truth mask (merged, binarised) stretched over its image, filled or outlined. */
export function MaskLayer({ c, style, className = '' }: { c: Pick<Case, 'id' | 'kind' | 'maskAssetIds'>; style: MaskStyle; className?: string }) {
  const [layer, setLayer] = useState<Blob>();
  const key = c.maskAssetIds.join(',');
  const { id, kind } = c;
  useEffect(() => {
    let live = true;
    setLayer(undefined);
    if (!key) return;
    // The ids decide the picture; the case object itself may be a fresh copy on every render.
    maskLayerImage({ id, kind, maskAssetIds: key.split(',') }, style).then(
      (b) => live && setLayer(b),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id, kind, key, style]);
  if (!layer) return null;
  return <BlobImage blob={layer} alt="" data-testid="mask-overlay" data-style={style} className={`pointer-events-none absolute inset-0 h-full w-full [image-rendering:pixelated] ${className}`} />;
}

/**
 * The model's boxes (normalised 0–1) over an image of `width` × `height` shown with object-contain;
 * without a size, over a layer that already has the image's exact bounds.
 */
export function BoxLayer({ boxes, width = 1, height = 1, fill = false }: { boxes: [number, number, number, number][]; width?: number; height?: number; fill?: boolean }) {
  if (!boxes.length || !width || !height) return null;
  return (
    <svg data-testid="box-overlay" className="pointer-events-none absolute inset-0 h-full w-full" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio={fill ? 'none' : 'xMidYMid meet'} aria-label={`${boxes.length} region${boxes.length === 1 ? '' : 's'} the model marked`}>
      {boxes.map((b, i) => (
        <rect key={i} x={b[0] * width} y={b[1] * height} width={(b[2] - b[0]) * width} height={(b[3] - b[1]) * height} fill="none" stroke="#facc15" vectorEffect="non-scaling-stroke" style={{ strokeWidth: 2 }} />
      ))}
    </svg>
  );
}
