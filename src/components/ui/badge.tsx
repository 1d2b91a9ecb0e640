import type { ReactNode } from 'react';

export type BadgeTone = 'normal' | 'anomalous' | 'unsure' | 'neutral' | 'error' | 'info';

const TONES: Record<BadgeTone, string> = {
  normal: 'bg-emerald-900/70 text-emerald-200 ring-emerald-600/50',
  anomalous: 'bg-rose-900/70 text-rose-200 ring-rose-600/50',
  unsure: 'bg-amber-900/70 text-amber-200 ring-amber-600/50',
  neutral: 'bg-zinc-800 text-zinc-300 ring-zinc-600/50',
  error: 'bg-red-950 text-red-200 ring-red-500/60',
  info: 'bg-sky-900/70 text-sky-200 ring-sky-600/50',
};

export function Badge({ tone = 'neutral', children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}
