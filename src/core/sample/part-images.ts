/**
 * Synthetic inspection images for the sample project: three part classes, each with normal
 * variation (position, lighting, sensor noise) and typical defects. Every pixel comes from a
 * formula and a seeded PRNG, so the same seed gives the same bytes.
 */
import { seededRandom } from '@/core/random';

export const IMAGE_SIDE_PX = 192;

export type SampleClass = 'washer' | 'pcb' | 'fabric';
export type DefectKind = 'scratch' | 'missing' | 'contamination';

/**
 * Cases that make the sample tell a story: a logical anomaly the patch baseline cannot see (a brass
 * washer with the steel's luminance: the baseline works on grey levels) and a harmless variation it
 * flags (a batch code printed on the board's margin, which the rules tolerate).
 */
export type StoryVariant = 'brass' | 'batch-code';

export interface PartSpec {
  className: SampleClass;
  seed: number;
  defect?: DefectKind;
  variant?: StoryVariant;
}

type Rgb = [number, number, number];

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
/** Soft edge: 1 inside (d < 0), 0 outside, ~1 px ramp. */
const inside = (d: number) => clamp01(0.5 - d);
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** Distance from p to the segment a–b. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const t = clamp01(((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy || 1));
  return Math.hypot(px - ax - t * vx, py - ay - t * vy);
}

interface Defect {
  /** Changes a pixel's colour; returns the input when the defect does not touch it. */
  apply(x: number, y: number, c: Rgb): Rgb;
}

/** A defect placed with the part's own random stream, somewhere on the part's material. */
function makeDefect(kind: DefectKind, cls: SampleClass, rnd: () => number, place: () => [number, number]): Defect {
  const [cx, cy] = place();
  if (kind === 'scratch') {
    const ang = rnd() * Math.PI;
    const len = 22 + rnd() * 16;
    const ax = cx - (Math.cos(ang) * len) / 2;
    const ay = cy - (Math.sin(ang) * len) / 2;
    const bx = cx + (Math.cos(ang) * len) / 2;
    const by = cy + (Math.sin(ang) * len) / 2;
    const tone: Rgb = cls === 'fabric' ? [0.98, 0.96, 0.88] : cls === 'pcb' ? [0.85, 0.8, 0.55] : [0.97, 0.97, 1];
    return { apply: (x, y, c) => mix(c, tone, inside(segDist(x, y, ax, ay, bx, by) - 0.9) * 0.9) };
  }
  if (kind === 'contamination') {
    const r = 6 + rnd() * 5;
    const tone: Rgb = cls === 'fabric' ? [0.45, 0.3, 0.15] : cls === 'pcb' ? [0.78, 0.78, 0.8] : [0.18, 0.14, 0.1];
    const wob = rnd() * 6;
    return {
      apply: (x, y, c) => {
        const a = Math.atan2(y - cy, x - cx);
        const rr = r * (1 + 0.25 * Math.sin(3 * a + wob));
        return mix(c, tone, inside(Math.hypot(x - cx, y - cy) - rr) * 0.85);
      },
    };
  }
  // 'missing' is drawn by the class itself (a chip absent, a notch, a hole); nothing to overlay.
  return { apply: (_x, _y, c) => c };
}

/** Brass tint scaled so its luma equals the steel's (0.299 R + 0.587 G + 0.114 B): same grey, other colour. */
const STEEL_LUMA = 0.299 + 0.587 * 1.01 + 0.114 * 1.04;
const BRASS_HUE: Rgb = [1.2, 0.98, 0.55];
const BRASS = BRASS_HUE.map((v) => (v * STEEL_LUMA) / (0.299 * BRASS_HUE[0] + 0.587 * BRASS_HUE[1] + 0.114 * BRASS_HUE[2])) as Rgb;

function washer(spec: PartSpec, rnd: () => number): (x: number, y: number) => Rgb {
  const S = IMAGE_SIDE_PX;
  const cx = S / 2 + (rnd() - 0.5) * 8;
  const cy = S / 2 + (rnd() - 0.5) * 8;
  const light = 0.95 + rnd() * 0.1;
  const R1 = 72;
  const R0 = 30;
  const notchAng = rnd() * Math.PI * 2;
  const defect = spec.defect
    ? makeDefect(spec.defect, 'washer', rnd, () => {
        const a = rnd() * Math.PI * 2;
        const r = 42 + rnd() * 16;
        return [cx + Math.cos(a) * r, cy + Math.sin(a) * r];
      })
    : undefined;
  return (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    const bg: Rgb = [0.16, 0.17, 0.19];
    let ring = inside(d - R1) * (1 - inside(d - R0));
    if (spec.defect === 'missing') {
      // A chunk broken out of the rim.
      const a = Math.atan2(y - cy, x - cx);
      const da = Math.abs(((a - notchAng + Math.PI * 3) % (Math.PI * 2)) - Math.PI);
      if (da < 0.32 && d > R1 - 22) ring = 0;
    }
    // Brushed metal: brighter towards the light (upper left), fine concentric grain.
    const shade = (0.62 + 0.12 * ((cx - x + cy - y) / (2 * R1)) + 0.03 * Math.sin(d * 1.7)) * light;
    const metal: Rgb = spec.variant === 'brass' ? [shade * BRASS[0], shade * BRASS[1], shade * BRASS[2]] : [shade, shade * 1.01, shade * 1.04];
    let c = mix(bg, metal, ring);
    if (defect && ring > 0) c = defect.apply(x, y, c);
    return c;
  };
}

const HOLES = [
  [12, 12],
  [180, 12],
  [12, 180],
  [180, 180],
] as const;

function pcb(spec: PartSpec, rnd: () => number): (x: number, y: number) => Rgb {
  const ox = (rnd() - 0.5) * 6;
  const oy = (rnd() - 0.5) * 6;
  const light = 0.95 + rnd() * 0.1;
  // Six chips on a 3 × 2 grid; one may be missing.
  const chips: [number, number][] = [];
  for (let j = 0; j < 2; j++) for (let i = 0; i < 3; i++) chips.push([40 + i * 56 + ox, 62 + j * 70 + oy]);
  const missing = spec.defect === 'missing' ? Math.floor(rnd() * chips.length) : -1;
  const defect = spec.defect && spec.defect !== 'missing' ? makeDefect(spec.defect, 'pcb', rnd, () => [30 + rnd() * 130 + ox, 30 + rnd() * 130 + oy]) : undefined;
  const code = spec.variant === 'batch-code' ? batchCode(rnd, 66 + ox, 171 + oy) : undefined;
  return (x, y) => {
    let c: Rgb = [0.1 * light, 0.36 * light, 0.2 * light];
    // Traces between the chip columns.
    for (const ty of [28, 97, 166]) if (Math.abs(y - ty - oy) < 1.6) c = [0.2, 0.52, 0.3];
    for (const tx of [68, 124]) if (Math.abs(x - tx - ox) < 1.6) c = [0.2, 0.52, 0.3];
    // Mounting holes in the corners.
    for (const [hx, hy] of HOLES) {
      const d = Math.hypot(x - hx - ox, y - hy - oy);
      if (d >= 6.5) continue; // outside the ring: both mixes would leave the colour as is
      c = mix(c, [0.75, 0.65, 0.35], inside(d - 6));
      c = mix(c, [0.05, 0.05, 0.05], inside(d - 3));
    }
    chips.forEach(([px, py], k) => {
      if (Math.abs(x - px) >= 17 || Math.abs(y - py) >= 21) return; // beyond its pads and body
      // Gold pads under each chip's legs.
      for (let p = 0; p < 4; p++) {
        const lx = px - 12 + p * 8;
        for (const ly of [py - 17, py + 17]) if (Math.abs(x - lx) < 2.2 && Math.abs(y - ly) < 3.5) c = [0.82 * light, 0.68 * light, 0.32 * light];
      }
      if (k === missing) return;
      const inBody = Math.abs(x - px) < 16 && Math.abs(y - py) < 13;
      if (inBody) c = [0.08, 0.08, 0.09];
      if (inBody && Math.hypot(x - px + 10, y - py + 7) < 2) c = [0.25, 0.25, 0.27];
    });
    if (defect) c = defect.apply(x, y, c);
    if (code?.(x, y)) c = [0.92, 0.92, 0.86];
    return c;
  };
}

/** Seven printed glyphs, each a 3 × 4 grid of 1.6 px dots drawn from the seed, starting at (x0, y0). */
function batchCode(rnd: () => number, x0: number, y0: number): (x: number, y: number) => boolean {
  const dots = new Set<string>();
  for (let g = 0; g < 7; g++) for (let r = 0; r < 4; r++) for (let col = 0; col < 3; col++) if (rnd() < 0.6) dots.add(`${g * 3 + col},${r}`);
  return (x, y) => {
    const gx = x - x0;
    const gy = y - y0;
    if (gx < 0 || gy < 0 || gy >= 8) return false;
    const glyph = Math.floor(gx / 7);
    const inGlyph = gx - glyph * 7;
    if (glyph >= 7 || inGlyph >= 6) return false;
    return dots.has(`${glyph * 3 + Math.floor(inGlyph / 2)},${Math.floor(gy / 2)}`);
  };
}

function fabric(spec: PartSpec, rnd: () => number): (x: number, y: number) => Rgb {
  const phx = rnd() * 8;
  const phy = rnd() * 8;
  const light = 0.93 + rnd() * 0.12;
  const hx = 40 + rnd() * 112;
  const hy = 40 + rnd() * 112;
  const defect = spec.defect && spec.defect !== 'missing' ? makeDefect(spec.defect, 'fabric', rnd, () => [36 + rnd() * 120, 36 + rnd() * 120]) : undefined;
  return (x, y) => {
    // Plain weave: warp and weft alternate over/under every 4 px.
    const u = (x + phx) / 4;
    const v = (y + phy) / 4;
    const over = (Math.floor(u) + Math.floor(v)) % 2 === 0;
    const fu = u - Math.floor(u);
    const fv = v - Math.floor(v);
    const thread = over ? 0.5 + 0.5 * Math.sin(Math.PI * fv) : 0.5 + 0.5 * Math.sin(Math.PI * fu);
    const b = (0.55 + 0.3 * thread) * light;
    let c: Rgb = [b * 0.86, b * 0.8, b * 0.66];
    if (spec.defect === 'missing') {
      // A hole: threads broken, dark backing shows through.
      const wob = 0.25 * Math.sin(5 * Math.atan2(y - hy, x - hx));
      c = mix(c, [0.06, 0.05, 0.05], inside(Math.hypot(x - hx, y - hy) - 7 * (1 + wob)));
    }
    if (defect) c = defect.apply(x, y, c);
    return c;
  };
}

const PAINTERS: Record<SampleClass, (spec: PartSpec, rnd: () => number) => (x: number, y: number) => Rgb> = { washer, pcb, fabric };

/** Renders one part as 8-bit RGB pixels, IMAGE_SIDE_PX square. */
export function renderPart(spec: PartSpec): Uint8Array {
  const rnd = seededRandom(spec.seed);
  const paint = PAINTERS[spec.className](spec, rnd);
  const S = IMAGE_SIDE_PX;
  const out = new Uint8Array(S * S * 3);
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const c = paint(x + 0.5, y + 0.5);
      const o = (y * S + x) * 3;
      // Sensor noise of about ±1.5 grey levels: visible as texture, cheap to compress.
      const n = (rnd() - 0.5) * 3;
      for (let k = 0; k < 3; k++) out[o + k] = Math.min(255, Math.max(0, Math.round(clamp01(c[k]) * 255 + n)));
    }
  }
  return out;
}
