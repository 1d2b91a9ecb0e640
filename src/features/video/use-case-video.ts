import { useEffect, useState } from 'react';
import type { Case } from '@/core/model';
import type { VideoProbe } from '@/lib/video/media';
import { VideoClientError, type VideoHandle } from '@/lib/video/client';
import { clearCaseError, ensureVideoThumb, markCaseError, openCaseVideo } from '@/lib/video/case-images';

export type CaseVideoState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; handle: VideoHandle; probe: VideoProbe };

/** Opens the video of a case in the decoder; records an undecodable codec on the case. */
export function useCaseVideo(c: Case | undefined): CaseVideoState {
  const [state, setState] = useState<CaseVideoState>({ status: 'loading' });
  const id = c?.id;
  const assetId = c?.assetId;
  const name = c?.name;
  const parentId = c?.parentId;
  useEffect(() => {
    if (!id || !assetId || name === undefined) return;
    const ref = { id, assetId, name, parentId };
    let live = true;
    setState({ status: 'loading' });
    (async () => {
      try {
        const handle = await openCaseVideo(ref);
        const probe = await handle.probe();
        if (!live) return;
        setState({ status: 'ready', handle, probe });
        void clearCaseError(id).catch(() => undefined);
        void ensureVideoThumb(assetId, handle).catch(() => undefined);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (live) setState({ status: 'error', message });
        // Only a problem with the file itself belongs on the case; a missing blob is a storage matter.
        if (e instanceof VideoClientError) void markCaseError(ref, message).catch(() => undefined);
      }
    })();
    return () => {
      live = false;
    };
  }, [id, assetId, name, parentId]);
  return state;
}
