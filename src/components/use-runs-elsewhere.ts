import { useEffect, useState } from 'react';
import { runsRunningElsewhere } from '@/lib/runs/run-lock';

/** How often the list of runs held by other tabs is read again (ms). */
const POLL_MS = 1500;

const same = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/** Ids of runs another tab of this browser is running now; updates as tabs start, finish or close. */
export function useRunsElsewhere(): ReadonlySet<string> {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    let alive = true;
    const read = () =>
      void runsRunningElsewhere().then(
        (next) => alive && setIds((prev) => (same(prev, next) ? prev : next)),
        () => undefined,
      );
    read();
    const t = setInterval(read, POLL_MS);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, []);
  return ids;
}
