/** A cheap live signal that the project's stored size has changed (files, renders, answers). */
import { projectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';

/** Row counts of the tables that hold most bytes, joined as one key; changes whenever they grow or shrink. */
export function useStoredRowsKey(): string | undefined {
  return useLiveQuery(async () => {
    const db = projectDb();
    const n = await Promise.all([db.blobs.count(), db.thumbs.count(), db.renders.count(), db.results.count()]);
    return n.join(':');
  }, []);
}
