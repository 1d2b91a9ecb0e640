import { describe, expect, it } from 'vitest';
import { groupedWrites } from './grouped-writes';

/** A write whose completion the test controls. */
function controlledStore() {
  const groups: number[][] = [];
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push(items);
      pending.push({ resolve, reject });
    });
  return { groups, pending, write };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('groupedWrites', () => {
  it('writes a lone item at once, and the ones arriving meanwhile together in the next write', async () => {
    const store = controlledStore();
    const save = groupedWrites(store.write);
    const first = save(1);
    await tick();
    expect(store.groups).toEqual([[1]]);
    const later = [save(2), save(3), save(4)];
    await tick();
    expect(store.groups).toEqual([[1]]); // waiting for the first write
    store.pending[0].resolve();
    await first;
    await tick();
    expect(store.groups).toEqual([[1], [2, 3, 4]]);
    store.pending[1].resolve();
    await Promise.all(later);
  });

  it('a failed group rejects only its own callers, and later items are still written', async () => {
    const store = controlledStore();
    const save = groupedWrites(store.write);
    const a = save(1);
    await tick();
    const b = save(2);
    store.pending[0].reject(new Error('disk full'));
    await expect(a).rejects.toThrow('disk full');
    await tick();
    expect(store.groups).toEqual([[1], [2]]);
    store.pending[1].resolve();
    await expect(b).resolves.toBeUndefined();
  });

  it('keeps every item exactly once under many concurrent writers', async () => {
    const seen: number[] = [];
    let writes = 0;
    const save = groupedWrites<number>(async (items) => {
      writes++;
      await tick();
      seen.push(...items);
    });
    await Promise.all(Array.from({ length: 200 }, (_, i) => save(i)));
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(writes).toBeLessThan(200);
  });
});
