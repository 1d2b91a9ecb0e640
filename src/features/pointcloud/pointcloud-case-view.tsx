import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { Case } from '@/core/model';
import { bboxRadius, defaultViewerPose, normalize, sub, upFor, type CameraPose } from '@/core/pointcloud/camera';
import { colormapCss, COLORMAPS, type ColormapName } from '@/core/pointcloud/colormaps';
import { tintDefects, type ColorBy } from '@/core/pointcloud/display-colors';
import { describeRenderSpec, normalizeRenderSpec, resolveFront, type RenderSpec } from '@/core/pointcloud/render-spec';
import { readCaseFile, useCase } from '@/lib/dataset/case-queries';
import { useRenderSpec, useStoredRender } from '@/lib/pointcloud/pointcloud-queries';
import { colorsInWorker, parseForDisplay, type DisplayCloud, type DisplayColoring } from '@/lib/pointcloud/client';
import { displayBudget } from '@/lib/pointcloud/display-budget';
import { ensureCaseRender, pointCloudRenderId, pointsInCaseBox } from '@/lib/pointcloud/case-images';
import { usePointHighlight } from '@/stores/point-highlight-store';
import { saveRenderSpec } from '@/lib/pointcloud/render-specs';
import { pointMaskSources } from '@/lib/pointcloud/point-masks';
import { Button } from '@/components/ui/button';
import type { CanvasControls } from './point-cloud-canvas';
import { RenderSpecPanel } from './render-spec-panel';
import { CaseImageList } from './case-image-list';
import { CompanionPhotos } from './companion-photos';

// The 3D view (and its worker, which loads three.js) starts only when a cloud is shown.
const PointCloudCanvas = lazy(() => import('./point-cloud-canvas').then((m) => ({ default: m.PointCloudCanvas })));

const SELECT = 'rounded-md border border-zinc-700 bg-zinc-900/90 px-2 py-1 text-xs text-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400';
const nf = new Intl.NumberFormat('en-US');

function fmtLen(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1000 || a < 0.01 ? v.toExponential(2) : v.toPrecision(3);
}

/** Where the worker finds the cloud again (it keeps the last few parsed, and re-reads the blob otherwise). */
interface CloudSource {
  key: string;
  blob: Blob;
  name: string;
}

type Parsed = { status: 'loading' } | { status: 'ready'; cloud: DisplayCloud; source: CloudSource } | { status: 'error'; message: string };

function useDisplayCloud(c: Case | undefined): Parsed {
  const [state, setState] = useState<Parsed>({ status: 'loading' });
  useEffect(() => {
    if (!c) return;
    let live = true;
    setState({ status: 'loading' });
    Promise.all([readCaseFile(c, 'point cloud'), pointMaskSources(c)])
      .then(async ([file, masks]) => {
        const source = { key: c.assetId, blob: file.blob, name: file.name };
        return { source, cloud: await parseForDisplay(source.key, source.blob, source.name, displayBudget().points, masks) };
      })
      .then(
      ({ cloud, source }) => live && setState({ status: 'ready', cloud, source }),
      (e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : `"${c.name}" could not be opened.` }),
    );
    return () => {
      live = false;
    };
  }, [c]);
  return state;
}

function Legend({ colormap, range, label }: { colormap: ColormapName; range: [number, number]; label: string }) {
  return (
    <div data-testid="pointcloud-legend" className="w-60 rounded-md border border-zinc-800 bg-zinc-950/85 px-2 py-1.5 text-[11px] text-zinc-300">
      <div className="mb-1 text-zinc-400">{label}</div>
      <div className="h-2 rounded-sm" style={{ background: colormapCss(colormap) }} />
      <div className="mt-0.5 flex justify-between font-mono tabular-nums">
        <span>{fmtLen(range[0])}</span>
        <span>{fmtLen(range[1])}</span>
      </div>
    </div>
  );
}

/** A point-cloud case: the cloud in 3D, and the rendered views the model will get. */
export function PointCloudCaseView({ caseId }: { caseId: string }) {
  const c = useCase(caseId);
  const parsed = useDisplayCloud(c);
  if (!c) return <p className="p-4 text-sm text-zinc-500">Loading case…</p>;
  return (
    <div data-testid="pointcloud-view" className="@container absolute inset-0">
      <div className="flex h-full min-h-0 flex-col @4xl:flex-row">
      <div className="relative min-h-[260px] min-w-0 flex-1 bg-zinc-950">
        {parsed.status === 'loading' && <p className="p-4 text-sm text-zinc-400">Reading the point cloud…</p>}
        {parsed.status === 'error' && (
          <div role="alert" className="m-4 rounded-md border border-rose-900 bg-rose-950/60 p-3 text-sm text-rose-100">
            {parsed.message}
          </div>
        )}
        {parsed.status === 'ready' && <Viewer3d c={c} cloud={parsed.cloud} source={parsed.source} />}
      </div>
      <CaseImagesPanel c={c} hasColors={parsed.status === 'ready' && !!parsed.cloud.colors} metres={parsed.status === 'ready' && parsed.cloud.format === 'tiff-xyz'} />
      </div>
    </div>
  );
}

/** Shared between the 3D view and the panel so "Use this view" can read the camera. */
const canvasControls: { current: CanvasControls | null } = { current: null };

type Colouring = { status: 'loading' } | { status: 'ready'; colors: Float32Array; range?: [number, number] } | { status: 'error'; message: string };

/**
 * Viewer colours, made in the worker so millions of points never hold up the page. While a new
 * colouring is made the previous one stays on screen. `axes` must be memoised by the caller.
 */
function useWorkerColors(source: CloudSource, cloud: DisplayCloud, coloring: DisplayColoring): Colouring {
  const [state, setState] = useState<Colouring & { of?: DisplayCloud }>({ status: 'loading' });
  const { by, colormap, axes } = coloring;
  useEffect(() => {
    let live = true;
    colorsInWorker(source.key, source.blob, source.name, cloud.stride, { by, colormap, axes }).then(
      (r) => live && setState({ status: 'ready', colors: r.colors, range: r.range, of: cloud }),
      (e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : `"${source.name}" could not be coloured.` }),
    );
    return () => {
      live = false;
    };
  }, [source, cloud, by, colormap, axes]);
  return state.status === 'ready' && state.of !== cloud ? { status: 'loading' } : state;
}

function Viewer3d({ c, cloud, source }: { c: Case; cloud: DisplayCloud; source: CloudSource }) {
  const spec = useRenderSpec(c);
  const front = resolveFront(spec?.spec.front ?? 'auto', cloud.bbox);
  const fieldNames = Object.keys(cloud.fields);
  const [colorBy, setColorBy] = useState<ColorBy>(cloud.colors ? 'rgb' : 'depth');
  const [colormap, setColormap] = useState<ColormapName>('turbo');
  // Fewer points need bigger dots to read as a surface.
  const [pointSize, setPointSize] = useState(() => Math.max(1, Math.min(5, Math.round(7.2 - Math.log10(Math.max(10, cloud.positions.length / 3))))));
  const radius = bboxRadius(cloud.bbox);
  const startPose = useMemo(() => {
    const p = defaultViewerPose(radius, front);
    return p;
  }, [radius, front]);
  const viewDir = useMemo(() => normalize(sub(startPose.target, startPose.eye)), [startPose]);
  const [showDefects, setShowDefects] = useState(true);
  const axes = useMemo(() => ({ viewDir, up: upFor(front) }), [viewDir, front]);
  const worker = useWorkerColors(source, cloud, { by: colorBy, colormap, axes });
  const range = worker.status === 'ready' ? worker.range : undefined;
  // Defect points (per-point masks) are tinted over whatever colouring the worker made.
  const coloured = useMemo((): Colouring => (worker.status === 'ready' && showDefects && cloud.mask && cloud.maskedPoints ? { ...worker, colors: tintDefects(worker.colors, cloud.mask) } : worker), [worker, showDefects, cloud.mask, cloud.maskedPoints]);
  const size = [0, 1, 2].map((k) => cloud.bbox.max[k] - cloud.bbox.min[k]);
  const shown = cloud.positions.length / 3;
  const controlsRef = useRef<CanvasControls | null>(null);
  const highlight = usePointHighlight((s) => (s.highlight?.caseId === c.id ? s.highlight : undefined));
  const [marked, setMarked] = useState<{ indices: Uint32Array; of: typeof highlight }>();
  useEffect(() => {
    if (!highlight || !spec) return;
    let live = true;
    pointsInCaseBox(c, spec.spec, highlight.imageIndex, highlight.box).then(
      (fileIdx) => {
        // File point i is display point i / stride when it is shown at all.
        const shownIdx = cloud.stride === 1 ? fileIdx : Uint32Array.from(Array.from(fileIdx).filter((i) => i % cloud.stride === 0), (i) => i / cloud.stride);
        if (live) setMarked({ indices: shownIdx, of: highlight });
      },
      () => live && setMarked(undefined),
    );
    return () => {
      live = false;
    };
  }, [c, spec, highlight, cloud.stride]);
  const markedIndices = highlight && marked?.of === highlight ? marked.indices : undefined;
  useEffect(() => {
    canvasControls.current = {
      capture: () => controlsRef.current?.capture(),
      reset: () => controlsRef.current?.reset(),
    };
    return () => {
      canvasControls.current = null;
    };
  }, []);
  const legendLabel = colorBy === 'depth' ? 'depth from the start view (near = high)' : colorBy === 'height' ? `height along ${front === '-Z' ? '−Y' : front === '+Z' ? '+Y' : '+Z'}` : colorBy.startsWith('field:') ? colorBy.slice(6) : '';
  return (
    <>
      {coloured.status === 'ready' ? (
        <Suspense fallback={<p className="p-4 text-sm text-zinc-400">Loading the 3D viewer…</p>}>
          <PointCloudCanvas positions={cloud.positions} colors={coloured.colors} pointSizePx={pointSize} startPose={startPose} radius={radius} controlsRef={controlsRef} highlight={markedIndices} />
        </Suspense>
      ) : coloured.status === 'error' ? (
        <div role="alert" className="m-4 rounded-md border border-rose-900 bg-rose-950/60 p-3 text-sm text-rose-100">
          {coloured.message}
        </div>
      ) : (
        <p className="p-4 text-sm text-zinc-400">Colouring the points…</p>
      )}
      <div className="pointer-events-none absolute inset-x-2 top-2 flex flex-wrap items-center gap-1.5">
        <div className="pointer-events-auto flex flex-wrap items-center gap-1.5 rounded-md border border-zinc-800 bg-zinc-950/85 p-1">
          <select aria-label="Colour by" className={SELECT} value={colorBy} onChange={(e) => setColorBy(e.target.value as ColorBy)}>
            <option value="depth">Colour: depth</option>
            <option value="height">Colour: height</option>
            <option value="rgb" disabled={!cloud.colors}>
              Colour: RGB{cloud.colors ? '' : ' (none)'}
            </option>
            {fieldNames.map((f) => (
              <option key={f} value={`field:${f}`}>
                Colour: {f}
              </option>
            ))}
          </select>
          {colorBy !== 'rgb' && (
            <select aria-label="Colormap" className={SELECT} value={colormap} onChange={(e) => setColormap(e.target.value as ColormapName)}>
              {COLORMAPS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
          <label className="flex items-center gap-1 px-1 text-xs text-zinc-400">
            Size
            <input aria-label="Point size" type="range" min={1} max={8} value={pointSize} onChange={(e) => setPointSize(Number(e.target.value))} className="w-20 accent-sky-500" />
          </label>
          {cloud.mask && (
            <label className="flex items-center gap-1 px-1 text-xs text-zinc-300" title="Tint the points the dataset labels as defect">
              <input type="checkbox" checked={showDefects} onChange={(e) => setShowDefects(e.target.checked)} className="accent-rose-500" /> Defect points
            </label>
          )}
          <Button tone="ghost" className="!px-2 !py-1 text-xs" onClick={() => controlsRef.current?.reset()} title="Back to the start view">
            Reset view
          </Button>
        </div>
      </div>
      {/* Clear of the axis gizmo in the bottom-right corner. */}
      <div className="pointer-events-none absolute right-28 bottom-2 left-2 flex flex-col items-start gap-1.5">
        {range && colorBy !== 'rgb' && <Legend colormap={colormap} range={range} label={legendLabel} />}
        <div data-testid="pointcloud-info" className="rounded-md border border-zinc-800 bg-zinc-950/85 px-2 py-1 text-[11px] text-zinc-300">
          <span className="font-medium text-zinc-100">{nf.format(cloud.count)} points</span>
          {' · '}bbox {size.map(fmtLen).join(' × ')}
          {' · '}
          {cloud.format.toUpperCase()} {cloud.encoding}
          {cloud.droppedNonFinite > 0 && <> · {nf.format(cloud.droppedNonFinite)} NaN points dropped</>}
          {cloud.mask && (
            <span data-testid="pointcloud-defect-points" className="text-rose-300" title="From the dataset's ground truth">
              {' · '}
              {cloud.maskedPoints ? `${nf.format(cloud.maskedPoints)} defect points` : 'no defect points in the ground truth'}
            </span>
          )}
        </div>
        {markedIndices && (
          <div data-testid="pointcloud-marked" className="rounded-md border border-rose-800/70 bg-rose-950/85 px-2 py-1 text-[11px] text-rose-200">
            {nf.format(markedIndices.length)} points marked from view {highlight!.imageIndex + 1}
          </div>
        )}
        {cloud.stride > 1 && (
          <div data-testid="pointcloud-decimated" className="rounded-md border border-amber-800/70 bg-amber-950/85 px-2 py-1 text-[11px] text-amber-200">
            Showing every {cloud.stride === 2 ? '2nd' : cloud.stride === 3 ? '3rd' : `${cloud.stride}th`} point ({nf.format(shown)} of {nf.format(cloud.count)})
            {displayBudget().software ? `: without a GPU this browser draws at most ${nf.format(displayBudget().points)} smoothly` : ` for display only, to keep the tab responsive (limit ${nf.format(displayBudget().points)})`}. Renders use every point.
          </div>
        )}
      </div>
    </>
  );
}

function CaseImagesPanel({ c, hasColors, metres }: { c: Case; hasColors: boolean; metres: boolean }) {
  const current = useRenderSpec(c);
  // Changes made faster than the stored settings come back build on the last one, not a stale copy.
  const [draft, setDraft] = useState<{ caseId: string; spec: RenderSpec }>();
  const stored = current?.spec;
  useEffect(() => {
    // Compared with the newest draft, not the one this render saw: a change made since stays.
    if (stored) setDraft((d) => (d && JSON.stringify(stored) === JSON.stringify(normalizeRenderSpec(d.spec)) ? undefined : d));
  }, [stored]);
  const spec = draft?.caseId === c.id ? draft.spec : stored;
  const id = spec ? pointCloudRenderId(c.assetId, spec) : undefined;
  const render = useStoredRender(id);
  const [status, setStatus] = useState<{ id: string; error?: string } | undefined>();
  const [showSettings, setShowSettings] = useState(false);
  const highlight = usePointHighlight((s) => (s.highlight?.caseId === c.id ? s.highlight : undefined));
  const setHighlight = usePointHighlight((s) => s.setHighlight);

  useEffect(() => {
    if (!spec || !id || render !== null) return;
    let live = true;
    setStatus({ id });
    // Settings often change several times in a row; render once they settle.
    const timer = setTimeout(() => {
      ensureCaseRender(c, spec).then(
        () => live && setStatus(undefined),
        (e: unknown) => live && setStatus({ id, error: e instanceof Error ? e.message : `"${c.name}" could not be rendered.` }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [c, spec, id, render]);

  // A mark refers to one image of one spec: drop it when the images change.
  const markedRender = useRef(id);
  useEffect(() => {
    if (markedRender.current !== id && markedRender.current !== undefined) setHighlight(undefined);
    markedRender.current = id;
  }, [id, setHighlight]);

  const scope = current?.source === 'case' ? 'case' : 'class';
  const save = (next: RenderSpec, to: 'case' | 'class' = scope) => {
    setDraft({ caseId: c.id, spec: next });
    void saveRenderSpec(to === 'case' ? { caseId: c.id } : { className: c.className }, next);
  };
  const useThisView = () => {
    const pose: CameraPose | undefined = canvasControls.current?.capture();
    if (!pose || !spec) return;
    const views = spec.views.kind === 'captured' ? spec.views.views : [];
    save({ ...spec, views: { kind: 'captured', views: [...views, { label: `captured ${views.length + 1}`, pose }] } });
  };

  return (
    <aside aria-label="Images for the model" className="max-h-[48%] min-h-0 w-full shrink-0 overflow-y-auto border-t border-zinc-800 bg-zinc-900/60 @4xl:max-h-none @4xl:w-[340px] @4xl:border-t-0 @4xl:border-l">
      <div className="grid items-start gap-x-3 gap-y-2 p-2.5 @2xl:grid-cols-[17rem_1fr] @4xl:grid-cols-1">
        <div className="space-y-2">
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-xs font-semibold tracking-wide text-zinc-300 uppercase">Images for the model</h3>
            <Button tone="ghost" className="!px-2 !py-0.5 text-xs" aria-expanded={showSettings} onClick={() => setShowSettings((v) => !v)}>
              {showSettings ? 'Hide render settings' : 'Render settings'}
            </Button>
          </div>
          {spec && (
            <p className="text-xs text-zinc-400">
              {describeRenderSpec(spec)}
              {spec.removeBackground ? ', background removed' : ''}
              {spec.layout === 'grid' ? ', as one grid image' : ''} · settings of {current?.source === 'case' ? 'this case' : current?.source === 'class' ? `class "${c.className}"` : 'the project default'}
            </p>
          )}
          {showSettings && spec && (
            <div className="space-y-2 rounded-md border border-zinc-800 bg-zinc-950/60 p-2">
              <div role="radiogroup" aria-label="Settings apply to" className="flex gap-1 text-xs">
                {(['class', 'case'] as const).map((s) => (
                  <button
                    key={s}
                    type="button"
                    role="radio"
                    aria-checked={scope === s}
                    onClick={() => {
                      if (s === 'case') save(spec, 'case');
                      else {
                        setDraft(undefined);
                        void saveRenderSpec({ caseId: c.id }, undefined);
                      }
                    }}
                    className={`flex-1 truncate rounded px-2 py-1 ${scope === s ? 'bg-sky-900/70 text-sky-100 ring-1 ring-sky-600/60' : 'bg-zinc-800 text-zinc-300 hover:bg-zinc-700'}`}
                    title={s === 'case' ? 'Only this case renders with these settings' : `Every case of class "${c.className}" without its own settings`}
                  >
                    {s === 'case' ? 'This case only' : `Class "${c.className}"`}
                  </button>
                ))}
              </div>
              <RenderSpecPanel spec={spec} onChange={(s) => save(s)} hasColors={hasColors} hasPhoto={(c.companionAssetIds?.length ?? 0) > 0} metres={metres} />
            </div>
          )}
          <CompanionPhotos c={c} spec={spec} />
          <Button tone="neutral" className="w-full justify-center !py-1 text-xs" onClick={useThisView} title="Render the 3D view as you see it now and send it to the model">
            Use this view
          </Button>
        </div>
        <div className="min-w-0">
          {status?.error && status.id === id ? (
            <div role="alert" className="rounded-md border border-rose-900 bg-rose-950/60 p-2 text-xs text-rose-100">
              {status.error}
            </div>
          ) : render ? (
            <CaseImageList images={render.images} marked={highlight} onMark={(imageIndex, box) => setHighlight(box ? { caseId: c.id, imageIndex, box } : undefined)} />
          ) : (
            <p className="text-xs text-zinc-400" aria-live="polite">
              Rendering views…
            </p>
          )}
        </div>
      </div>
    </aside>
  );
}
