/**
 * The project file's manifest: what a zip exported by the workbench holds, validated in full
 * before anything is written. Version 1; a newer version is refused with a sentence. Records
 * are kept loose (extra fields survive) so additive model changes round-trip.
 */
import { z } from 'zod';
import { jsonNestsDeeperThan } from '@/core/export/json-depth';
import { PROJECT_LIMITS } from '@/core/export/project-limits';

export const PROJECT_FORMAT = 'anomaly-workbench-project';
export const PROJECT_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'an asset id must be a SHA-256 in lowercase hex');
const kind = z.enum(['image', 'pointcloud', 'video']);
const label = z.enum(['normal', 'anomalous', 'unsure', 'unlabelled']);

export const assetSchema = z.looseObject({
  id: sha256,
  kind,
  format: z.string(),
  mime: z.string(),
  name: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  width: z.number().optional(),
  height: z.number().optional(),
  addedAt: z.number(),
});

export const thumbEntrySchema = z.object({ id: sha256, width: z.number(), height: z.number(), mime: z.string(), file: z.string(), placeholder: z.boolean().optional() });

export const caseSchema = z.looseObject({
  id: z.string().min(1),
  assetId: sha256,
  kind,
  name: z.string(),
  className: z.string(),
  role: z.enum(['test', 'reference']),
  truth: z.looseObject({ status: label, defectType: z.string().optional(), note: z.string().optional(), source: z.enum(['folder', 'import', 'hand']).optional(), at: z.number().optional() }),
  maskAssetIds: z.array(sha256),
  addedAt: z.number(),
  parentId: z.string().optional(),
});

export const promptSchema = z.looseObject({ id: z.string().min(1), name: z.string(), createdAt: z.number(), updatedAt: z.number(), headVersionId: z.string() });

export const promptVersionSchema = z.looseObject({
  id: z.string().min(1),
  promptId: z.string(),
  version: z.number().int().positive(),
  createdAt: z.number(),
  hash: z.string(),
  body: z.unknown(),
  message: z.string().optional(),
});

export const runSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  detector: z.enum(['vlm', 'baseline']),
  promptVersionId: z.string().optional(),
  params: z.record(z.string(), z.unknown()),
  caseIds: z.array(z.string()),
  repeat: z.number().int().positive(),
  status: z.enum(['queued', 'running', 'paused', 'done', 'cancelled']),
  createdAt: z.number(),
});

export const resultSchema = z.looseObject({
  id: z.string().min(1),
  runId: z.string(),
  caseId: z.string(),
  rep: z.number().int().nonnegative(),
  status: z.enum(['ok', 'unparsed', 'refused', 'error']),
  verdict: z.enum(['normal', 'anomalous']).optional(),
  score: z.number().min(0).max(1).optional(),
  createdAt: z.number(),
  /** Files in the zip holding this result's artefacts (the heatmap of a local detector). */
  artefactFiles: z
    .object({
      heatmap: z.object({ file: z.string(), mime: z.string() }).optional(),
      /** Raw heatmap scores: little-endian float32, width × height. */
      heatmapGrid: z.object({ file: z.string(), width: z.number().int().positive(), height: z.number().int().positive() }).optional(),
    })
    .optional(),
});

export const manifestSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  exportedAt: z.number(),
  projectName: z.string().optional(),
  assets: z.array(assetSchema),
  thumbs: z.array(thumbEntrySchema),
  cases: z.array(caseSchema),
  prompts: z.array(promptSchema),
  promptVersions: z.array(promptVersionSchema),
  runs: z.array(runSchema),
  results: z.array(resultSchema),
  kv: z.array(z.object({ key: z.string(), value: z.unknown() })),
});

export type ProjectManifest = z.infer<typeof manifestSchema>;

export const assetPath = (id: string) => `assets/${id}`;

/** Keys that must never leave the device in a project file. */
export const PRIVATE_KV = /api.?key|secret|token|password/i;

/**
 * Parses the manifest text and checks it against the files present and against itself.
 * Returns the manifest or a list of sentences (empty list never returned with a failure).
 */
export function checkManifest(text: string, files: ReadonlySet<string>, fileName: string, maxDepth: number = PROJECT_LIMITS.maxJsonDepth): { ok: true; manifest: ProjectManifest } | { ok: false; problems: string[] } {
  if (jsonNestsDeeperThan(text, maxDepth)) {
    return { ok: false, problems: [`The manifest in ${fileName} nests more than ${maxDepth} levels deep, which no project file does; the file is damaged or hostile.`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: [`The manifest in ${fileName} is not valid JSON; the file is damaged.`] };
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head?.format !== PROJECT_FORMAT) return { ok: false, problems: [`${fileName} is not an Anomaly Workbench project file.`] };
  if (typeof head.version === 'number' && head.version > PROJECT_VERSION) {
    return { ok: false, problems: [`${fileName} was made by a newer version of the workbench (project format ${head.version}); update the workbench to open it.`] };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`);
    return { ok: false, problems: [`The manifest in ${fileName} does not match project format ${PROJECT_VERSION} (${first.join('; ')}); the file is damaged or was edited.`] };
  }
  const m = parsed.data;
  const problems: string[] = [];
  const assets = new Set(m.assets.map((a) => a.id));
  for (const a of m.assets) if (!files.has(assetPath(a.id))) problems.push(`${fileName} lacks the file of asset "${a.name}".`);
  for (const t of m.thumbs) if (!files.has(t.file)) problems.push(`${fileName} lacks a thumbnail it lists (${t.file}).`);
  const cases = new Set(m.cases.map((c) => c.id));
  for (const c of m.cases) if (!assets.has(c.assetId)) problems.push(`Case "${c.name}" in ${fileName} points to an asset the file does not contain.`);
  const prompts = new Set(m.prompts.map((p) => p.id));
  const versions = new Set(m.promptVersions.map((v) => v.id));
  for (const v of m.promptVersions) if (!prompts.has(v.promptId)) problems.push(`A prompt version in ${fileName} belongs to no prompt in the file.`);
  for (const p of m.prompts) if (!versions.has(p.headVersionId)) problems.push(`Prompt "${p.name}" in ${fileName} lacks its current version.`);
  const runs = new Set(m.runs.map((r) => r.id));
  for (const r of m.runs) {
    if (r.promptVersionId && !versions.has(r.promptVersionId)) problems.push(`Run "${r.name}" in ${fileName} uses a prompt version the file does not contain.`);
    if (r.caseIds.some((id) => !cases.has(id))) problems.push(`Run "${r.name}" in ${fileName} lists cases the file does not contain.`);
  }
  for (const r of m.results) {
    if (!runs.has(r.runId) || !cases.has(r.caseId)) problems.push(`A result in ${fileName} belongs to a run or case the file does not contain.`);
    if (r.artefactFiles?.heatmap && !files.has(r.artefactFiles.heatmap.file)) problems.push(`${fileName} lacks a heatmap it lists (${r.artefactFiles.heatmap.file}).`);
    if (r.artefactFiles?.heatmapGrid && !files.has(r.artefactFiles.heatmapGrid.file)) problems.push(`${fileName} lacks heatmap scores it lists (${r.artefactFiles.heatmapGrid.file}).`);
  }
  if (problems.length) return { ok: false, problems: [...new Set(problems)].slice(0, 5) };
  return { ok: true, manifest: m };
}
