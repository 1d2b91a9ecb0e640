/** Seam for live IndexedDB queries in React: re-renders when the queried tables change. */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { rateLimited } from '@/core/rate-limited';
import { Dexie, projectDb } from '@/lib/storage/db';

export { useLiveQuery };

type Parts = Parameters<Parameters<typeof Dexie.on.storagemutated.subscribe>[0]>[0];

/** Calls `changed` after each committed write to any of `tables` (in this tab or another); returns the unsubscribe. */
export function onTablesChanged(tables: readonly string[], changed: () => void): () => void {
  const prefixes = tables.map((t) => `idb://${projectDb().name}/${t}/`);
  const listener = (parts: Parts) => {
    if (Object.keys(parts).some((k) => prefixes.some((p) => k.startsWith(p)))) changed();
  };
  Dexie.on.storagemutated.subscribe(listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}

/**
 * A live query over whole tables that bursts of writes change (an ingest adds a case per file,
 * each in its own transaction): it runs at once after a quiet spell, then at most every
 * `minIntervalMs` while writes keep coming, instead of re-reading and re-drawing the whole list
 * for every write. Undefined while loading. The query is read when the tables change, so it must
 * depend on nothing else.
 */
export function useTableQuery<T>(tables: readonly string[], query: () => Promise<T>, minIntervalMs: number): T | undefined {
  const [value, setValue] = useState<{ v: T }>();
  const key = tables.join(',');
  useEffect(() => {
    let live = true;
    const runner = rateLimited(async () => {
      const v = await query();
      if (live) setValue({ v });
    }, minIntervalMs);
    const off = onTablesChanged(key.split(','), () => runner.request());
    runner.request();
    return () => {
      live = false;
      runner.stop();
      off();
    };
    // The query reads only the named tables (see above): its identity does not matter.
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [key, minIntervalMs]);
  return value?.v;
}
