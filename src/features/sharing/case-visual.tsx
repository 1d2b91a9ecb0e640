import { BlobImage } from '@/components/blob-image';
import { useLiveQuery } from '@/lib/live-query';
import { projectDb } from '@/lib/db';
import type { Case } from '@/core/model';

/**
 * A case's picture with an optional heatmap laid over it. Images show their own bytes; other
 * kinds show their thumbnail when one exists, else a plain note.
 */
export function CaseVisual({ c, heatmap, showHeatmap = true, className = '', imgClassName = '' }: { c: Case; heatmap?: Blob; showHeatmap?: boolean; className?: string; imgClassName?: string }) {
  const blob = useLiveQuery(async () => {
    const db = projectDb();
    if (c.kind === 'image') return (await db.blobs.get(c.assetId))?.blob ?? null;
    return (await db.thumbs.get(c.assetId))?.blob ?? null;
  }, [c.assetId, c.kind]);
  return (
    <div className={`relative overflow-hidden ${className}`}>
      {blob ? (
        <BlobImage blob={blob} alt={c.name} className={`block h-full w-full object-contain ${imgClassName}`} />
      ) : (
        <div className="flex h-full w-full items-center justify-center bg-zinc-900 p-2 text-center text-xs text-zinc-500">{blob === null ? `${c.kind === 'pointcloud' ? '3D point cloud' : c.kind}: no preview here` : ''}</div>
      )}
      {blob && heatmap && showHeatmap && (
        <BlobImage blob={heatmap} alt="" data-testid="heatmap" className={`pointer-events-none absolute inset-0 h-full w-full object-contain opacity-80 ${imgClassName}`} style={{ imageRendering: 'auto' }} />
      )}
    </div>
  );
}
