import { Button } from '@/components/ui/button';
import { openPicker, useIngestState } from '@/features/library/ingest-state';

/** "Add files" and "Add folder": for toolbars and empty states. */
export function IngestButtons({ tone = 'neutral' }: { tone?: 'primary' | 'neutral' }) {
  const busy = useIngestState((s) => s.phase === 'running' || s.phase === 'collecting');
  return (
    <div className="flex gap-2">
      <Button tone={tone} onClick={() => openPicker('files')} title="Images (PNG, JPEG, WebP, BMP, GIF, TIFF), point clouds (PLY, PCD) or videos (MP4, MOV, WebM)">
        Add files
      </Button>
      <Button tone={tone} onClick={() => openPicker('folder')} title={busy ? 'Adds after the current files are in' : 'A dataset folder: MVTec AD, VisA, good/bad folders, or any folder of images'}>
        Add folder
      </Button>
    </div>
  );
}
