import { useLiveQuery } from '@/lib/storage/live-query';
import { projectDb } from '@/lib/storage/db';
import type { Case } from '@/core/model';

/** All cases of the project (live). */
export function useCases(): Case[] | undefined {
  return useLiveQuery(() => projectDb().cases.orderBy('addedAt').toArray(), []);
}

/** Class names from the cases and from the prompt, sorted. */
export function classNames(cases: readonly Case[] | undefined, extra: Iterable<string> = []): string[] {
  const set = new Set<string>(extra);
  for (const c of cases ?? []) set.add(c.className);
  return [...set].filter(Boolean).sort();
}
