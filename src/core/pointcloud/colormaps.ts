/** Colormaps as 256-entry RGB tables, shared by the viewer (points, legend) and the renderer. */
export type ColormapName = 'turbo' | 'viridis' | 'gray';

export const COLORMAPS: ColormapName[] = ['turbo', 'viridis', 'gray'];

const poly = (c: number[], t: number) => c.reduceRight((acc, k) => acc * t + k, 0);

// Polynomial fits: turbo (A. Mikhailov, Google, 2019), viridis (M. Zucker's fit of the matplotlib map).
const TURBO = [
  [0.13572138, 4.6153926, -42.66032258, 132.13108234, -152.94239396, 59.28637943],
  [0.09140261, 2.19418839, 4.84296658, -14.18503333, 4.27729857, 2.82956604],
  [0.1066733, 12.64194608, -60.58204836, 110.36276771, -89.90310912, 27.34824973],
];
const VIRIDIS = [
  [0.2777273272234177, 0.1050930431085774, -0.3308618287255563, -4.634230498983486, 6.228269936347081, 4.776384997670288, -5.435455855934631],
  [0.005407344544966578, 1.404613529898575, 0.214847559468213, -5.799100973351585, 14.17993336680509, -13.74514537774601, 4.645852612178535],
  [0.3340998053353061, 1.384590162594685, 0.09509516302823659, -19.33244095627987, 56.69055260068105, -65.35303263337234, 26.3124352495832],
];

const cache = new Map<ColormapName, Uint8Array>();

/** 256 × RGB bytes; entry 0 is the low end (far / low), 255 the high end (near / high). */
export function colormapTable(name: ColormapName): Uint8Array {
  let t = cache.get(name);
  if (t) return t;
  t = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = i / 255;
    for (let c = 0; c < 3; c++) {
      const v = name === 'gray' ? x : poly((name === 'turbo' ? TURBO : VIRIDIS)[c], x);
      t[i * 3 + c] = Math.max(0, Math.min(255, Math.round(v * 255)));
    }
  }
  cache.set(name, t);
  return t;
}

/** A CSS linear-gradient for a legend bar (low on the left). */
export function colormapCss(name: ColormapName, stops = 9): string {
  const t = colormapTable(name);
  const parts: string[] = [];
  for (let k = 0; k < stops; k++) {
    const i = Math.round((k / (stops - 1)) * 255);
    parts.push(`rgb(${t[i * 3]},${t[i * 3 + 1]},${t[i * 3 + 2]}) ${Math.round((k / (stops - 1)) * 100)}%`);
  }
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

export function parseHexColor(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return [0, 0, 0];
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
