import type { ReactNode } from 'react';
import type { AxisDir, ViewSet } from '@/core/pointcloud/camera';
import { COLORMAPS, type ColormapName } from '@/core/pointcloud/colormaps';
import type { Modalities, RenderSpec } from '@/core/pointcloud/render-spec';

const SELECT = 'w-full rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-xs text-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="grid grid-cols-[6.5rem_1fr] items-center gap-2 text-xs text-zinc-400">
      <span>{label}</span>
      {children}
    </label>
  );
}

type ViewKind = ViewSet['kind'];

function viewsFor(kind: ViewKind, current: ViewSet): ViewSet {
  if (kind === current.kind) return current;
  switch (kind) {
    case 'faces6':
      return { kind };
    case 'tilted9':
      return { kind, tiltDeg: 30 };
    case 'cpmf27':
      return { kind, stepDeg: 15 };
    case 'ring':
      return { kind, n: 8, elevationDeg: 20 };
    case 'captured':
      return { kind, views: [] };
  }
}

/** The settings that turn this cloud into the images the model gets. */
/**
 * `metres`: the cloud is in metres (MVTec 3D-AD scans), so background distances are entered in
 * millimetres; otherwise in the cloud's own units.
 */
export function RenderSpecPanel({ spec, onChange, hasColors, hasPhoto = false, metres = false }: { spec: RenderSpec; onChange: (s: RenderSpec) => void; hasColors: boolean; hasPhoto?: boolean; metres?: boolean }) {
  const set = <K extends keyof RenderSpec>(k: K, v: RenderSpec[K]) => onChange({ ...spec, [k]: v });
  const v = spec.views;
  return (
    <div className="space-y-1.5">
      {hasPhoto && (
        <Row label="Model gets">
          <select aria-label="Model gets" className={SELECT} value={spec.modalities ?? 'renders'} onChange={(e) => set('modalities', e.target.value as Modalities)}>
            <option value="renders">Renders only</option>
            <option value="photo">RGB photo only</option>
            <option value="both">Photo and renders, captioned</option>
          </select>
        </Row>
      )}
      <Row label="Style">
        <select aria-label="Render style" className={SELECT} value={spec.style} onChange={(e) => set('style', e.target.value as RenderSpec['style'])}>
          <option value="shaded">Shaded grey (lit)</option>
          <option value="depth">Depth, false colour</option>
          <option value="height">Height, false colour</option>
          <option value="rgb" disabled={!hasColors}>
            File colours{hasColors ? '' : ' (none in file)'}
          </option>
        </select>
      </Row>
      {(spec.style === 'depth' || spec.style === 'height') && (
        <Row label="Colormap">
          <select aria-label="Render colormap" className={SELECT} value={spec.colormap} onChange={(e) => set('colormap', e.target.value as ColormapName)}>
            {COLORMAPS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Row>
      )}
      <Row label="Views">
        <select aria-label="View set" className={SELECT} value={v.kind} onChange={(e) => set('views', viewsFor(e.target.value as ViewKind, v))}>
          <option value="tilted9">9 tilted (±{v.kind === 'tilted9' ? v.tiltDeg : 30}°)</option>
          <option value="faces6">6 faces</option>
          <option value="cpmf27">27 (0/±15° per axis)</option>
          <option value="ring">Ring of N</option>
          <option value="captured">Captured ({v.kind === 'captured' ? v.views.length : 0})</option>
        </select>
      </Row>
      {v.kind === 'tilted9' && (
        <Row label="Tilt">
          <select aria-label="Tilt" className={SELECT} value={v.tiltDeg} onChange={(e) => set('views', { kind: 'tilted9', tiltDeg: Number(e.target.value) })}>
            {[15, 20, 30, 45].map((d) => (
              <option key={d} value={d}>
                ±{d}°
              </option>
            ))}
          </select>
        </Row>
      )}
      {v.kind === 'ring' && (
        <Row label="Ring">
          <span className="flex items-center gap-2">
            <input aria-label="Views in ring" type="number" min={2} max={36} value={v.n} onChange={(e) => set('views', { ...v, n: Math.max(2, Math.min(36, Number(e.target.value) || 2)) })} className={`${SELECT} w-16`} />
            <span>views at</span>
            <input aria-label="Ring elevation" type="number" min={-80} max={80} value={v.elevationDeg} onChange={(e) => set('views', { ...v, elevationDeg: Number(e.target.value) || 0 })} className={`${SELECT} w-16`} />°
          </span>
        </Row>
      )}
      {v.kind !== 'captured' && v.kind !== 'faces6' && (
        <Row label="Looking from">
          <select aria-label="Canonical view side" className={SELECT} value={spec.front} onChange={(e) => set('front', e.target.value as AxisDir | 'auto')}>
            <option value="auto">Auto (−Z for sensor scans, else +Z)</option>
            <option value="+Z">+Z (top, z up)</option>
            <option value="-Z">−Z (sensor, y down)</option>
            <option value="+Y">+Y</option>
            <option value="-Y">−Y</option>
            <option value="+X">+X</option>
            <option value="-X">−X</option>
          </select>
        </Row>
      )}
      <Row label="Resolution">
        <select aria-label="Resolution" className={SELECT} value={spec.sizePx} onChange={(e) => set('sizePx', Number(e.target.value))}>
          {[224, 336, 448, 512, 768, 1024].map((s) => (
            <option key={s} value={s}>
              {s} × {s} px
            </option>
          ))}
        </select>
      </Row>
      <Row label="Point splat">
        <select aria-label="Point splat size" className={SELECT} value={String(spec.pointSizePx)} onChange={(e) => set('pointSizePx', e.target.value === 'auto' ? 'auto' : Number(e.target.value))}>
          <option value="auto">Auto (from density)</option>
          {[1, 2, 3, 4, 6, 8, 12].map((s) => (
            <option key={s} value={s}>
              {s} px
            </option>
          ))}
        </select>
      </Row>
      {spec.style === 'depth' && (
        <Row label="Depth range">
          <span className="flex items-center gap-2">
            <select aria-label="Depth range" className={SELECT} value={spec.depthRange.mode} onChange={(e) => set('depthRange', e.target.value === 'auto' ? { mode: 'auto' } : { mode: 'fixed', span: 1 })}>
              <option value="auto">Auto per view</option>
              <option value="fixed">Fixed span</option>
            </select>
            {spec.depthRange.mode === 'fixed' && (
              <input aria-label="Depth span" type="number" min={0} step="any" value={spec.depthRange.span} onChange={(e) => set('depthRange', { mode: 'fixed', span: Number(e.target.value) || 1 })} className={`${SELECT} w-20`} />
            )}
          </span>
        </Row>
      )}
      <Row label="Background">
        <span className="flex items-center gap-2">
          <input aria-label="Background colour" type="color" value={spec.background} onChange={(e) => set('background', e.target.value)} className="h-6 w-10 cursor-pointer rounded border border-zinc-700 bg-zinc-900" />
          <span className="font-mono text-[11px] text-zinc-500">{spec.background}</span>
        </span>
      </Row>
      <Row label="Send as">
        <select aria-label="Send as" className={SELECT} value={spec.layout} onChange={(e) => set('layout', e.target.value as RenderSpec['layout'])}>
          <option value="separate">Separate images</option>
          <option value="grid">One grid image</option>
        </select>
      </Row>
      <label className="flex items-center gap-2 pt-0.5 text-xs text-zinc-300">
        <input type="checkbox" checked={spec.removeBackground} onChange={(e) => set('removeBackground', e.target.checked)} className="accent-sky-500" />
        Remove supporting plane, keep the largest cluster
      </label>
      {spec.removeBackground && <BackgroundDistances spec={spec} onChange={onChange} metres={metres} />}
    </div>
  );
}

const DISTANCES = [
  { key: 'plane', label: 'Plane tolerance', hint: 'Points this close to the fitted plane count as table', auto: '0.8% of size' },
  { key: 'gap', label: 'Cluster gap', hint: 'Points this close together belong to one cluster', auto: '1% of size' },
] as const;

/** Background-removal distances with their unit; empty = relative to the cloud's size (the default). */
function BackgroundDistances({ spec, onChange, metres }: { spec: RenderSpec; onChange: (s: RenderSpec) => void; metres: boolean }) {
  const scale = metres ? 1000 : 1;
  const unit = metres ? 'mm' : 'units';
  const set = (key: 'plane' | 'gap', text: string) => {
    const v = Number(text) / scale;
    const next = { ...spec.backgroundDistances, [key]: v > 0 && Number.isFinite(v) ? v : undefined };
    onChange({ ...spec, backgroundDistances: next.plane || next.gap ? next : undefined });
  };
  return (
    <div className="space-y-1 pl-5">
      {DISTANCES.map((d) => {
        const v = spec.backgroundDistances?.[d.key];
        return (
          <label key={d.key} className="flex items-center gap-2 text-xs text-zinc-400" title={`${d.hint}${metres ? ' (the scan is in metres)' : " (in the cloud's own units)"}; empty = ${d.auto}.`}>
            <span className="w-28 shrink-0">{d.label}</span>
            <input aria-label={d.label} type="number" min={0} step="any" placeholder={`auto (${d.auto})`} value={v ? Number((v * scale).toPrecision(6)) : ''} onChange={(e) => set(d.key, e.target.value)} className={`${SELECT} w-36`} />
            <span>{unit}</span>
          </label>
        );
      })}
    </div>
  );
}
