import { describe, expect, it } from 'vitest';
import { feedOrder, resolveTargets, type PacketSource } from '@/lib/video/feed-order';

interface P {
  timestamp: number;
  sequenceNumber: number;
  key: boolean;
  disposable: boolean;
}

/** A track given as presentation frame numbers in decode order. */
function track(decodeOrder: number[], keys: (n: number) => boolean, disposable: (n: number) => boolean = () => false): PacketSource<P> {
  const packets: P[] = decodeOrder.map((n, seq) => ({ timestamp: n / 30, sequenceNumber: seq, key: keys(n), disposable: disposable(n) }));
  const byTime = [...packets].sort((a, b) => a.timestamp - b.timestamp);
  const lastAtOrBefore = (list: P[], t: number) => list.filter((p) => p.timestamp <= t + 1e-9).pop() ?? null;
  return {
    packetAt: async (t) => lastAtOrBefore(byTime, t),
    keyPacketAt: async (t) => lastAtOrBefore(byTime.filter((p) => p.key), t),
    from: async function* (start) {
      for (const p of packets.slice(start.sequenceNumber)) yield p;
    },
  };
}

async function fed(src: PacketSource<P>, frames: number[], skipDisposable = true): Promise<number[]> {
  const targets = (await resolveTargets(src, frames.map((n) => n / 30))).map((t) => t.packet!);
  const out: number[] = [];
  for await (const p of feedOrder(src, targets, (x) => skipDisposable && x.disposable)) out.push(Math.round(p.timestamp * 30));
  return out;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('packets fed to one decoder for exact frames', () => {
  const gop10 = range(0, 59);
  const key10 = (n: number) => n % 10 === 0;

  it('walks each GOP from its key frame to the target, carrying on inside a GOP and jumping to the next key frame between GOPs', async () => {
    expect(await fed(track(gop10, key10), [3, 7, 25])).toEqual([...range(0, 7), ...range(20, 25)]);
    // Order of the request does not matter; each packet is fed once.
    expect(await fed(track(gop10, key10), [25, 3, 7, 3])).toEqual([...range(0, 7), ...range(20, 25)]);
  });

  it('leaves out disposable pictures that are not targets, but feeds a target even when it is disposable', async () => {
    const odd = (n: number) => n % 2 === 1;
    expect(await fed(track(gop10, key10, odd), [3, 25])).toEqual([0, 2, 3, 20, 22, 24, 25]);
    expect(await fed(track(gop10, key10, odd), [3, 25], false)).toEqual([...range(0, 3), ...range(20, 25)]);
  });

  it('follows decode order with B-frames: a target decoded before an earlier target is not fed twice', async () => {
    // Presentation 0..6 stored as I0 P3 B1 B2 P6 B4 B5; B-frames are disposable.
    const order = [0, 3, 1, 2, 6, 4, 5];
    const b = (n: number) => n % 3 !== 0;
    expect(await fed(track(order, (n) => n === 0, b), [2])).toEqual([0, 3, 2]);
    expect(await fed(track(order, (n) => n === 0, b), [1, 2, 5])).toEqual([0, 3, 1, 2, 6, 5]);
    // Frame 3 is decoded before frames 1 and 2, which come later in presentation order.
    expect(await fed(track(order, (n) => n === 0, b), [2, 3])).toEqual([0, 3, 2]);
  });

  it('feeds nothing for a time before the first key frame', async () => {
    const src = track(range(5, 9), (n) => n === 5);
    const targets = (await resolveTargets(src, [0])).map((t) => t.packet);
    expect(targets).toEqual([null]);
  });
});
