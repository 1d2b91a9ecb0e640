/**
 * A short synthetic video for the sample project: washers riding a conveyor belt past the camera.
 * In the abnormal one a loose bolt lies on the belt between two washers from about one second on.
 * Pure: frames are RGB pixel arrays from a seed; the app encodes them (WebCodecs) when it loads
 * the sample, since video encoders do not give the same bytes everywhere.
 */
import { seededRandom } from '@/core/random';

export interface ConveyorSpec {
  seed: number;
  event?: 'foreign-object';
}

export const CONVEYOR_VIDEO = { width: 192, height: 128, fps: 8, frames: 24 } as const;
/** Frame from which the loose bolt is in view. */
export const EVENT_FROM_FRAME = 6;

const BELT_SPEED_PX = 5;
const PITCH_PX = 64;

/** The frames of one video, each 8-bit RGB, row-major. */
export function conveyorFrames(spec: ConveyorSpec): Uint8Array[] {
  const { width: W, height: H, frames } = CONVEYOR_VIDEO;
  const rnd = seededRandom(spec.seed);
  const light = 0.95 + rnd() * 0.08;
  const phase = rnd() * 3;
  const out: Uint8Array[] = [];
  for (let f = 0; f < frames; f++) {
    const px = new Uint8Array(W * H * 3);
    const shift = phase + f * BELT_SPEED_PX;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        // Frame rails above and below the belt.
        let v = y < 20 || y >= H - 20 ? 0.42 : 0.2;
        let r = v;
        let g = v;
        let b = v * 1.05;
        if (y >= 20 && y < H - 20) {
          // Belt slats every 16 px, moving right with the belt.
          const u = (((x - shift) % 16) + 16) % 16;
          if (u < 1.5) v = 0.14;
          r = g = v;
          b = v * 1.05;
          // Washers every PITCH_PX along the belt.
          const k = Math.round((x - shift - 32) / PITCH_PX);
          const cx = 32 + shift + k * PITCH_PX;
          const d = Math.hypot(x - cx, y - H / 2);
          if (d < 22 && d > 9) {
            const m = (0.66 + 0.1 * ((cx - x + H / 2 - y) / 44)) * light;
            r = m;
            g = m * 1.01;
            b = m * 1.04;
          }
          if (spec.event === 'foreign-object' && f >= EVENT_FROM_FRAME) {
            // A bolt lying across the belt between two washers: shank and hexagonal head.
            const bx = shift + 64 - EVENT_FROM_FRAME * BELT_SPEED_PX - 30;
            const by = H / 2 + 14;
            const inShank = x > bx - 12 && x < bx + 6 && Math.abs(y - by) < 2.5;
            const inHead = Math.abs(x - bx - 9) < 4.5 && Math.abs(y - by) < 5;
            if (inShank || inHead) {
              r = 0.78;
              g = 0.46;
              b = 0.18;
            }
          }
        }
        const n = (rnd() - 0.5) * 3;
        const o = (y * W + x) * 3;
        px[o] = Math.min(255, Math.max(0, Math.round(r * light * 255 + n)));
        px[o + 1] = Math.min(255, Math.max(0, Math.round(g * light * 255 + n)));
        px[o + 2] = Math.min(255, Math.max(0, Math.round(b * light * 255 + n)));
      }
    }
    out.push(px);
  }
  return out;
}
