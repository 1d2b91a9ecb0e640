import { useEffect, useRef, useState } from 'react';
import { countMediaWithoutPreview, fillMediaThumbnails } from '@/lib/images/media-thumbnails';
import { useMediaWithoutPreviewCount } from '@/lib/dataset/library-queries';
import { useIngestActivity } from '@/stores/ingest-activity-store';
import { useSampleLoad } from '@/stores/sample-load-store';

/**
 * Mounted once for the window: whenever point clouds or videos still show a placeholder (after an
 * ingest, a sample load or an import), their real previews are made in the background, one file
 * at a time, by the point-cloud and video workers.
 */
export function MediaPreviewFiller() {
  const waiting = useMediaWithoutPreviewCount();
  // Files being added come first: previews wait until an ingest or a sample load has finished.
  const ingesting = useIngestActivity((s) => s.running);
  const loadingSample = useSampleLoad((s) => s.busy);
  const adding = ingesting || loadingSample;
  const busy = useRef(false);
  const ctl = useRef(new AbortController());
  // Files that arrive while a pass runs are picked up by another pass right after it.
  const [again, setAgain] = useState(0);
  useEffect(() => () => ctl.current.abort(), []);
  useEffect(() => {
    if (!waiting || adding || busy.current) return;
    busy.current = true;
    void fillMediaThumbnails(ctl.current.signal)
      .catch(() => 0)
      .then(async (made) => {
        busy.current = false;
        if (made > 0 && !ctl.current.signal.aborted && (await countMediaWithoutPreview()) > 0) setAgain((n) => n + 1);
      });
  }, [waiting, again, adding]);
  return null;
}
