/**
 * The results + labels table: one row per case and answer (or one row per case without answers),
 * written as CSV or JSON and read back. Labels round-trip exactly: status, defect type, note,
 * source and time are all in the row.
 */
import type { Case, GroundTruth, LabelSource, LabelStatus, PromptVersion, Result, ResultStatus, Run, ScoreSource, Verdict } from '@/core/model';
import { parseCsv, toCsv } from '@/core/export/csv';
import { foldRepeats, type CaseOutcome } from '@/core/metrics/case-outcome';
import { boxHitsMask, maskRegion, type BinaryMask, type Box } from '@/core/metrics/masks';
import { parseScoreCounts, pixelAurocReport, scoreCountsText, type LocalisationInput, type PixelAurocReport, type ScoreCount } from '@/core/metrics/localisation';

export interface ExportRow {
  caseId: string;
  caseName: string;
  className: string;
  label: LabelStatus;
  labelSource?: LabelSource;
  /** Epoch ms. */
  labelAt?: number;
  defectType?: string;
  note?: string;
  runId?: string;
  runName?: string;
  model?: string;
  promptVersionId?: string;
  promptVersion?: number;
  rep?: number;
  status?: ResultStatus;
  verdict?: Verdict;
  score?: number;
  scoreSource?: ScoreSource;
  confidence?: number;
  reasoning?: string;
  violatedRules?: string[];
  modelDefectType?: string;
  error?: string;
  /** The answer's boxes on the case's image (image 0), `x0 y0 x1 y1` normalised, `;`-separated. */
  boxes?: string;
  /** Bounding region of the case's merged mask, `x0 y0 x1 y1` normalised, or `empty`; absent without a mask. */
  maskRegion?: string;
  /** Per box in `boxes`: 1 when it covers a defect pixel of the mask, else 0, `;`-separated. */
  boxHits?: string;
  /** A heatmap against the case's mask as `score:defect:normal` pixel counts (see `scoreCounts`), for pixel AUROC. */
  pixelScores?: string;
}

export const EXPORT_FORMAT = 'anomaly-workbench/results';

export const COLUMNS: (keyof ExportRow)[] = [
  'caseId', 'caseName', 'className', 'label', 'labelSource', 'labelAt', 'defectType', 'note',
  'runId', 'runName', 'model', 'promptVersionId', 'promptVersion', 'rep', 'status', 'verdict', 'score', 'scoreSource',
  'confidence', 'reasoning', 'violatedRules', 'modelDefectType', 'error', 'boxes', 'maskRegion', 'boxHits', 'pixelScores',
];

const NUMERIC = new Set<keyof ExportRow>(['labelAt', 'promptVersion', 'rep', 'score', 'confidence']);

const fmtBox = (b: readonly number[]) => b.map((v) => String(Math.round(v * 1e6) / 1e6)).join(' ');

/**
 * Rows for the given cases; with runs, one row per answer of each run, cases in the given order.
 * `masks` holds each masked case's merged mask (`runMasks` a run's own, where its prompt makes scans
 * send another first image); `pixelCounts` per run and case a heatmap's score counts.
 */
export function buildExportRows(
  cases: readonly Case[],
  runs: readonly Run[],
  results: readonly Result[],
  versions: readonly Pick<PromptVersion, 'id' | 'version'>[] = [],
  masks: ReadonlyMap<string, BinaryMask> = new Map(),
  pixelCounts: ReadonlyMap<string, ReadonlyMap<string, { counts: readonly ScoreCount[] }>> = new Map(),
  runMasks: ReadonlyMap<string, ReadonlyMap<string, BinaryMask>> = new Map(),
): ExportRow[] {
  const versionNo = new Map(versions.map((v) => [v.id, v.version]));
  const byRunCase = new Map<string, Result[]>();
  for (const r of results) {
    const k = `${r.runId}\u0000${r.caseId}`;
    const list = byRunCase.get(k);
    if (list) list.push(r);
    else byRunCase.set(k, [r]);
  }
  const rows: ExportRow[] = [];
  for (const c of cases) {
    const base: ExportRow = {
      caseId: c.id,
      caseName: c.name,
      className: c.className,
      label: c.truth.status,
      labelSource: c.truth.source,
      labelAt: c.truth.at,
      defectType: c.truth.defectType,
      note: c.truth.note,
    };
    let any = false;
    for (const run of runs) {
      const rs = (byRunCase.get(`${run.id}\u0000${c.id}`) ?? []).slice().sort((a, b) => a.rep - b.rep);
      const pixels = pixelCounts.get(run.id)?.get(c.id);
      for (const r of rs) {
        any = true;
        rows.push({
          ...base,
          runId: run.id,
          runName: run.name,
          model: run.provider?.model ?? (run.detector === 'baseline' ? 'baseline' : undefined),
          promptVersionId: run.promptVersionId,
          promptVersion: run.promptVersionId ? versionNo.get(run.promptVersionId) : undefined,
          rep: r.rep,
          status: r.status,
          verdict: r.verdict,
          score: r.score,
          scoreSource: r.scoreSource,
          confidence: r.confidence,
          reasoning: r.reasoning,
          violatedRules: r.violatedRules,
          modelDefectType: r.defectType,
          error: r.error?.message,
          ...localisationCells(r, (runMasks.get(run.id) ?? masks).get(c.id)),
          ...(pixels ? { pixelScores: scoreCountsText(pixels.counts) } : {}),
        });
      }
    }
    if (!any) rows.push(base);
  }
  return rows;
}

// Boxes on the case's own image (index 0) are the ones a mask of that image can score.
function localisationCells(r: Result, mask: BinaryMask | undefined): Pick<ExportRow, 'boxes' | 'maskRegion' | 'boxHits'> {
  const boxes = (r.locations ?? []).filter((l) => l.image === 0).map((l) => l.box);
  const out: Pick<ExportRow, 'boxes' | 'maskRegion' | 'boxHits'> = {};
  if (boxes.length) out.boxes = boxes.map(fmtBox).join(';');
  if (mask) {
    const region = maskRegion(mask);
    out.maskRegion = region ? fmtBox(region) : 'empty';
    if (boxes.length) out.boxHits = boxes.map((b) => (boxHitsMask(b, mask) ? '1' : '0')).join(';');
  }
  return out;
}

function cell(v: ExportRow[keyof ExportRow]): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.join(';');
  return String(v);
}

export function rowsToCsv(rows: readonly ExportRow[]): string {
  return toCsv([COLUMNS, ...rows.map((r) => COLUMNS.map((k) => cell(r[k])))]);
}

export function rowsToJson(rows: readonly ExportRow[], exportedAt: number): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt, rows }, null, 2);
}

const LABELS: LabelStatus[] = ['normal', 'anomalous', 'unsure', 'unlabelled'];
const SOURCES: LabelSource[] = ['folder', 'import', 'hand'];
const STATUSES: ResultStatus[] = ['ok', 'unparsed', 'refused', 'error'];

function checkRow(r: Record<string, unknown>, where: string): ExportRow {
  if (typeof r.caseId !== 'string' || !r.caseId) throw new Error(`${where} has no caseId; the file is not a results export of this workbench.`);
  if (!LABELS.includes(r.label as LabelStatus)) throw new Error(`${where} has the label "${String(r.label)}"; expected normal, anomalous, unsure or unlabelled.`);
  if (r.labelSource !== undefined && !SOURCES.includes(r.labelSource as LabelSource)) throw new Error(`${where} has the label source "${String(r.labelSource)}"; expected folder, import or hand.`);
  if (r.status !== undefined && !STATUSES.includes(r.status as ResultStatus)) throw new Error(`${where} has the status "${String(r.status)}"; expected ok, unparsed, refused or error.`);
  return r as unknown as ExportRow;
}

/** Reads a CSV export back into rows; throws a sentence naming the file and line on bad input. */
export function rowsFromCsv(text: string, fileName = 'The CSV file'): ExportRow[] {
  const table = parseCsv(text, fileName);
  if (table.length === 0) return [];
  const header = table[0];
  if (!header.includes('caseId') || !header.includes('label')) throw new Error(`${fileName} has no caseId and label columns; export results from the workbench and import that file.`);
  const rows: ExportRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const line = table[i];
    if (line.length === 1 && line[0] === '') continue;
    const r: Record<string, unknown> = {};
    header.forEach((k, j) => {
      const v = line[j] ?? '';
      if (v === '') return;
      const key = k as keyof ExportRow;
      if (key === 'violatedRules') r[k] = v.split(';');
      else if (NUMERIC.has(key)) {
        const n = Number(v);
        if (!Number.isFinite(n)) throw new Error(`${fileName}, line ${i + 1}: ${k} "${v}" is not a number.`);
        r[k] = n;
      } else r[k] = v;
    });
    rows.push(checkRow(r, `${fileName}, line ${i + 1},`));
  }
  return rows;
}

export function rowsFromJson(text: string, fileName = 'The JSON file'): ExportRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${fileName} is not valid JSON; export it again from the workbench.`);
  }
  const rows = Array.isArray(data) ? data : (data as { rows?: unknown })?.rows;
  if (!Array.isArray(rows)) throw new Error(`${fileName} has no "rows" list; it is not a results export of this workbench.`);
  return rows.map((r, i) => checkRow(r as Record<string, unknown>, `${fileName}, row ${i + 1},`));
}

export function rowsFromText(text: string, fileName: string): ExportRow[] {
  return /\.json$/i.test(fileName) || /^\s*[[{]/.test(text) ? rowsFromJson(text, fileName) : rowsFromCsv(text, fileName);
}

/**
 * One label per case from imported rows (the first row of each case). A row that carries its
 * source and time keeps them, so export → import is exact; a row without a source is marked
 * 'import' with the import time.
 */
export function labelsFromRows(rows: readonly ExportRow[], now: number): Map<string, GroundTruth> {
  const out = new Map<string, GroundTruth>();
  for (const r of rows) {
    if (out.has(r.caseId)) continue;
    const t: GroundTruth = { status: r.label };
    if (r.defectType !== undefined) t.defectType = r.defectType;
    if (r.note !== undefined) t.note = r.note;
    if (r.labelSource) {
      t.source = r.labelSource;
      if (r.labelAt !== undefined) t.at = r.labelAt;
    } else if (r.label !== 'unlabelled') {
      t.source = 'import';
      t.at = now;
    }
    out.set(r.caseId, t);
  }
  return out;
}

/** Per run, one metrics row per case (repeats folded), from exported rows that carry answers. */
export function outcomesByRun(rows: readonly ExportRow[]): Map<string, CaseOutcome[]> {
  const grouped = new Map<string, Map<string, ExportRow[]>>();
  for (const r of rows) {
    if (!r.runId || !r.status) continue;
    let run = grouped.get(r.runId);
    if (!run) grouped.set(r.runId, (run = new Map()));
    const list = run.get(r.caseId);
    if (list) list.push(r);
    else run.set(r.caseId, [r]);
  }
  const out = new Map<string, CaseOutcome[]>();
  for (const [runId, cases] of grouped) {
    out.set(
      runId,
      [...cases.values()].map((rs) => foldRepeats(rs[0].caseId, rs[0].className, rs[0].label, rs.map((r) => ({ status: r.status!, verdict: r.verdict, score: r.score, scoreSource: r.scoreSource })))),
    );
  }
  return out;
}

function parseBox(text: string): Box | undefined {
  const v = text.trim().split(/\s+/).map(Number);
  return v.length === 4 && v.every(Number.isFinite) ? (v as Box) : undefined;
}

/**
 * Per run, the localisation inputs of each case from exported rows: the folded verdict, the boxes
 * of the first answer that called the case anomalous, and the mask's region and box hits as the
 * app computed them from the mask pixels. The Metrics view and `npm run metrics` both use this.
 */
export function localisationByRun(rows: readonly ExportRow[]): Map<string, LocalisationInput[]> {
  const out = new Map<string, LocalisationInput[]>();
  for (const [runId, outcomes] of outcomesByRun(rows)) {
    const answers = new Map<string, ExportRow[]>();
    for (const r of rows) {
      if (r.runId !== runId || !r.status) continue;
      const l = answers.get(r.caseId);
      if (l) l.push(r);
      else answers.set(r.caseId, [r]);
    }
    out.set(
      runId,
      outcomes.map((o) => {
        const rs = answers.get(o.caseId) ?? [];
        const pick = rs.find((r) => r.status === 'ok' && r.verdict === 'anomalous') ?? rs[0];
        const boxes = (pick?.boxes ?? '').split(';').flatMap((t): Box[] => {
          const b = parseBox(t);
          return b ? [b] : [];
        });
        const item: LocalisationInput = { caseId: o.caseId, className: o.className, truth: o.truth, verdict: o.verdict, boxes };
        const regionText = rs.find((r) => r.maskRegion)?.maskRegion;
        if (regionText) {
          const hits = (pick?.boxHits ?? '').split(';').filter(Boolean).map((h) => h === '1');
          item.mask = { region: regionText === 'empty' ? null : (parseBox(regionText) ?? null), hits };
        }
        return item;
      }),
    );
  }
  return out;
}

/** Per run, the pixel AUROC of its heatmaps from the exported score counts (first row of each case that has them). */
export function pixelAurocByRun(rows: readonly ExportRow[]): Map<string, PixelAurocReport> {
  const byRun = new Map<string, Map<string, { className: string; counts: ScoreCount[] }>>();
  for (const r of rows) {
    if (!r.runId || !r.pixelScores) continue;
    const run = byRun.get(r.runId) ?? new Map<string, { className: string; counts: ScoreCount[] }>();
    byRun.set(r.runId, run);
    const counts = run.has(r.caseId) ? undefined : parseScoreCounts(r.pixelScores);
    if (counts) run.set(r.caseId, { className: r.className, counts });
  }
  return new Map([...byRun].map(([runId, cases]) => [runId, pixelAurocReport([...cases.values()])]));
}
