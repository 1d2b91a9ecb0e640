import type { Case } from '@/core/model';

/** Class names from the cases and from the prompt, sorted. */
export function classNames(cases: readonly Case[] | undefined, extra: Iterable<string> = []): string[] {
  const set = new Set<string>(extra);
  for (const c of cases ?? []) set.add(c.className);
  return [...set].filter(Boolean).sort();
}
