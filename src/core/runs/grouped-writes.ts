/**
 * Group commit: items handed in while a write is running go out together in the next write, so a
 * fast batch pays one storage transaction per group instead of one per answer, and a slow one
 * waits no longer than before (a lone item is written at once). Each caller's promise settles with
 * its own group: resolved once the group is stored, rejected with the group's error otherwise.
 */
export function groupedWrites<T>(write: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let queue: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let writing = false;

  async function drain() {
    writing = true;
    while (queue.length) {
      const group = queue;
      queue = [];
      try {
        await write(group.map((g) => g.item));
        for (const g of group) g.resolve();
      } catch (e) {
        for (const g of group) g.reject(e);
      }
    }
    writing = false;
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
