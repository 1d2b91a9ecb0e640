import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PixelPool } from './pixel-pool';

describe('PixelPool', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands a returned buffer out again for the same size only', () => {
    const pool = new PixelPool(1 << 20, 1000);
    const a = pool.take(1024);
    pool.give(a);
    expect(pool.take(2048)).not.toBe(a);
    expect(pool.take(1024)).toBe(a);
    expect(pool.take(1024)).not.toBe(a);
  });

  it('keeps no more idle bytes than its bound, and never one buffer twice', () => {
    const pool = new PixelPool(3000, 1000);
    const [a, b, c] = [pool.take(1000), pool.take(1000), pool.take(1000)];
    pool.give(a);
    pool.give(a);
    expect(pool.idle).toBe(1000);
    pool.give(b);
    pool.give(c);
    pool.give(new ArrayBuffer(1000));
    expect(pool.idle).toBe(3000);
  });

  it('drops detached buffers (sent to the page meanwhile)', () => {
    const pool = new PixelPool(1 << 20, 1000);
    const a = pool.take(64);
    structuredClone(a, { transfer: [a] });
    pool.give(a);
    expect(pool.idle).toBe(0);
  });

  it('lets go of idle buffers a while after the last use', () => {
    const pool = new PixelPool(1 << 20, 1000);
    const a = pool.take(64);
    pool.give(a);
    vi.advanceTimersByTime(900);
    expect(pool.take(64)).toBe(a);
    pool.give(a);
    vi.advanceTimersByTime(1001);
    expect(pool.idle).toBe(0);
    expect(pool.take(64)).not.toBe(a);
  });
});
