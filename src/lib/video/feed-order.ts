/**
 * Which packets one decoder must see, in decode order, to show a set of exact frames: from each
 * target's key frame up to the target, continuing through a GOP when the next target is further
 * into it and jumping to the next key frame otherwise (no flush in between: a key frame resets
 * the decoder's references by itself). Disposable pictures that are not targets are left out.
 */

export interface PacketLike {
  /** Presentation time, s. */
  timestamp: number;
  /** Position in decode order. */
  sequenceNumber: number;
}

/** Random access into a track's packets (mediabunny's packet sink behind the seam). */
export interface PacketSource<P extends PacketLike> {
  /** The last packet in presentation order starting at or before `t`. */
  packetAt(t: number): Promise<P | null>;
  /** The last key packet in presentation order starting at or before `t`. */
  keyPacketAt(t: number): Promise<P | null>;
  /** Packets in decode order from `from` (included), read ahead as the consumer goes. */
  from(from: P): AsyncIterable<P>;
}

export interface FeedTarget<P> {
  /** The requested time. */
  t: number;
  /** The packet shown at that time, or null when the time is before the first frame. */
  packet: P | null;
}

/** Resolves each requested time (sorted or not) to the packet shown then. */
export async function resolveTargets<P extends PacketLike>(src: PacketSource<P>, times: readonly number[]): Promise<FeedTarget<P>[]> {
  return Promise.all(times.map(async (t) => ({ t, packet: await src.packetAt(t) })));
}

/**
 * Yields the packets to decode for `targets` (packets shown at the wanted times), in decode order.
 * `skip(p)` tells a disposable picture; it is consulted only for packets that are not targets.
 */
export async function* feedOrder<P extends PacketLike>(src: PacketSource<P>, targets: readonly P[], skip: (p: P) => boolean): AsyncGenerator<P> {
  const wanted = new Set(targets.map((p) => p.sequenceNumber));
  const sorted = [...new Map(targets.map((p) => [p.sequenceNumber, p])).values()].sort((a, b) => a.timestamp - b.timestamp);
  let lastFed: P | null = null;
  for (const target of sorted) {
    // Already fed: a B-frame of a GOP walked through for an earlier target.
    if (lastFed && target.sequenceNumber <= lastFed.sequenceNumber) continue;
    const key = await src.keyPacketAt(target.timestamp);
    if (!key) continue;
    // Same GOP, further in: carry on from where the decoder is. Otherwise start at the key frame.
    const carryOn: P | null = lastFed && key.sequenceNumber <= lastFed.sequenceNumber ? lastFed : null;
    for await (const p of src.from(carryOn ?? key)) {
      if (p.sequenceNumber === carryOn?.sequenceNumber) continue;
      if (p.sequenceNumber > target.sequenceNumber) break;
      lastFed = p;
      if (p.sequenceNumber === key.sequenceNumber || wanted.has(p.sequenceNumber) || !skip(p)) yield p;
    }
  }
}
