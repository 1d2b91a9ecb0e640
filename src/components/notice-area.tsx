import { useNoticeStore } from '@/stores/notice-store';

/** Notices in a corner of the app shell: they stay until dismissed, whatever view is open. */
export function NoticeArea() {
  const notices = useNoticeStore((s) => s.notices);
  const dismiss = useNoticeStore((s) => s.dismiss);
  if (!notices.length) return null;
  return (
    // Polite live region for outcomes; faults are alerts of their own.
    <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2" data-testid="notice-area">
      {notices.map((n) => (
        <div
          key={n.id}
          role={n.tone === 'error' ? 'alert' : undefined}
          data-testid="notice"
          className={`pointer-events-auto flex items-start gap-2 rounded-lg border p-3 text-xs shadow-2xl ${n.tone === 'error' ? 'border-rose-800 bg-rose-950 text-rose-100' : 'border-sky-800 bg-sky-950 text-sky-100'}`}
        >
          <p className="flex-1">{n.text}</p>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)} className="rounded px-1 text-zinc-300 hover:bg-white/10">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
