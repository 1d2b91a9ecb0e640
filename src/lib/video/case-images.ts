/**
 * What the model sees of a video case: the frames its plan picks, either as separate captioned
 * images or as one contact sheet with the time drawn on each tile. Cached in `renders` by
 * (asset, spec hash); the spec lives in `kv` per case or per class.
 */
import type { Case, RenderImage, SpecSource } from '@/core/model';
import { contactSheetLayout } from '@/core/video/contact-sheet';
import { outputSize } from '@/core/video/crop-mask';
import { changeCandidates, formatSeconds, frameCaption, framesInRange, keyFramePreview, planFrames, type PickedFrame, type PreviewFrame } from '@/core/video/frame-plan';
import {
  SHEET_MAX_SIDE_PX,
  caseSpecKey,
  classSpecKey,
  resolveSpec,
  specForWindow,
  videoSpecHash,
  type VideoSpec,
} from '@/core/video/render-spec';
import { projectDb, storageErrorText } from '@/lib/storage/db';
import { reportStorageProblem } from '@/lib/storage/notices';
import { openVideo, VideoClientError, type VideoHandle } from '@/lib/video/client';
import type { DecodedFrame } from '@/lib/video/frame-image';
import { renderId } from '@/core/identity';

const JPEG_QUALITY = 0.9;

/** The spec that applies to a case: its own, its parent's (for a window), its class's, or the default. */
export async function loadVideoSpec(c: Pick<Case, 'id' | 'parentId' | 'className'>): Promise<{ spec: VideoSpec; source: SpecSource }> {
  const db = projectDb();
  const [own, parent, cls] = await Promise.all([
    db.kv.get(caseSpecKey(c.id)),
    c.parentId ? db.kv.get(caseSpecKey(c.parentId)) : undefined,
    db.kv.get(classSpecKey(c.className)),
  ]);
  const source = own ? 'case' : parent ? 'parent' : cls ? 'class' : 'default';
  return { spec: resolveSpec(own?.value as VideoSpec, parent?.value as VideoSpec, cls?.value as VideoSpec), source };
}

/** Saves a spec for one case or for every case of a class. */
export async function saveVideoSpec(scope: { caseId: string } | { className: string }, spec: VideoSpec): Promise<void> {
  const key = 'caseId' in scope ? caseSpecKey(scope.caseId) : classSpecKey(scope.className);
  await projectDb().kv.put({ key, value: spec });
}

/** Removes a case's own spec so its class (or the default) applies again. */
export async function clearCaseVideoSpec(caseId: string): Promise<void> {
  await projectDb().kv.delete(caseSpecKey(caseId));
}

/** Opens the video of a case in the decoder, or throws a sentence (and records it on the case). */
export async function openCaseVideo(c: Pick<Case, 'assetId' | 'name'>): Promise<VideoHandle> {
  const db = projectDb();
  const [asset, stored] = await Promise.all([db.assets.get(c.assetId), db.blobs.get(c.assetId)]);
  if (!asset || !stored) throw new Error(`The video of case "${c.name}" is missing from storage; add the file again.`);
  return openVideo(c.assetId, stored.blob, asset.name);
}

/** Records a content problem on a case (and its parent for a window), so it stays listed with it. */
export async function markCaseError(c: Pick<Case, 'id' | 'parentId'>, detail: string): Promise<void> {
  const db = projectDb();
  // Stored as plain text (the library shows it as is): commands in quotes, not backticks.
  const message = detail.replace(/`([^`]+)`/g, '“$1”');
  await db.cases.update(c.id, { error: message });
  if (c.parentId) await db.cases.update(c.parentId, { error: message });
}

/** Drops a recorded content problem once the video decodes (e.g. the browser gained a codec). */
export async function clearCaseError(caseId: string): Promise<void> {
  const db = projectDb();
  const row = await db.cases.get(caseId);
  if (row?.error) await db.cases.update(caseId, { error: undefined });
}

/** Sampled frames (or a contact sheet) of a video case. Throws a sentence on failure. */
export async function videoCaseImages(c: Case): Promise<RenderImage[]> {
  const { spec } = await loadVideoSpec(c);
  return renderVideoCase(c, spec);
}

/** The images for a case under a given spec (cached by asset and spec hash). */
export async function renderVideoCase(c: Case, baseSpec: VideoSpec): Promise<RenderImage[]> {
  const db = projectDb();
  const spec = specForWindow(baseSpec, c.window);
  const specHash = videoSpecHash(spec);
  const id = renderId(c.assetId, specHash);
  const cached = await db.renders.get(id);
  if (cached) return cached.images;

  const handle = await openCaseVideo(c);
  let images: RenderImage[];
  try {
    const probe = await handle.probe();
    const picked = await plannedFrames(handle, spec, c.name);
    const size = outputSize(spec.cropMask, probe.displayWidth, probe.displayHeight);
    images =
      spec.representation === 'contact-sheet'
        ? [await drawContactSheet(handle, picked, spec, size, c.assetId)]
        : await frameImages(handle, picked, spec, c.assetId);
  } catch (e) {
    if (e instanceof VideoClientError) {
      await markCaseError(c, e.message);
      throw new Error(e.message);
    }
    throw e;
  }
  try {
    await db.renders.put({ id, assetId: c.assetId, specHash, spec, images, createdAt: Date.now() });
  } catch (err) {
    // The frames are made and used; only keeping them failed, and the user is told once.
    const text = storageErrorText(err);
    if (!text) throw err;
    reportStorageProblem(`The frames of "${c.name}" were made but could not be kept, so they will be made again next time. ${text}`);
  }
  return images;
}

/** The exact frames a spec's plan picks (scene changes scored first when the plan needs them). */
async function plannedFrames(handle: VideoHandle, spec: VideoSpec, name: string): Promise<PickedFrame[]> {
  const probe = await handle.probe();
  const scores = spec.plan.kind === 'scene-change' ? await handle.changeScores(changeCandidates(framesInRange(probe.frames, spec.plan.range))) : [];
  const picked = planFrames(spec.plan, probe.frames, scores);
  if (picked.length === 0) throw new Error(`The frame plan of "${name}" picks no frames (is the time window inside the video?).`);
  return picked;
}

/** One frame of the fast preview: the planned frame, the key frame shown for it, and its picture. */
export interface PreviewImage {
  frame: PreviewFrame;
  blob: Blob;
}

const PREVIEW_SIDE_PX = 384;

/**
 * The fast, approximate preview of a case's plan: the key frame nearest each planned frame, one
 * decode each. Only the case view shows it, labelled as approximate; runs go through
 * `videoCaseImages`, which always decodes the exact frames.
 */
export async function keyFramePreviewImages(c: Case, baseSpec: VideoSpec): Promise<PreviewImage[]> {
  const spec = specForWindow(baseSpec, c.window);
  const handle = await openCaseVideo(c);
  const probe = await handle.probe();
  const preview = keyFramePreview(await plannedFrames(handle, spec, c.name), probe.frames);
  const frames = await decode(handle, preview.map((p) => p.shown), PREVIEW_SIDE_PX, spec);
  try {
    return await Promise.all(
      frames.map(async (f, i) => {
        const canvas = new OffscreenCanvas(f.image.width, f.image.height);
        f.image.draw(canvas.getContext('2d')!);
        return { frame: preview[i], blob: await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 }) };
      }),
    );
  } finally {
    for (const f of frames) f.image.close();
  }
}

async function decode(handle: VideoHandle, picked: PickedFrame[], maxSidePx: number, spec: VideoSpec, onFrame?: (i: number, f: DecodedFrame) => void): Promise<DecodedFrame[]> {
  const frames = await handle.frames(
    picked.map((p) => p.timestampS),
    { maxSidePx, cropMask: spec.cropMask, onFrame },
  );
  if (frames === 'stale') throw new Error('The frames were requested again before they were ready; try again.');
  const missing = frames.findIndex((f) => !f);
  if (missing >= 0) {
    for (const f of frames) f?.image.close();
    throw new Error(`Frame ${picked[missing].index} (t = ${formatSeconds(picked[missing].timestampS)} s) of "${handle.name}" could not be decoded.`);
  }
  return frames as DecodedFrame[];
}

/** The frame as a JPEG: drawn at once (the frame may be closed after), encoded in the background. */
function encodeFrame(f: DecodedFrame): { blob: Promise<Blob>; width: number; height: number } {
  const canvas = new OffscreenCanvas(f.image.width, f.image.height);
  f.image.draw(canvas.getContext('2d')!);
  return { blob: canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY }), width: canvas.width, height: canvas.height };
}

async function frameImages(handle: VideoHandle, picked: PickedFrame[], spec: VideoSpec, assetId: string): Promise<RenderImage[]> {
  // Each frame is encoded as soon as it is decoded, while the decoder works on the next ones.
  const encoding: ReturnType<typeof encodeFrame>[] = [];
  let frames: DecodedFrame[];
  try {
    frames = await decode(handle, picked, spec.maxSidePx, spec, (i, f) => {
      encoding[i] = encodeFrame(f);
    });
  } catch (e) {
    // Encodings already started for a request that failed: nobody reads them.
    for (const started of encoding) void started?.blob.catch(() => undefined);
    throw e;
  }
  try {
    const encoded = frames.map((f, i) => encoding[i] ?? encodeFrame(f));
    // The first failure is reported; the others are not left unhandled.
    for (const started of encoded) void started.blob.catch(() => undefined);
    const out: RenderImage[] = [];
    for (let i = 0; i < encoded.length; i++) {
      const p = picked[i];
      const { width, height } = encoded[i];
      out.push({ blob: await encoded[i].blob, width, height, caption: frameCaption(p), meta: { assetId, frameIndex: p.index, timestampS: p.timestampS } });
    }
    return out;
  } finally {
    for (const f of frames) f.image.close();
  }
}

/** Text on each tile: frame index and time, on a dark band so it reads on any picture. */
export function tileLabel(p: PickedFrame): string {
  return `#${p.index}  t = ${formatSeconds(p.timestampS)} s`;
}

async function drawContactSheet(
  handle: VideoHandle,
  picked: PickedFrame[],
  spec: VideoSpec,
  size: { width: number; height: number },
  assetId: string,
): Promise<RenderImage> {
  const layout = contactSheetLayout(picked.length, size.width, size.height, Math.min(SHEET_MAX_SIDE_PX, Math.max(spec.maxSidePx, 512) * 2));
  const frames = await decode(handle, picked, Math.max(layout.tileW, layout.tileH), spec);
  const canvas = new OffscreenCanvas(layout.width, layout.height);
  const ctx = canvas.getContext('2d')!;
  try {
    ctx.fillStyle = '#18181b';
    ctx.fillRect(0, 0, layout.width, layout.height);
    ctx.textBaseline = 'middle';
    for (let i = 0; i < frames.length; i++) {
      const t = layout.tiles[i];
      frames[i].image.draw(ctx, t.x, t.y, t.w, t.h);
      ctx.fillStyle = 'rgba(0,0,0,0.72)';
      ctx.fillRect(t.x, t.labelY, t.w, layout.labelPx);
      ctx.fillStyle = '#ffffff';
      ctx.font = `600 ${Math.round(layout.labelPx * 0.72)}px sans-serif`;
      ctx.fillText(tileLabel(picked[i]), t.x + Math.round(layout.labelPx * 0.35), t.labelY + layout.labelPx / 2, t.w - layout.labelPx * 0.7);
    }
  } finally {
    for (const f of frames) f.image.close();
  }
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
  const caption = `contact sheet of ${picked.length} frames, left to right, top to bottom: ${picked.map(frameCaption).join('; ')}`;
  return {
    blob,
    width: layout.width,
    height: layout.height,
    caption,
    meta: { assetId, cols: layout.cols, rows: layout.rows, frames: picked.map((p) => ({ frameIndex: p.index, timestampS: p.timestampS })) },
  };
}

/** Stores a real thumbnail (the first frame) for a video asset that has none or a placeholder. */
export async function ensureVideoThumb(assetId: string, handle: VideoHandle): Promise<void> {
  const db = projectDb();
  const existing = await db.thumbs.get(assetId);
  if (existing && !existing.placeholder) return;
  const probe = await handle.probe();
  const frames = await handle.frames([probe.frames[0].timestampS], { maxSidePx: 256 });
  if (frames === 'stale' || !frames[0]) return;
  const { image } = frames[0];
  try {
    const canvas = new OffscreenCanvas(image.width, image.height);
    image.draw(canvas.getContext('2d')!);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    await db.thumbs.put({ id: assetId, blob, width: image.width, height: image.height });
  } finally {
    image.close();
  }
}
