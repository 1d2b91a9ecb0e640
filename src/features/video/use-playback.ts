import { useEffect, useState } from 'react';

/** Frames shown per second at most while playing: decoding each frame takes a worker round trip. */
const MAX_PLAY_FPS = 12;

/**
 * Plays a video by stepping the shown frame at the clip's own pace (capped), stopping at the end.
 * `timestampsS`: each frame's time, in order.
 */
export function usePlayback(timestampsS: readonly number[], current: number, setCurrent: (i: number) => void): { playing: boolean; toggle: () => void } {
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    if (current >= timestampsS.length - 1) {
      setPlaying(false);
      return;
    }
    const gapS = Math.max(1 / MAX_PLAY_FPS, (timestampsS[current + 1] ?? 0) - (timestampsS[current] ?? 0));
    const t = setTimeout(() => setCurrent(current + 1), gapS * 1000);
    return () => clearTimeout(t);
  }, [playing, current, timestampsS, setCurrent]);
  const toggle = () => {
    // Play from the start again when at the end.
    if (!playing && current >= timestampsS.length - 1) setCurrent(0);
    setPlaying((p) => !p);
  };
  return { playing, toggle };
}
