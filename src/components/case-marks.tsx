import type { AssetKind, Case, GroundTruth, LabelStatus } from '@/core/model';

const LABEL_STYLE: Record<LabelStatus, string> = {
  normal: 'bg-emerald-950/90 text-emerald-300 ring-emerald-600/60',
  anomalous: 'bg-rose-950/90 text-rose-300 ring-rose-600/60',
  unsure: 'bg-amber-950/90 text-amber-300 ring-amber-600/60',
  unlabelled: 'bg-zinc-900/90 text-zinc-400 ring-zinc-600/60',
};

export const LABEL_TITLES: Record<LabelStatus, string> = {
  normal: 'Normal',
  anomalous: 'Anomalous',
  unsure: 'Unsure',
  unlabelled: 'Unlabelled',
};

/** The ground-truth label of a case, with its defect type when there is one. */
export function LabelBadge({ truth, className = '' }: { truth: GroundTruth | undefined; className?: string }) {
  const status = truth?.status ?? 'unlabelled';
  const text = status === 'anomalous' && truth?.defectType ? `anomalous · ${truth.defectType}` : status;
  return (
    <span
      data-label={status}
      title={`Label: ${text}${truth?.source ? ` (from ${truth.source})` : ''}`}
      className={`inline-flex max-w-full items-center truncate rounded px-1 py-px text-[10px] leading-tight font-medium ring-1 ring-inset ${LABEL_STYLE[status]} ${className}`}
    >
      <span className="truncate">{text}</span>
    </span>
  );
}

export const KIND_TITLES: Record<AssetKind, string> = { image: 'Image', pointcloud: 'Point cloud', video: 'Video' };

/** A small icon for cases that are not plain images. */
export function KindIcon({ kind, className = 'h-3.5 w-3.5', decorative = false }: { kind: AssetKind; className?: string; decorative?: boolean }) {
  const a11y = decorative ? ({ 'aria-hidden': true } as const) : ({ 'aria-label': KIND_TITLES[kind], role: 'img' } as const);
  if (kind === 'image')
    return (
      <svg viewBox="0 0 16 16" className={className} fill="none" stroke="currentColor" strokeWidth="1.4" {...a11y}>
        <rect x="2" y="3" width="12" height="10" rx="1.5" />
        <path d="M3 12l3.5-4 2.5 3 1.5-1.5L13 12" />
      </svg>
    );
  if (kind === 'pointcloud')
    return (
      <svg viewBox="0 0 16 16" className={className} fill="currentColor" {...a11y}>
        {[
          [3, 9],
          [5, 6],
          [8, 4],
          [11, 6],
          [13, 9],
          [6, 10],
          [10, 10],
          [8, 7.5],
          [8, 12.5],
          [4.5, 12],
          [11.5, 12],
        ].map(([x, y]) => (
          <circle key={`${x}-${y}`} cx={x} cy={y} r="1.1" />
        ))}
      </svg>
    );
  return (
    <svg viewBox="0 0 16 16" className={className} fill="none" stroke="currentColor" strokeWidth="1.4" {...a11y}>
      <rect x="1.5" y="3.5" width="10" height="9" rx="1.5" />
      <path d="M11.5 7l3-2v6l-3-2z" fill="currentColor" />
    </svg>
  );
}

/** Marks a reference candidate (a normal part that prompts may show the model). */
export function RoleMark() {
  return (
    <span title="Reference candidate" className="rounded bg-sky-900/90 px-1 py-px text-[10px] leading-tight font-semibold tracking-wide text-sky-200 ring-1 ring-sky-600/60 ring-inset">
      REF
    </span>
  );
}

/** Marks a case whose content has a problem; the sentence is in the tooltip. */
export function ErrorMark({ message }: { message: string }) {
  return (
    <span title={message} aria-label={`Problem: ${message}`} role="img" className="inline-flex h-4 w-4 items-center justify-center rounded-full bg-red-600 text-[10px] font-bold text-white">
      !
    </span>
  );
}

/** The last part of a case name (its file name), for tight cells. */
export function shortName(c: Pick<Case, 'name'>): string {
  const i = c.name.lastIndexOf('/');
  return i >= 0 ? c.name.slice(i + 1) : c.name;
}
