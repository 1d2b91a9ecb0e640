import { useEffect, useState } from 'react';
import type { Case, RenderImage } from '@/core/model';
import { caseImages } from '@/lib/images/case-images';
import { readCase } from '@/lib/dataset/library-queries';

/**
 * All the images the model sees for a case (every frame, every depth view), reloaded only when
 * the case or its file changes, not when its label does.
 */
export function useCaseImages(c: Case | undefined): { images?: RenderImage[]; error?: string } {
  const [state, setState] = useState<{ id?: string; images?: RenderImage[]; error?: string }>({});
  const id = c?.id;
  const assetId = c?.assetId;
  useEffect(() => {
    if (!id || !assetId) return;
    let live = true;
    readCase(id)
      .then((cur) => {
        if (!cur) throw new Error('This case was removed from the project.');
        return caseImages(cur);
      })
      .then(
        (images) => live && setState({ id, images }),
        (e: unknown) => live && setState({ id, error: e instanceof Error ? e.message : 'The images of this case could not be loaded; add the file again.' }),
      );
    return () => {
      live = false;
    };
  }, [id, assetId]);
  return state.id === c?.id ? state : {};
}
