/**
 * The ingest run: plan the drop (layouts, manifests), then prepare each file (worker) and store it
 * (one transaction per file), cases first and masks after, with progress and cancel.
 * Environment-free: the file processor (worker pool in the app) is passed in, so node tests
 * drive the same run in-process with fake-indexeddb.
 */
import type { CaseRole, GroundTruth, LabelStatus } from '@/core/model';
import { baseName, extensionOf } from '@/core/dataset/sniff';
import { orderForIngest, planIngest, type PlannedFile, type RecognisedLayout } from '@/core/dataset/plan-ingest';
import { isQuotaError, QUOTA_MESSAGE, type ProjectDb } from '@/lib/storage/db';
import { WorkerJobError } from '@/lib/worker-client';
import { savePointMask } from '@/lib/ingest/point-mask';
import { saveAttachment, saveCase, type CaseDraft, type SaveOutcome } from '@/lib/ingest/store';
import type { IngestIssue, PrepareResult, RefusedFile } from '@/lib/ingest/types';

export interface IngestSource {
  file: Blob;
  /** Path inside the drop, `/`-separated (just the name for loose files). */
  path: string;
}

export interface IngestProgress {
  done: number;
  total: number;
  current?: string;
}

export interface AddedCase {
  path: string;
  className: string;
  role: CaseRole;
  status: LabelStatus;
  defectType?: string;
}

export interface IngestReport {
  added: AddedCase[];
  masksAttached: number;
  /** Other views attached to cases (the RGB photo beside a 3D scan). */
  companionsAttached: number;
  /** The dataset layouts recognised in the drop. */
  layouts: RecognisedLayout[];
  skipped: IngestIssue[];
  /** Sentences about the run (extension mismatches, manifests read, cancelled files). */
  notes: string[];
  cancelled: boolean;
  /** Files never looked at because the run was cancelled or storage ran out. */
  notProcessed: number;
}

export type Preparer = (file: Blob, path: string) => Promise<PrepareResult>;

/** What to do with one file once it is prepared: make it a case, or attach it as a mask. */
export type FileJob = { kind: 'case'; path: string; draft: CaseDraft } | { kind: 'mask' | 'companion' | 'point-mask'; path: string; fileName: string; targetAssetId: string };

export interface JobOutcome {
  /** The preparation result without its blobs (they went to storage). */
  prepared: RefusedFile | { ok: true; assetId: string; note?: string };
  saved?: SaveOutcome;
}

/** Prepares and stores one file; runs in the ingest worker in the app, in-process in tests. */
export type FileProcessor = (file: Blob, job: FileJob) => Promise<JobOutcome>;

/** The processor that prepares with `prepare` and writes to `db` right here. */
export function localProcessor(db: ProjectDb, prepare: Preparer, now: () => number = Date.now): FileProcessor {
  return async (file, job) => {
    // A label file is not a file to store: it becomes a mask of its cloud's points.
    if (job.kind === 'point-mask') return savePointMask(db, file, job.fileName, job.targetAssetId, now());
    const r = await prepare(file, job.path);
    if (!r.ok) return { prepared: r };
    const prepared = { ok: true as const, assetId: r.assetId, ...(r.note ? { note: r.note } : {}) };
    const saved = job.kind === 'case' ? await saveCase(db, r, file, job.draft, now()) : await saveAttachment(db, job.kind, r, file, job.fileName, job.targetAssetId, now());
    return { prepared, saved };
  };
}

export interface RunOptions {
  process: FileProcessor;
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress) => void;
  /** Files in flight at once (the worker decodes while the database writes). */
  concurrency?: number;
  now?: () => number;
}

// Files systems and tools leave these behind; they are never inspection data.
const IGNORED = /^(\..*|thumbs\.db|desktop\.ini|__macosx)$/i;
const MAX_MANIFEST_BYTES = 50 * 1024 * 1024;
// Lists a dataset ships beside its files (manifests, split lists) are read as text before planning.
const TEXT_LISTS = new Set(['json', 'csv']);
const ATTACHMENT_WORDS = { mask: 'defect mask', 'point-mask': 'per-point defect labels', companion: 'photo' } as const;

export function isIgnoredPath(path: string): boolean {
  return path.split('/').some((part) => IGNORED.test(part));
}

export async function runIngest(sources: IngestSource[], preIssues: IngestIssue[], opts: RunOptions): Promise<IngestReport> {
  const { process, signal, onProgress, concurrency = 4, now = Date.now } = opts;
  const report: IngestReport = { added: [], masksAttached: 0, companionsAttached: 0, layouts: [], skipped: [...preIssues], notes: [], cancelled: false, notProcessed: 0 };
  const wanted = sources.filter((s) => !isIgnoredPath(s.path));
  const byPath = new Map(wanted.map((s) => [s.path, s]));

  const texts = new Map<string, string>();
  for (const s of wanted) {
    if (!TEXT_LISTS.has(extensionOf(s.path)) || s.file.size > MAX_MANIFEST_BYTES) continue;
    try {
      texts.set(s.path, await s.file.text());
    } catch {
      /* reported below as unreadable by the preparer */
    }
  }
  const plan = planIngest(wanted.map((s) => ({ path: s.path })), texts);
  report.layouts = plan.layouts;
  const named = plan.layouts.filter((l) => l.id !== 'named-folders' && l.id !== 'authors-manifest');
  if (named.length) report.notes.push(`Recognised the ${named.map((l) => `${l.title} layout (${l.files} ${l.files === 1 ? 'file' : 'files'})`).join(' and the ')}.`);
  for (const m of plan.manifests) report.notes.push(`Labels were read from the dataset manifest "${baseName(m)}".`);
  report.notes.push(...plan.notes);
  if (plan.metadata.length) report.notes.push(`${plan.metadata.length} dataset ${plan.metadata.length === 1 ? 'file' : 'files'} (readme, licence, calibration, defect configuration or split list) ${plan.metadata.length === 1 ? 'was' : 'were'} read as metadata, not added as ${plan.metadata.length === 1 ? 'a case' : 'cases'}.`);

  const ordered = orderForIngest(plan.files);
  const jsonOthers = ordered.filter((f) => extensionOf(f.path) === 'json');
  for (const f of jsonOthers) {
    report.skipped.push({ path: f.path, reason: 'unsupported', message: `"${baseName(f.path)}" is a JSON file but not a dataset manifest the workbench knows, so it was not added.` });
  }
  const work = ordered.filter((f) => extensionOf(f.path) !== 'json');
  const cases = work.filter((f) => !f.maskOf && !f.orphanMask && !f.companionOf && !f.orphanCompanion);
  const masks = work.filter((f) => f.maskOf);
  const companions = work.filter((f) => f.companionOf);
  for (const f of work.filter((x) => x.orphanMask)) {
    report.skipped.push({ path: f.path, reason: 'orphan-mask', message: `"${baseName(f.path)}" is a defect mask, but the image it belongs to is not in this drop; add it together with its image.` });
  }
  for (const f of work.filter((x) => x.orphanCompanion)) {
    report.skipped.push({ path: f.path, reason: 'orphan-mask', message: `"${baseName(f.path)}" is the photo of a 3D scan, but the scan it belongs to is not in this drop; add it together with its scan.` });
  }

  const total = cases.length + masks.length + companions.length;
  let done = 0;
  let stopped = false;
  const assetIdByPath = new Map<string, string>();
  const tick = (current?: string) => onProgress?.({ done, total, current });
  tick();

  const skip = (path: string, reason: IngestIssue['reason'], message: string): void => {
    report.skipped.push({ path, reason, message });
  };
  // Every file that met a full disk is listed, including those already in flight when it filled.
  const noRoom = (path: string, message: string) => {
    skip(path, 'no-room', `"${baseName(path)}" was not saved. ${message}`);
    stopped = true;
  };

  async function handleCase(f: PlannedFile) {
    const src = byPath.get(f.path)!;
    const truth: GroundTruth = f.status === 'unlabelled' ? { status: f.status } : { status: f.status, source: f.source, at: now(), ...(f.defectType ? { defectType: f.defectType } : {}), ...(f.anomalyKind ? { anomalyKind: f.anomalyKind } : {}) };
    const { prepared: r, saved: out } = await process(src.file, { kind: 'case', path: f.path, draft: { path: f.path, fileName: baseName(f.path), className: f.className, role: f.role, truth } });
    if (!r.ok) return skip(f.path, r.reason, r.message);
    assetIdByPath.set(f.path, r.assetId);
    if (r.note) report.notes.push(r.note);
    if (!out) return;
    if (out.status === 'added') report.added.push({ path: f.path, className: f.className, role: f.role, status: f.status, ...(f.defectType ? { defectType: f.defectType } : {}) });
    else if (out.status === 'duplicate') {
      const other = out.existingName && out.existingName !== f.path ? out.existingName : undefined;
      skip(f.path, 'duplicate', other ? `"${baseName(f.path)}" has the same content as "${other}", which is already in the project; it was not added again.` : `"${baseName(f.path)}" is already in the project (same content); it was not added again.`);
    } else if (out.status === 'no-room') noRoom(f.path, out.message);
  }

  async function handleAttachment(f: PlannedFile) {
    const kind = f.companionOf ? 'companion' : f.pointLabels ? 'point-mask' : 'mask';
    const of = (f.companionOf ?? f.maskOf)!;
    const what = ATTACHMENT_WORDS[kind];
    const target = assetIdByPath.get(of);
    if (!target) {
      return skip(f.path, 'orphan-mask', `"${baseName(f.path)}" is the ${what} of "${baseName(of)}", which was not added, so it was left out too.`);
    }
    const src = byPath.get(f.path)!;
    const { prepared: r, saved: out } = await process(src.file, { kind, path: f.path, fileName: baseName(f.path), targetAssetId: target });
    if (!r.ok) return skip(f.path, r.reason, r.message.replace(/\.$/, '') + ` (the ${what} of "${baseName(of)}").`);
    if (!out) return;
    if (r.note) report.notes.push(r.note);
    if (out.status === 'mask-attached') report[kind === 'companion' ? 'companionsAttached' : 'masksAttached'] += 1;
    else if (out.status === 'duplicate') skip(f.path, 'duplicate', `"${baseName(f.path)}" is already attached as the ${what} of "${out.existingName ?? baseName(of)}"; nothing changed.`);
    else if (out.status === 'mask-target-missing') skip(f.path, 'orphan-mask', `"${baseName(f.path)}" could not be attached: its case "${baseName(of)}" is no longer in the project.`);
    else if (out.status === 'no-room') noRoom(f.path, out.message);
  }

  async function pool(list: PlannedFile[], handle: (f: PlannedFile) => Promise<void>) {
    let next = 0;
    const lane = async () => {
      while (next < list.length) {
        if (signal?.aborted || stopped) return;
        const f = list[next++];
        try {
          await handle(f);
        } catch (err) {
          if (isQuotaError(err)) noRoom(f.path, QUOTA_MESSAGE);
          else if (err instanceof WorkerJobError) skip(f.path, 'unreadable', err.message);
          else skip(f.path, 'unreadable', `"${baseName(f.path)}" could not be added because of an unexpected problem; try adding it again.`);
        }
        done += 1;
        tick(f.path);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, list.length)) }, lane));
  }

  await pool(cases, handleCase);
  await pool([...companions, ...masks], handleAttachment);

  report.notProcessed = total - done;
  report.cancelled = Boolean(signal?.aborted) && report.notProcessed > 0;
  if (report.cancelled) report.notes.push(`Cancelled: ${report.notProcessed} ${report.notProcessed === 1 ? 'file was' : 'files were'} not added; files added before you cancelled stay in the project.`);
  else if (stopped && report.notProcessed > 0) report.notes.push(`${report.notProcessed} more ${report.notProcessed === 1 ? 'file was' : 'files were'} not added because storage is full.`);
  return report;
}
