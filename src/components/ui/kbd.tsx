import type { ReactNode } from 'react';

/** A key cap, for showing shortcuts on screen. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="rounded border border-zinc-600 bg-zinc-800 px-1.5 py-0.5 font-mono text-[11px] text-zinc-200">{children}</kbd>;
}
