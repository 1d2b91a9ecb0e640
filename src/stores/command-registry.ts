/**
 * The registry of keyboard commands (actions as data, see core/labeling/hotkeys). Components
 * register theirs while mounted; the dispatcher in src/app/keyboard.ts asks `activeCommands()`.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { KeyCommand } from '@/core/labeling/hotkeys';

type Group = { current: readonly KeyCommand[] };
const groups = new Set<Group>();

/** Every command registered now, in registration order. */
export function activeCommands(): KeyCommand[] {
  return [...groups].flatMap((g) => g.current);
}

/** Registers a group of commands; returns the function that removes them. */
export function registerCommands(group: Group): () => void {
  groups.add(group);
  return () => void groups.delete(group);
}

/**
 * Registers `commands` while the calling component is mounted. The list may be rebuilt on every
 * render (new closures, remapped keys); the registry always sees the latest.
 */
export function useCommands(commands: readonly KeyCommand[]): void {
  const group = useRef<Group>({ current: commands });
  useLayoutEffect(() => {
    group.current.current = commands;
  });
  useEffect(() => registerCommands(group.current), []);
}
