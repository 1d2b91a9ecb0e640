import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { FrameInfo } from '@/core/video/frame-plan';
import { formatSeconds } from '@/core/video/frame-plan';
import type { VideoHandle } from '@/lib/video/client';
import { FrameCache } from '@/features/video/frame-cache';
import type { FrameImage } from '@/lib/video/frame-image';

const ITEM_PX = 112;
const THUMB_SIDE_PX = 112;

/**
 * Every frame of the video as a thumbnail, virtualised: only the visible ones are decoded (in one
 * batch per scroll stop), and a newer batch makes the older one stale.
 */
export function FrameStrip({
  handle,
  frames,
  current,
  planned,
  handPicked,
  onSelect,
}: {
  handle: VideoHandle;
  frames: FrameInfo[];
  current: number;
  planned: ReadonlySet<number>;
  handPicked: ReadonlySet<number>;
  onSelect: (index: number) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const cache = useRef(new FrameCache(240));
  const [, setVersion] = useState(0);
  // oxlint-disable-next-line react/incompatible-library -- the strip re-renders on scroll by design
  const v = useVirtualizer({ horizontal: true, count: frames.length, getScrollElement: () => scrollRef.current, estimateSize: () => ITEM_PX, overscan: 4 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => () => cache.current.clear(), []);

  useEffect(() => {
    v.scrollToIndex(current, { align: 'auto' });
  }, [current, v]);

  useEffect(() => {
    const want: FrameInfo[] = [];
    for (let i = first; i <= last; i++) if (!cache.current.has(i)) want.push(frames[i]);
    if (want.length === 0) return;
    let live = true;
    const t = setTimeout(async () => {
      try {
        const got = await handle.frames(want.map((f) => f.timestampS), { maxSidePx: THUMB_SIDE_PX, channel: `strip:${handle.sid}` });
        if (got === 'stale') return;
        got.forEach((g, k) => {
          if (!g) return;
          if (live) cache.current.set(want[k].index, g.image);
          else g.image.close();
        });
        if (live) setVersion((x) => x + 1);
      } catch {
        // The main frame shows decoding errors; the strip just stays blank.
      }
    }, 80);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [first, last, frames, handle]);

  return (
    <div ref={scrollRef} className="h-[92px] shrink-0 overflow-x-auto overflow-y-hidden rounded-md border border-zinc-800 bg-zinc-900/60" data-testid="frame-strip" data-scroll-x>
      <div style={{ width: v.getTotalSize(), height: '100%', position: 'relative' }}>
        {items.map((it) => {
          const f = frames[it.index];
          const isCurrent = f.index === current;
          const inPlan = planned.has(f.index);
          return (
            <button
              key={it.key}
              type="button"
              onClick={() => onSelect(f.index)}
              data-frame={f.index}
              title={`frame ${f.index}, t = ${formatSeconds(f.timestampS)} s${f.key ? ' (key frame)' : ''}${inPlan ? ' · in the prompt' : ''}`}
              className={`absolute top-1 flex h-[82px] flex-col items-center rounded border-2 p-0.5 text-[10px] ${
                isCurrent ? 'border-sky-400 bg-sky-950/60' : inPlan ? 'border-sky-700/80 bg-zinc-900' : 'border-transparent hover:border-zinc-600'
              }`}
              style={{ left: it.start + 2, width: ITEM_PX - 4 }}
            >
              <StripThumb image={cache.current.get(f.index)} />
              <span className={`mt-0.5 flex w-full justify-between px-0.5 font-mono ${isCurrent ? 'text-sky-200' : 'text-zinc-400'}`}>
                <span>
                  {handPicked.has(f.index) ? '★ ' : inPlan ? '● ' : ''}#{f.index}
                  {f.key && (
                    <span className="ml-1 text-amber-300/80" title="key frame">
                      K
                    </span>
                  )}
                </span>
                <span>{formatSeconds(f.timestampS)}s</span>
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

function StripThumb({ image }: { image: FrameImage | undefined }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c || !image) return;
    // Draw letterboxed into a fixed box so every tile has the same size.
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#09090b';
    ctx.fillRect(0, 0, c.width, c.height);
    const s = Math.min(c.width / image.width, c.height / image.height);
    const w = image.width * s;
    const h = image.height * s;
    try {
      image.draw(ctx, (c.width - w) / 2, (c.height - h) / 2, w, h);
    } catch {
      // Evicted and closed meanwhile; the next batch draws it again.
    }
  }, [image]);
  return <canvas ref={ref} width={104} height={60} className={`h-[60px] w-[104px] rounded-sm ${image ? '' : 'animate-pulse bg-zinc-800'}`} />;
}
