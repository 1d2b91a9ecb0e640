/**
 * The ingest run: plan the drop (layouts, manifests), then prepare each file (worker) and store it
 * (one transaction per file), cases first and masks after, with progress and cancel.
 * Environment-free: the file processor (worker pool in the app) is passed in, so node tests
 * drive the same run in-process with fake-indexeddb.
 */
import type { CaseRole, GroundTruth, LabelStatus } from '@/core/model';
import { baseName, extensionOf } from '@/core/dataset/sniff';
import { orderForIngest, planIngest, type PlannedFile } from '@/core/dataset/plan-ingest';
import { isQuotaError, QUOTA_MESSAGE, type ProjectDb } from '@/lib/db';
import { WorkerJobError } from '@/lib/worker-client';
import { saveCase, saveMask, type CaseDraft, type SaveOutcome } from '@/lib/ingest-store';
import type { IngestIssue, PrepareResult, RefusedFile } from '@/lib/ingest-types';

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
  skipped: IngestIssue[];
  /** Sentences about the run (extension mismatches, manifests read, cancelled files). */
  notes: string[];
  cancelled: boolean;
  /** Files never looked at because the run was cancelled or storage ran out. */
  notProcessed: number;
}

export type Preparer = (file: Blob, path: string) => Promise<PrepareResult>;

/** What to do with one file once it is prepared: make it a case, or attach it as a mask. */
export type FileJob = { kind: 'case'; path: string; draft: CaseDraft } | { kind: 'mask'; path: string; fileName: string; targetAssetId: string };

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
    const r = await prepare(file, job.path);
    if (!r.ok) return { prepared: r };
    const prepared = { ok: true as const, assetId: r.assetId, ...(r.note ? { note: r.note } : {}) };
    const saved = job.kind === 'case' ? await saveCase(db, r, file, job.draft, now()) : await saveMask(db, r, file, job.fileName, job.targetAssetId, now());
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

export function isIgnoredPath(path: string): boolean {
  return path.split('/').some((part) => IGNORED.test(part));
}

export async function runIngest(sources: IngestSource[], preIssues: IngestIssue[], opts: RunOptions): Promise<IngestReport> {
  const { process, signal, onProgress, concurrency = 4, now = Date.now } = opts;
  const report: IngestReport = { added: [], masksAttached: 0, skipped: [...preIssues], notes: [], cancelled: false, notProcessed: 0 };
  const wanted = sources.filter((s) => !isIgnoredPath(s.path));
  const byPath = new Map(wanted.map((s) => [s.path, s]));

  const jsonTexts = new Map<string, string>();
  for (const s of wanted) {
    if (extensionOf(s.path) !== 'json' || s.file.size > MAX_MANIFEST_BYTES) continue;
    try {
      jsonTexts.set(s.path, await s.file.text());
    } catch {
      /* reported below as unreadable by the preparer */
    }
  }
  const plan = planIngest(wanted.map((s) => ({ path: s.path })), jsonTexts);
  for (const m of plan.manifests) report.notes.push(`Labels were read from the dataset manifest "${baseName(m)}".`);
  report.notes.push(...plan.notes);

  const ordered = orderForIngest(plan.files);
  const jsonOthers = ordered.filter((f) => extensionOf(f.path) === 'json');
  for (const f of jsonOthers) {
    report.skipped.push({ path: f.path, reason: 'unsupported', message: `"${baseName(f.path)}" is a JSON file but not a dataset manifest the workbench knows, so it was not added.` });
  }
  const work = ordered.filter((f) => extensionOf(f.path) !== 'json');
  const cases = work.filter((f) => !f.maskOf && !f.orphanMask);
  const masks = work.filter((f) => f.maskOf);
  for (const f of work.filter((x) => x.orphanMask)) {
    report.skipped.push({ path: f.path, reason: 'orphan-mask', message: `"${baseName(f.path)}" is a defect mask, but the image it belongs to is not in this drop; add it together with its image.` });
  }

  const total = cases.length + masks.length;
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
    const truth: GroundTruth = f.status === 'unlabelled' ? { status: f.status } : { status: f.status, source: f.source, at: now(), ...(f.defectType ? { defectType: f.defectType } : {}) };
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

  async function handleMask(f: PlannedFile) {
    const target = assetIdByPath.get(f.maskOf!);
    if (!target) {
      return skip(f.path, 'orphan-mask', `"${baseName(f.path)}" is the defect mask of "${baseName(f.maskOf!)}", which was not added, so the mask was left out too.`);
    }
    const src = byPath.get(f.path)!;
    const { prepared: r, saved: out } = await process(src.file, { kind: 'mask', path: f.path, fileName: baseName(f.path), targetAssetId: target });
    if (!r.ok) return skip(f.path, r.reason, r.message.replace(/\.$/, '') + ' (a defect mask).');
    if (!out) return;
    if (out.status === 'mask-attached') report.masksAttached += 1;
    else if (out.status === 'duplicate') skip(f.path, 'duplicate', `"${baseName(f.path)}" is already attached as a mask to "${out.existingName ?? baseName(f.maskOf!)}"; nothing changed.`);
    else if (out.status === 'mask-target-missing') skip(f.path, 'orphan-mask', `"${baseName(f.path)}" could not be attached: its case "${baseName(f.maskOf!)}" is no longer in the project.`);
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
  await pool(masks, handleMask);

  report.notProcessed = total - done;
  report.cancelled = Boolean(signal?.aborted) && report.notProcessed > 0;
  if (report.cancelled) report.notes.push(`Cancelled: ${report.notProcessed} ${report.notProcessed === 1 ? 'file was' : 'files were'} not added; files added before you cancelled stay in the project.`);
  else if (stopped && report.notProcessed > 0) report.notes.push(`${report.notProcessed} more ${report.notProcessed === 1 ? 'file was' : 'files were'} not added because storage is full.`);
  return report;
}
