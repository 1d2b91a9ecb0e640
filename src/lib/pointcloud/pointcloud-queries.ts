/** Live reads of a point-cloud case's render settings and stored renders. */
import type { Case } from '@/core/model';
import { projectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';
import { renderSpecFor } from '@/lib/pointcloud/render-specs';

/** The render spec a case uses and where it comes from (the case, its class or the default). */
export function useRenderSpec(c: Pick<Case, 'id' | 'className'>): Awaited<ReturnType<typeof renderSpecFor>> | undefined {
  return useLiveQuery(() => renderSpecFor(c), [c.id, c.className]);
}

/** The stored render with this id: null when not rendered yet, undefined while loading or without an id. */
export function useStoredRender(renderId: string | undefined) {
  return useLiveQuery(async () => (renderId ? ((await projectDb().renders.get(renderId)) ?? null) : undefined), [renderId]);
}
