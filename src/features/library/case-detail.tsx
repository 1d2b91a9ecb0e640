import { useEffect, useState, type ReactNode } from 'react';
import type { Asset, Case } from '@/core/model';
import { useAsset, useImageFile, useStoredThumb } from '@/lib/dataset/library-queries';
import { useCommands } from '@/stores/command-registry';
import { ZoomPanImage } from '@/components/zoom-pan-image';
import { CaseViewerSlot } from '@/components/case-viewer-slot';
import { ErrorMark, KIND_TITLES, KindIcon, LabelBadge, RoleMark } from '@/components/case-marks';
import { BlobImage } from '@/components/blob-image';
import { displayableImage, needsConversion } from '@/lib/images/display-image';
import { Kbd } from '@/components/ui/kbd';
import { MaskLayer } from '@/components/mask-layer';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 items-baseline gap-1.5">
      <dt className="shrink-0 text-[10px] tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="min-w-0 truncate text-zinc-200">{children}</dd>
    </div>
  );
}

function NotAnImage({ c, asset }: { c: Case; asset: Asset | undefined }) {
  const thumb = useStoredThumb(c.assetId);
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center text-sm text-zinc-400">
      {thumb ? <BlobImage blob={thumb} alt="" className="max-h-48 rounded border border-zinc-800" /> : <KindIcon kind={c.kind} className="h-12 w-12 text-zinc-600" />}
      <p className="max-w-sm">
        {c.kind === 'pointcloud' ? 'Point cloud' : 'Video'} <span className="text-zinc-200">{asset?.name ?? c.name}</span>
        {asset ? ` (${asset.format.toUpperCase()}, ${formatBytes(asset.sizeBytes)})` : ''}. No {c.kind === 'pointcloud' ? '3D viewer' : 'video player'} is
        available here; the case can still be labelled, filtered and deleted.
      </p>
    </div>
  );
}

/** The focused case shown large, with what is known about it. */
export function CaseDetail({ c }: { c: Case }) {
  const asset = useAsset(c.assetId);
  const blob = useImageFile(c);
  const [showMask, setShowMask] = useState(true);
  const [outline, setOutline] = useState(false);
  // TIFF and other formats the browser cannot draw are converted once per shown case.
  const [shown, setShown] = useState<{ blob?: Blob; error?: string }>({});
  const format = asset?.format;
  useEffect(() => {
    if (!blob || !format) return;
    let live = true;
    if (!needsConversion(format)) setShown({ blob });
    else {
      setShown({});
      displayableImage(blob, format, c.name).then(
        (b) => live && setShown({ blob: b }),
        (e: Error) => live && setShown({ error: e.message }),
      );
    }
    return () => {
      live = false;
    };
  }, [blob, format, c.name]);
  const hasMasks = c.maskAssetIds.length > 0;

  useCommands(hasMasks ? [{ id: 'library.toggle-mask', title: 'Show / hide the defect mask', keys: ['m'], scope: 'view:library', perform: () => setShowMask((v) => !v) }] : []);

  const dims = asset?.width && asset?.height ? `${asset.width}×${asset.height}` : undefined;

  return (
    <section aria-label="Case" className="flex h-full min-h-0 flex-col">
      <header className="shrink-0 space-y-1.5 border-b border-zinc-800 px-3 py-2">
        <div className="flex items-center gap-2">
          <KindIcon kind={c.kind} className="h-4 w-4 shrink-0 text-zinc-400" />
          <h2 data-testid="case-detail-name" className="min-w-0 flex-1 truncate text-sm font-semibold text-zinc-100" title={c.name}>
            {c.name}
          </h2>
          {c.role === 'reference' && <RoleMark />}
          <LabelBadge truth={c.truth} />
        </div>
        <dl className="grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-x-3 gap-y-0.5 text-xs">
          <Field label="Class">{c.className}</Field>
          <Field label="Label">{c.truth?.status ?? 'unlabelled'}</Field>
          <Field label="Defect">{c.truth?.defectType ?? '—'}</Field>
          <Field label="Kind">{KIND_TITLES[c.kind]}</Field>
          <Field label="Size">
            {asset ? formatBytes(asset.sizeBytes) : '—'}
            {dims ? ` · ${dims}` : ''}
          </Field>
          <Field label="Masks">{hasMasks ? c.maskAssetIds.length : 'none'}</Field>
          {c.truth?.source && <Field label="Label from">{c.truth.source}</Field>}
          {c.truth?.note && <Field label="Note">{c.truth.note}</Field>}
        </dl>
        {c.error && (
          <div role="alert" className="flex items-start gap-2 rounded border border-red-900 bg-red-950/60 px-2 py-1 text-xs text-red-200">
            <ErrorMark message={c.error} />
            <span>{c.error}</span>
          </div>
        )}
      </header>
      <div className="relative min-h-0 flex-1">
        {c.kind === 'image' ? (
          blob === null ? (
            <p className="p-6 text-sm text-zinc-400">The image file of this case is missing from the project. Delete the case and add the file again.</p>
          ) : shown.error ? (
            <p role="alert" className="p-6 text-sm text-rose-300">
              {shown.error}
            </p>
          ) : (
            <div className="absolute inset-0">
              <ZoomPanImage
                key={c.id}
                blob={shown.blob}
                alt={c.name}
                hotkeys
                className="h-full w-full"
                overlay={hasMasks && showMask ? <MaskLayer c={c} style={outline ? 'outline' : 'fill'} /> : undefined}
              />
            </div>
          )
        ) : (
          <CaseViewerSlot kind={c.kind} caseId={c.id} fallback={<NotAnImage c={c} asset={asset} />} />
        )}
        {hasMasks && c.kind === 'image' && (
          <OverlayToggle on={showMask} onToggle={() => setShowMask((v) => !v)} className="left-2" title="Show or hide the defect mask (M)">
            Mask {showMask ? 'on' : 'off'} <Kbd>M</Kbd>
          </OverlayToggle>
        )}
        {hasMasks && c.kind === 'image' && showMask && (
          <OverlayToggle on={outline} onToggle={() => setOutline((v) => !v)} className="left-28" title="Draw the mask as an outline, so the defect itself stays visible">
            Outline
          </OverlayToggle>
        )}
      </div>
    </section>
  );
}

/** A small on/off button laid over the picture (mask, outline). */
function OverlayToggle({ on, onToggle, className, title, children }: { on: boolean; onToggle: () => void; className: string; title: string; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={onToggle}
      className={`absolute top-2 ${className} rounded-md border px-2 py-0.5 text-xs ${on ? 'border-rose-600/70 bg-rose-950/90 text-rose-200' : 'border-zinc-700 bg-zinc-900/90 text-zinc-300'}`}
      title={title}
    >
      {children}
    </button>
  );
}
