/**
 * The self-contained HTML report: one file that opens offline in any browser, with no script,
 * no external resource (a CSP forbids any), and every piece of model or user text escaped.
 * Images are data URLs checked against a strict pattern, so nothing else can reach an `src`.
 */
import type { LabelStatus, ResultStatus, Verdict } from '@/core/model';
import type { Curves, GroupMetrics, MetricsReport, RankMetric } from '@/core/metrics/metrics';
import type { Rate } from '@/core/metrics/rates';

export interface ReportImage {
  /** `data:image/(png|jpeg|webp);base64,…` — anything else is dropped. */
  dataUrl: string;
  caption?: string;
}

export interface ReportCase {
  name: string;
  className: string;
  label: LabelStatus;
  defectType?: string;
  status: ResultStatus | 'missing';
  verdict?: Verdict;
  score?: number;
  /** The model's reasoning, or the baseline's factual explanation. Untrusted text. */
  reasoning?: string;
  violatedRules?: string[];
  errorMessage?: string;
  input?: ReportImage;
  heatmap?: ReportImage;
  /** Every image the model got for the case (frames with their times, depth views with their names), when more than one. */
  strip?: (ReportImage & { caption: string })[];
}

export interface ReportInput {
  projectName: string;
  generatedAt: number;
  run: { name: string; detector: 'vlm' | 'baseline'; model?: string; createdAt: number; caseCount: number };
  prompt?: { name: string; version?: number; task?: string; rules: { id: string; text: string }[]; classContexts: { className: string; text: string }[] };
  /** From `@/core/metrics`: per class and overall, with the failure policy stated. */
  metrics: MetricsReport;
  curves: Curves;
  /** Reference images per class, shown once above the class's cases. */
  classReferences: Record<string, ReportImage[]>;
  cases: ReportCase[];
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

const DATA_URL = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

export function isSafeDataUrl(url: string): boolean {
  return DATA_URL.test(url);
}

function img(image: ReportImage | undefined, cls: string, alt: string): string {
  if (!image || !isSafeDataUrl(image.dataUrl)) return `<div class="${cls} noimg">no image</div>`;
  return `<img class="${cls}" src="${image.dataUrl}" alt="${escapeHtml(alt)}">`;
}

const num = (v: number | undefined, d = 3) => (v === undefined ? 'n/a' : v.toFixed(d));
const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function badge(kind: string, text: string): string {
  return `<span class="badge ${kind}">${escapeHtml(text)}</span>`;
}

const RANK_REASON: Record<string, string> = { 'single-class': 'n/a (one label only)', 'binary-scores': 'n/a (0/1 scores only)', 'no-scores': 'n/a (no scores)' };

function rateCell(r: Rate): string {
  if (r.value === null) return '<td>–</td>';
  const ci = r.lo !== null && r.hi !== null ? `<span class="ci">${(r.lo * 100).toFixed(0)}–${(r.hi * 100).toFixed(0)}%</span>` : '';
  return `<td>${(r.value * 100).toFixed(1)}% ${ci}</td>`;
}

function rankCell(m: RankMetric): string {
  return `<td>${m.value === null ? `<span class="na">${escapeHtml(RANK_REASON[m.reason ?? 'no-scores'])}</span>` : m.value.toFixed(3)}</td>`;
}

function metricsRow(name: string, g: GroupMetrics, strong = false): string {
  const failed = g.failed.normal + g.failed.anomalous;
  const m = g.matrix;
  return `<tr${strong ? ' class="strong"' : ''}><th scope="row">${escapeHtml(name)}</th><td>${g.labelled}</td>${rateCell(g.accuracy)}${rateCell(g.precision)}${rateCell(g.recall)}${rateCell(g.overkill)}${rateCell(g.miss)}${rankCell(g.auroc)}${rankCell(g.averagePrecision)}<td>${m.tp}</td><td>${m.fp}</td><td>${m.tn}</td><td>${m.fn}</td><td>${failed}</td><td>${g.unlabelled}</td></tr>`;
}

function curveSvg(kind: 'roc' | 'pr', points: [number, number][], value: number | null, reason?: string): string {
  const S = 220;
  const P = 28;
  const x = (v: number) => (P + v * (S - 2 * P)).toFixed(1);
  const y = (v: number) => (S - P - v * (S - 2 * P)).toFixed(1);
  const line = points.map(([a, b]) => `${x(a)},${y(b)}`).join(' ');
  const [xl, yl, name] = kind === 'roc' ? ['false positive rate', 'true positive rate', 'AUROC'] : ['recall', 'precision', 'AP'];
  const chance = kind === 'roc' ? `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#d4d4d8" stroke-dasharray="4 4"/>` : '';
  const empty = escapeHtml(RANK_REASON[reason ?? 'no-scores'] ?? 'n/a');
  return `<svg class="${kind}" viewBox="0 0 ${S} ${S}" width="${S}" height="${S}" role="img" aria-label="${kind === 'roc' ? 'ROC' : 'Precision–recall'} curve">
<rect x="${P}" y="${P}" width="${S - 2 * P}" height="${S - 2 * P}" fill="#fff" stroke="#d4d4d8"/>${chance}
${points.length ? `<polyline points="${line}" fill="none" stroke="#0284c7" stroke-width="2.5" stroke-linejoin="round"/>` : `<text x="${S / 2}" y="${S / 2}" text-anchor="middle" font-size="11" fill="#71717a">${empty}</text>`}
<text x="${S / 2}" y="${S - 6}" text-anchor="middle" font-size="11" fill="#52525b">${xl}</text>
<text x="10" y="${S / 2}" text-anchor="middle" font-size="11" fill="#52525b" transform="rotate(-90 10 ${S / 2})">${yl}</text>
<text x="${S - P - 4}" y="${kind === 'roc' ? S - P - 8 : S - P - 8}" text-anchor="end" font-size="12" fill="#0c4a6e">${name} ${value === null ? 'n/a' : value.toFixed(3)}</text>
</svg>`;
}

/** Every scored case as a dot on the 0–1 score axis, one row per label, with the 0.5 line. */
function scoreStrip(cases: ReportCase[]): string {
  const W = 340;
  const H = 220;
  const L = 84;
  const P = 28;
  const rows: [LabelStatus, string, string][] = [
    ['normal', 'normal', '#059669'],
    ['anomalous', 'anomalous', '#e11d48'],
  ];
  const x = (v: number) => (L + v * (W - L - P)).toFixed(1);
  const dots = rows
    .map(([label, , colour], k) => {
      const yMid = 75 + k * 70;
      return cases
        .filter((c) => c.label === label && c.status === 'ok' && c.score !== undefined)
        .map((c, i) => `<circle cx="${x(c.score!)}" cy="${(yMid + ((i * 7) % 21) - 10).toFixed(1)}" r="4" fill="${colour}" fill-opacity=".7"/>`)
        .join('');
    })
    .join('');
  const labels = rows.map(([, text, colour], k) => `<text x="${L - 8}" y="${79 + k * 70}" text-anchor="end" font-size="12" fill="${colour}">${text}</text>`).join('');
  return `<svg class="strip" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Scores by label">
<rect x="${L}" y="${P}" width="${W - L - P}" height="${H - 2 * P}" fill="#fff" stroke="#d4d4d8"/>
<line x1="${x(0.5)}" y1="${P}" x2="${x(0.5)}" y2="${H - P}" stroke="#a1a1aa" stroke-dasharray="4 4"/>
${labels}${dots}
<text x="${L - 8}" y="${P - 10}" text-anchor="end" font-size="11" fill="#52525b">label</text>
<text x="${x(0)}" y="${H - 14}" text-anchor="middle" font-size="11" fill="#52525b">0</text><text x="${x(0.5)}" y="${H - 14}" text-anchor="middle" font-size="11" fill="#52525b">0.5</text><text x="${x(1)}" y="${H - 14}" text-anchor="middle" font-size="11" fill="#52525b">1</text>
<text x="${x(0.5)}" y="${H - 1}" text-anchor="middle" font-size="11" fill="#52525b">anomaly score</text>
</svg>`;
}

function caseCard(c: ReportCase): string {
  const label = c.label === 'anomalous' ? badge('anom', `label: anomalous${c.defectType ? ` (${c.defectType})` : ''}`) : c.label === 'normal' ? badge('norm', 'label: normal') : badge('unsure', `label: ${c.label}`);
  const verdict =
    c.status === 'ok' && c.verdict
      ? badge(c.verdict === 'anomalous' ? 'anom' : 'norm', `verdict: ${c.verdict}`)
      : c.status === 'missing'
        ? badge('unsure', 'not run')
        : badge('err', c.status);
  const agree = c.status === 'ok' && c.verdict && (c.label === 'normal' || c.label === 'anomalous') ? (c.verdict === c.label ? '' : ' disagree') : '';
  const heat = c.heatmap && isSafeDataUrl(c.heatmap.dataUrl) ? `<img class="heat" src="${c.heatmap.dataUrl}" alt="">` : '';
  const rules = c.violatedRules?.length ? `<p class="rules">Violated rules: ${c.violatedRules.map(escapeHtml).join(', ')}</p>` : '';
  const text = c.status === 'ok' ? c.reasoning : c.errorMessage;
  return `<article class="case${agree}">
<div class="frame">${img(c.input, 'input', c.name)}${heat}</div>
<div class="meta"><h4>${escapeHtml(c.name).replace(/\//g, '/<wbr>')}</h4><p>${verdict} ${label} <span class="score">score ${num(c.score, 2)}</span></p>${rules}
${text ? `<p class="why">${escapeHtml(text)}</p>` : ''}</div>
${c.strip?.length ? `<div class="strip">${c.strip.map((im, i) => `<figure>${img(im, 'thumb', im.caption)}<figcaption>${i + 1}. ${escapeHtml(im.caption)}</figcaption></figure>`).join('')}</div>` : ''}
</article>`;
}

const CSS = `
:root{color-scheme:light;--ink:#18181b;--mute:#52525b;--line:#e4e4e7}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fafafa}
header{background:#18181b;color:#fafafa;padding:28px 40px}header h1{margin:0 0 4px;font-size:26px}header p{margin:0;color:#a1a1aa}
main{padding:24px 40px;max-width:1280px}section{margin:0 0 36px}h2{font-size:19px;border-bottom:1px solid var(--line);padding-bottom:6px}
h3{font-size:16px;margin:24px 0 8px}table{border-collapse:collapse;font-variant-numeric:tabular-nums;background:#fff}
th,td{border:1px solid var(--line);padding:5px 10px;text-align:right}th[scope=row],thead th{text-align:left;background:#f4f4f5}
.summary{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}svg{background:#fff;border-radius:8px}.charts{margin-top:16px}.note{color:var(--mute);font-size:13px}.ci{display:block;color:#a1a1aa;font-size:11px;line-height:1.2}th{white-space:nowrap}.na{color:#a1a1aa;font-size:12px}tr.strong td,tr.strong th{font-weight:600}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dl.kv dt{color:var(--mute)}dl.kv dd{margin:0}
ol.rules{margin:4px 0;padding-left:22px}.refs{display:flex;gap:8px;flex-wrap:wrap;margin:6px 0 14px}.refs img,.refs .noimg{width:96px;height:96px;object-fit:cover;border-radius:6px;border:2px solid #10b981}
.cases{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:14px}
.case{display:flex;flex-wrap:wrap;gap:12px;background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px}.case.disagree{border-color:#f59e0b;box-shadow:0 0 0 1px #f59e0b}
.frame{position:relative;flex:none;width:128px;height:128px}.frame .input,.frame .noimg{width:128px;height:128px;object-fit:contain;background:#18181b;border-radius:6px;display:block}
.frame .heat{position:absolute;inset:0;width:128px;height:128px;object-fit:contain;border-radius:6px;opacity:.75}
.noimg{display:flex;align-items:center;justify-content:center;background:#f4f4f5;color:#a1a1aa;font-size:12px}
.meta{min-width:0;flex:1 1 160px}.meta h4{margin:0 0 4px;font-size:14px;overflow-wrap:anywhere}.meta p{margin:2px 0}.why{white-space:pre-wrap;overflow-wrap:anywhere;font-size:13px;color:#3f3f46}
.strip{flex-basis:100%;display:flex;gap:6px;overflow-x:auto;padding-bottom:4px}.strip figure{margin:0;flex:none;width:84px}.strip .thumb{width:84px;height:60px;object-fit:cover;border-radius:4px;background:#18181b;display:block}.strip figcaption{font-size:10px;line-height:1.2;color:var(--mute);overflow-wrap:anywhere}
.rules{font-size:12px;color:#9f1239}.score{font-size:12px;color:var(--mute);font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:4px;padding:1px 6px;font-size:12px;font-weight:600}.norm{background:#d1fae5;color:#065f46}.anom{background:#ffe4e6;color:#9f1239}.unsure{background:#fef3c7;color:#92400e}.err{background:#fee2e2;color:#7f1d1d}
@media print{body{background:#fff}.case{break-inside:avoid}}`;

/** Builds the whole report as one HTML string. */
export function buildReportHtml(r: ReportInput): string {
  const title = `${r.projectName} — ${r.run.name}`;
  const detector = r.run.detector === 'baseline' ? 'local patch comparison with reference images, not a model' : `model ${r.run.model ?? 'unknown'}`;
  const p = r.prompt;
  const promptHtml = p
    ? `<section><h2>Prompt</h2><dl class="kv"><dt>Prompt</dt><dd>${escapeHtml(p.name)}${p.version ? ` (version ${p.version})` : ''}</dd>${p.task ? `<dt>Task</dt><dd>${escapeHtml(p.task)}</dd>` : ''}${p.classContexts.map((c) => `<dt>${escapeHtml(c.className)}</dt><dd>${escapeHtml(c.text)}</dd>`).join('')}</dl>
${p.rules.length ? `<h3>Normality rules</h3><ol class="rules">${p.rules.map((x) => `<li><b>${escapeHtml(x.id)}</b> ${escapeHtml(x.text)}</li>`).join('')}</ol>` : ''}</section>`
    : '';
  const classes = [...new Set(r.cases.map((c) => c.className))].sort();
  const sections = classes
    .map((k) => {
      const cs = r.cases.filter((c) => c.className === k);
      const refs = r.classReferences[k] ?? [];
      return `<h3>${escapeHtml(k)} <span class="note">${cs.length} cases</span></h3>
${refs.length ? `<div class="note">Reference images (normal)</div><div class="refs">${refs.map((x, i) => img(x, 'ref', `reference ${i + 1} of ${k}`)).join('')}</div>` : ''}
<div class="cases">${cs.map(caseCard).join('\n')}</div>`;
    })
    .join('\n');
  const mt = r.metrics;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><header><h1>${escapeHtml(r.projectName)}</h1><p>${escapeHtml(r.run.name)} · ${escapeHtml(detector)} · ${r.run.caseCount} cases · run ${when(r.run.createdAt)} · report ${when(r.generatedAt)}</p></header>
<main>
<section><h2>Results</h2><div class="summary">
<table><thead><tr><th>Class</th><th>Labelled</th><th>Accuracy</th><th>Precision</th><th>Recall</th><th>Overkill</th><th>Miss</th><th>AUROC</th><th>AP</th><th>TP</th><th>FP</th><th>TN</th><th>FN</th><th>Failed</th><th>Unlabelled</th></tr></thead>
<tbody>${metricsRow('All classes', mt.overall, true)}${Object.entries(mt.perClass).map(([k, g]) => metricsRow(k, g)).join('')}</tbody></table></div>
<div class="summary charts">${curveSvg('roc', r.curves.roc.map((p) => [p.fpr, p.tpr]), mt.overall.auroc.value, r.curves.reason)}${curveSvg('pr', r.curves.pr.map((p) => [p.recall, p.precision]), mt.overall.averagePrecision.value, r.curves.reason)}${scoreStrip(r.cases)}</div>
<p class="note">Anomalous is the positive class; small grey numbers are 95% Wilson intervals. ${escapeHtml(mt.policyText)}</p>
</section>
${promptHtml}
<section><h2>Cases</h2>${sections}</section>
</main></body></html>
`;
}
