import { useState } from 'react';
import { keyLabel } from '@/core/labeling/hotkeys';
import { Badge } from '@/components/ui/badge';
import { CaseImageStrip } from '@/components/case-image-strip';
import { ZoomPanImage } from '@/components/zoom-pan-image';
import { BoxLayer, MaskLayer } from '@/components/mask-layer';
import type { ReviewSession } from '@/features/review/use-review-session';

/** The case large: name, the defect-digit prompt, brightness and contrast, the image with its boxes, and the image strip. */
export function CaseStage({ s }: { s: ReviewSession }) {
  const { peek, shownCase, images, image, imageIndex, writer, cases } = s;
  const focused = s.queue.focused;
  const [brightness, setBrightness] = useState(1);
  const [contrast, setContrast] = useState(1);
  const [gtOutline, setGtOutline] = useState(false);
  const awaitingDigit = writer.awaitingDigit;
  const typeCount = s.queue.defectTypes.length;
  return (
    <section className="flex min-h-0 flex-col gap-2 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="min-w-0 truncate text-sm font-medium" data-testid="focused-name">{peek ? `Reference: ${peek.name}` : focused?.name}</h2>
        {focused && !peek && <Badge>{focused.className}</Badge>}
        {awaitingDigit && (
          <span data-testid="awaiting-digit" className="animate-pulse truncate rounded bg-rose-950 px-1.5 py-0.5 text-[11px] text-rose-200 ring-1 ring-rose-700">
            defect type{awaitingDigit !== focused?.id ? ` for ${cases?.find((c) => c.id === awaitingDigit)?.name.split('/').pop() ?? 'the case just labelled'}` : ''}? press {typeCount ? `1–${typeCount}` : 'a digit'}
          </span>
        )}
        <div className="ml-auto flex items-center gap-3 text-[11px] text-zinc-400">
          <label className="flex items-center gap-1">Brightness <input type="range" min={0.3} max={3} step={0.05} value={brightness} onChange={(e) => setBrightness(+e.target.value)} className="w-20 accent-sky-500" /></label>
          <label className="flex items-center gap-1">Contrast <input type="range" min={0.3} max={3} step={0.05} value={contrast} onChange={(e) => setContrast(+e.target.value)} className="w-20 accent-sky-500" /></label>
          <button type="button" className="text-sky-400 hover:underline" onClick={() => { setBrightness(1); setContrast(1); }}>reset</button>
          {focused?.kind === 'image' && focused.maskAssetIds.length > 0 && (
            <label className="flex items-center gap-1" title="Outline the dataset's defect mask over the image">
              <input type="checkbox" checked={gtOutline} onChange={(e) => setGtOutline(e.target.checked)} className="accent-rose-500" /> Mask outline
            </label>
          )}
        </div>
      </div>
      <div className="min-h-0 flex-1">
        {s.imageError ? (
          <p className="p-4 text-sm text-rose-300">{s.imageError}</p>
        ) : (
          <ZoomPanImage
            blob={image?.blob}
            alt={shownCase?.name ?? ''}
            brightness={brightness}
            contrast={contrast}
            className="h-full w-full rounded-lg"
            overlay={
              shownCase && !peek ? (
                <>
                  {gtOutline && shownCase.kind === 'image' && shownCase.maskAssetIds.length > 0 && <MaskLayer c={shownCase} style="outline" />}
                  {!s.hideVerdict && <BoxLayer fill boxes={(s.byCase.get(shownCase.id)?.[0]?.locations ?? []).filter((l) => l.image === 0).map((l) => l.box)} />}
                </>
              ) : undefined
            }
          />
        )}
      </div>
      {images && images.length > 1 && <CaseImageStrip images={images} index={imageIndex} onIndex={s.setImageIndex} hint={`${keyLabel(s.bindings['previous-image'][0])} ${keyLabel(s.bindings['next-image'][0])} step`} />}
      <p className="text-[11px] text-zinc-500">Scroll to zoom, drag to pan, double-click to fit. {images?.length === 1 && image?.caption && image.caption !== shownCase?.name ? `Showing: ${image.caption}` : ''}</p>
    </section>
  );
}
