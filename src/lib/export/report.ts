/**
 * Gathers one run from the project into the self-contained HTML report: downscaled inputs and
 * references as JPEG data URLs, heatmaps, labels, verdicts and the run's summary.
 */
import { runLabel } from '@/core/runs/run-label';
import type { Case, Result, Run } from '@/core/model';
import { buildReportHtml, type ReportCase, type ReportImage, type ReportInput } from '@/core/export/report-html';
import { computeMetrics, curves } from '@/core/metrics/metrics';
import { caseOutcomes } from '@/core/metrics/case-outcome';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { caseImages } from '@/lib/images/case-images';
import { readPromptBody, type PromptBody } from '@/core/prompt/prompt-body';

/** Longest side of inputs in the report, px; references are smaller. */
export const REPORT_INPUT_PX = 256;
export const REPORT_REFERENCE_PX = 160;

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(blob);
  });
}

async function downscaled(blob: Blob, maxPx: number): Promise<ReportImage | undefined> {
  try {
    const bmp = await createImageBitmap(blob);
    const scale = Math.min(1, maxPx / Math.max(bmp.width, bmp.height));
    const w = Math.max(1, Math.round(bmp.width * scale));
    const h = Math.max(1, Math.round(bmp.height * scale));
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(bmp, 0, 0, w, h);
    bmp.close();
    return { dataUrl: await blobToDataUrl(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })) };
  } catch {
    return undefined;
  }
}

/** Side of the small images in a case's strip, px. */
const REPORT_STRIP_PX = 160;

/** The case's image at `index` (the one the heatmap belongs to) and, for several images, all of them small. */
async function caseReportImages(c: Case, maxPx: number, index = 0): Promise<{ input?: ReportImage; strip?: ReportCase['strip'] }> {
  try {
    const imgs = await caseImages(c);
    const input = imgs[index] ? await downscaled(imgs[index].blob, maxPx) : undefined;
    if (imgs.length < 2) return { input };
    const strip: NonNullable<ReportCase['strip']> = [];
    for (const im of imgs) {
      const small = await downscaled(im.blob, REPORT_STRIP_PX);
      if (small) strip.push({ ...small, caption: im.caption });
    }
    return { input, strip };
  } catch {
    // A point cloud or video whose views cannot be made here: the card says "no image".
    return {};
  }
}

async function firstImage(c: Case, maxPx: number): Promise<ReportImage | undefined> {
  try {
    const img = (await caseImages(c))[0];
    return img ? downscaled(img.blob, maxPx) : undefined;
  } catch {
    return undefined;
  }
}

/** Task, rules (enabled, for the run's classes) and class contexts of a prompt version, as text. */
function promptSummary(name: string, version: number, body: PromptBody, classes: ReadonlySet<string>): ReportInput['prompt'] {
  const rules = body.knowledge.rules
    ? body.rules
        .filter((r) => r.enabled && (r.scope === 'global' || classes.has(r.scope)))
        .map((r) => ({ id: r.id, text: `${r.kind === 'tolerated' ? 'Tolerated: ' : ''}${r.text}${r.scope === 'global' ? '' : ` (${r.scope})`}` }))
    : [];
  const classContexts = body.knowledge.classContext ? Object.entries(body.classContext).filter(([k, t]) => classes.has(k) && t.trim()).map(([className, text]) => ({ className, text })) : [];
  return { name, version, task: body.task, rules, classContexts };
}

export async function buildRunReport(runId: string, opts: { db?: ProjectDb; now?: number } = {}): Promise<{ html: string; fileName: string }> {
  const db = opts.db ?? projectDb();
  const run = (await db.runs.get(runId)) as Run | undefined;
  if (!run) throw new Error('This run no longer exists; pick another run for the report.');
  const cases = (await db.cases.bulkGet(run.caseIds)).filter((c): c is Case => !!c);
  const results = (await db.results.where('runId').equals(run.id).toArray()) as Result[];
  const byCase = new Map<string, Result>();
  for (const r of results) if (!byCase.has(r.caseId) || r.rep < byCase.get(r.caseId)!.rep) byCase.set(r.caseId, r);

  const reportCases: ReportCase[] = [];
  for (const c of cases) {
    const r = byCase.get(c.id);
    // The image the heatmap belongs to (a depth view or frame for point clouds and videos), and all of them in a strip.
    const images = await caseReportImages(c, REPORT_INPUT_PX, r?.locations?.[0]?.image ?? 0);
    reportCases.push({
      name: c.name,
      className: c.className,
      label: c.truth.status,
      defectType: c.truth.defectType,
      status: r?.status ?? 'missing',
      verdict: r?.verdict,
      score: r?.score,
      reasoning: r?.reasoning,
      violatedRules: r?.violatedRules,
      errorMessage: r?.error?.message,
      input: images.input,
      strip: images.strip,
      heatmap: r?.artefacts?.heatmap ? { dataUrl: await blobToDataUrl(r.artefacts.heatmap) } : undefined,
    });
  }

  const classes = new Set(cases.map((c) => c.className));
  let prompt: ReportInput['prompt'];
  let body: PromptBody | undefined;
  if (run.promptVersionId) {
    const v = await db.promptVersions.get(run.promptVersionId);
    const p = v && (await db.prompts.get(v.promptId));
    try {
      body = v ? readPromptBody(v.body) : undefined;
    } catch {
      body = undefined;
    }
    if (v && p && body) prompt = promptSummary(p.name, v.version, body, classes);
  }

  // The references the run compared with: the prompt's picks for a model run, the class's
  // reference candidates for the baseline (and for prompts that send none).
  const classReferences: Record<string, ReportImage[]> = {};
  for (const k of classes) {
    const picked = body?.knowledge.references ? (body.references[k] ?? []) : [];
    const refs = picked.length
      ? (await db.cases.bulkGet(picked)).filter((c): c is Case => !!c)
      : (await db.cases.where('className').equals(k).toArray()).filter((c) => c.role === 'reference').sort((a, b) => a.name.localeCompare(b.name));
    classReferences[k] = (await Promise.all(refs.slice(0, 6).map((c) => firstImage(c, REPORT_REFERENCE_PX)))).filter((x): x is ReportImage => !!x);
  }
  const outcomes = caseOutcomes(cases, results);
  const name = (await db.kv.get('project.name'))?.value;
  const projectName = typeof name === 'string' && name ? name : 'Anomaly Workbench project';
  const now = opts.now ?? Date.now();
  const html = buildReportHtml({
    projectName,
    generatedAt: now,
    run: { name: runLabel(run), detector: run.detector, model: run.provider?.model, createdAt: run.createdAt, caseCount: cases.length },
    prompt,
    metrics: computeMetrics(outcomes),
    curves: curves(outcomes),
    classReferences,
    cases: reportCases,
  });
  const slug = `${projectName}-${run.name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { html, fileName: `${slug}-report-${new Date(now).toISOString().slice(0, 10)}.html` };
}
