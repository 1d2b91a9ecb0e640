import { useEffect } from 'react';
import { useStorageStore } from '@/stores/storage-store';
import { formatBytes } from '@/lib/storage/quota';
import { useStoredRowsKey } from '@/lib/storage/project-size';

/** Header widget: space the project uses and what the browser still allows. */
export function StorageIndicator() {
  const facts = useStorageStore((s) => s.facts);
  const refresh = useStorageStore((s) => s.refresh);
  // A load or an import shows its size within a second, not at the next periodic look.
  const rows = useStoredRowsKey();
  useEffect(() => {
    if (rows === undefined) return;
    const t = setTimeout(() => void refresh(), 800);
    return () => clearTimeout(t);
  }, [rows, refresh]);
  useEffect(() => {
    void refresh();
    // Samples, imports, renders and results also take space: look again now and then (a cheap call).
    const timer = setInterval(() => void refresh(), 15_000);
    return () => clearInterval(timer);
  }, [refresh]);
  if (!facts) return null;
  const free = Math.max(0, facts.quotaBytes - facts.usageBytes);
  const pct = facts.quotaBytes > 0 ? Math.min(100, (facts.usageBytes / facts.quotaBytes) * 100) : 0;
  const low = facts.quotaBytes > 0 && free < 500e6;
  const title = `${formatBytes(facts.usageBytes)} used, ${formatBytes(free)} available in this browser. ${
    facts.persisted ? 'Storage is persistent: the browser will not clear it on its own.' : 'Storage is not marked persistent: the browser may clear it when the disk runs low.'
  }`;
  return (
    <div className="flex items-center gap-2 text-xs text-zinc-400" title={title} data-testid="storage-indicator">
      <div className="h-1.5 w-16 overflow-hidden rounded-full bg-zinc-800" aria-hidden>
        <div className={`h-full rounded-full ${low ? 'bg-amber-500' : 'bg-sky-500'}`} style={{ width: `${Math.max(2, pct)}%` }} />
      </div>
      {/* On narrow windows the free space moves to the tooltip, so the header stays one line. */}
      <span className="whitespace-nowrap">
        <span className="text-zinc-200">{formatBytes(facts.usageBytes)}</span> used<span className="hidden xl:inline"> · {formatBytes(free)} free</span>
      </span>
    </div>
  );
}
