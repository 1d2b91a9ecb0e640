import type { PrPoint, RocPoint } from '@/core/metrics/ranking';

const W = 260;
const H = 220;
const PAD = { l: 46, r: 10, t: 10, b: 30 };
const X = (v: number) => PAD.l + v * (W - PAD.l - PAD.r);
const Y = (v: number) => H - PAD.b - v * (H - PAD.t - PAD.b);

function Axes({ x, y }: { x: string; y: string }) {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <g className="text-[9px]" fill="currentColor">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={X(t)} x2={X(t)} y1={Y(0)} y2={Y(1)} stroke="#27272a" />
          <line x1={X(0)} x2={X(1)} y1={Y(t)} y2={Y(t)} stroke="#27272a" />
          <text x={X(t)} y={H - PAD.b + 12} textAnchor="middle" className="fill-zinc-500">{t}</text>
          <text x={PAD.l - 5} y={Y(t) + 3} textAnchor="end" className="fill-zinc-500">{t}</text>
        </g>
      ))}
      <text x={(X(0) + X(1)) / 2} y={H - 3} textAnchor="middle" className="fill-zinc-400">{x}</text>
      <text transform={`translate(11 ${(Y(0) + Y(1)) / 2}) rotate(-90)`} textAnchor="middle" className="fill-zinc-400">{y}</text>
    </g>
  );
}

/** ROC curve; the dot marks the operating point at the chosen threshold. */
export function RocChart({ points, threshold, title }: { points: RocPoint[]; threshold: number; title: string }) {
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${X(p.fpr).toFixed(1)},${Y(p.tpr).toFixed(1)}`).join('');
  const at = [...points].reverse().find((p) => p.threshold >= threshold) ?? points[0];
  return (
    <figure className="rounded-lg border border-zinc-800 bg-zinc-900/50 p-2">
      <figcaption className="px-1 text-xs font-medium text-zinc-300">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={title} data-testid="roc-chart">
        <Axes x="false positive rate (overkill)" y="true positive rate (recall)" />
        <line x1={X(0)} y1={Y(0)} x2={X(1)} y2={Y(1)} stroke="#52525b" strokeDasharray="3 3" />
        <path d={d} fill="none" stroke="#38bdf8" strokeWidth={2} strokeLinejoin="round" />
        {at && <circle cx={X(at.fpr)} cy={Y(at.tpr)} r={4.5} fill="#f59e0b" stroke="#18181b" strokeWidth={1.5} />}
      </svg>
    </figure>
  );
}

/** Precision–recall as scikit-learn plots it (steps); the dashed line is the share of anomalous cases. */
export function PrChart({ points, threshold, prevalence, title }: { points: PrPoint[]; threshold: number; prevalence: number; title: string }) {
  let d = `M${X(0)},${Y(points[0]?.precision ?? 1)}`;
  for (const p of points) d += `H${X(p.recall).toFixed(1)}V${Y(p.precision).toFixed(1)}`;
  const at = [...points].reverse().find((p) => p.threshold >= threshold) ?? points[0];
  return (
    <figure className="rounded-lg border border-zinc-800 bg-zinc-900/50 p-2">
      <figcaption className="px-1 text-xs font-medium text-zinc-300">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={title} data-testid="pr-chart">
        <Axes x="recall" y="precision" />
        <line x1={X(0)} y1={Y(prevalence)} x2={X(1)} y2={Y(prevalence)} stroke="#52525b" strokeDasharray="3 3" />
        <path d={d} fill="none" stroke="#a78bfa" strokeWidth={2} />
        {at && <circle cx={X(at.recall)} cy={Y(at.precision)} r={4.5} fill="#f59e0b" stroke="#18181b" strokeWidth={1.5} />}
      </svg>
    </figure>
  );
}
