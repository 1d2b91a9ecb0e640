import { useEffect, useState } from 'react';
import type { Case, RenderImage } from '@/core/model';
import { loadedCaseImages, viewCaseImages } from '@/lib/images/case-images';

/**
 * All the images the model sees for a case (every frame, every depth view), reloaded only when
 * the case or its file changes, not when its label does. Images already loaded (or prefetched
 * beside the focused case) show in the first render.
 */
export function useCaseImages(c: Case | undefined): { images?: RenderImage[]; error?: string } {
  const [state, setState] = useState<{ id?: string; images?: RenderImage[]; error?: string }>({});
  const id = c?.id;
  const assetId = c?.assetId;
  const loaded = c ? loadedCaseImages(c) : undefined;
  useEffect(() => {
    if (!c || !id || !assetId || loaded) return;
    let live = true;
    viewCaseImages(c).then(
      (images) => live && setState({ id, images }),
      (e: unknown) => live && setState({ id, error: e instanceof Error ? e.message : 'The images of this case could not be loaded; add the file again.' }),
    );
    return () => {
      live = false;
    };
    // Only a new case or file loads again; a new label on the same case does not.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [id, assetId]);
  if (loaded) return { images: loaded };
  return state.id === c?.id ? state : {};
}
