import type { Case } from '@/core/model';
import type { RenderSpec } from '@/core/pointcloud/render-spec';
import { useAssetBlobs } from '@/lib/dataset/case-queries';
import { BlobImage } from '@/components/blob-image';

const SENT: Record<NonNullable<RenderSpec['modalities']>, string> = {
  renders: 'not sent (the model gets the renders only)',
  photo: 'sent instead of the renders',
  both: 'sent before the renders, each captioned',
};

/** The RGB photo stored beside a scan, and whether the model gets it. */
export function CompanionPhotos({ c, spec }: { c: Case; spec: RenderSpec | undefined }) {
  const ids = c.companionAssetIds ?? [];
  const blobs = useAssetBlobs(ids);
  if (!ids.length) return null;
  return (
    <figure data-testid="companion-photos" className="space-y-1">
      <div className="flex gap-1.5">
        {(blobs ?? []).map((b, i) => (
          <BlobImage key={ids[i]} blob={b} alt={`RGB photo of ${c.name}`} className="max-h-32 rounded border border-zinc-800 object-contain" />
        ))}
      </div>
      <figcaption className="text-[11px] text-zinc-400">RGB photo of the same part: {SENT[spec?.modalities ?? 'renders']}.</figcaption>
    </figure>
  );
}
