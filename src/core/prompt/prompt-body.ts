/**
 * The content of a prompt version (`PromptVersion.body`). Plain JSON: it is hashed, diffed,
 * exported and imported as is. Every save of a prompt makes a new immutable version.
 *
 * Contract for other modules (batch runs, ablations, sample project):
 * - build bodies with `defaultPromptBody()` / `templateBody()` and change fields;
 * - rule ids are stable (`R1`, `R2` …, never reused inside a prompt): results name them;
 * - `knowledge` switches a kind of knowledge off without deleting it (ablation variants).
 */

import type { ReasoningEffort } from '@/core/vlm/providers';
import { readReferencePolicy, type ReferencePolicy } from '@/core/knowledge/retrieval';
import { MODALITIES, type Modalities } from '@/core/pointcloud/render-spec';

/** Any value other than 'global' is the class name the rule applies to. */
export type RuleScope = 'global' | (string & {});

export interface PromptRule {
  /** Stable id, `R` + number, unique within the prompt across versions. */
  id: string;
  text: string;
  enabled: boolean;
  scope: RuleScope;
  /** 'rule' = a normality criterion; 'tolerated' = a variation that looks odd but is acceptable. */
  kind: 'rule' | 'tolerated';
}

export interface KnownDefect {
  name: string;
  text: string;
}

export type ImageFormat = 'jpeg' | 'png' | 'webp';
export type ImageDetail = 'low' | 'high' | 'auto';

export interface ImageSettings {
  /** Longest side after resizing, px (never upscaled). */
  maxSidePx: number;
  format: ImageFormat;
  /** Encoder quality 0–1 (ignored for PNG). */
  quality: number;
  /** OpenAI-style `detail`; sent only where the provider supports it. */
  detail: ImageDetail;
}

export interface OutputSchemaOptions {
  /**
   * 'workbench': {reasoning, verdict, confidence, defect_type, violated_rules, locations};
   * 'authors': {reasoning, correctness} with correctness 1 = normal, 0 = anomalous.
   */
  format: 'workbench' | 'authors';
  includeConfidence: boolean;
  includeDefectType: boolean;
  includeViolatedRules: boolean;
  includeLocations: boolean;
}

export type TemplateId = 'workbench' | 'authors' | 'rules-only' | 'zero-shot';

export interface PromptBody {
  schemaVersion: 1;
  templateId: TemplateId;
  /** What the model must decide and how to answer. */
  task: string;
  /** Per class name: what the object is and how it is presented. */
  classContext: Record<string, string>;
  rules: PromptRule[];
  /** Per class name: case ids of normal reference images, in the order sent. */
  references: Record<string, string[]>;
  /**
   * Kinds of knowledge sent (off = kept in the body but not sent). Task is always sent.
   * `knownDefects` (absent = off) sends each class's known defects, e.g. imported from MMAD.
   */
  knowledge: { classContext: boolean; rules: boolean; references: boolean; knownDefects?: boolean };
  /** Per class name: defects experts describe for it (name and description). */
  knownDefects?: Record<string, KnownDefect[]>;
  output: OutputSchemaOptions;
  image: ImageSettings;
  /**
   * `maxTokens` is the budget of the visible answer; thinking models get their thinking allowance
   * on top (from the model table). `reasoningEffort` unset = the model's own default.
   */
  sampling: { temperature: number; maxTokens: number; reasoningEffort?: ReasoningEffort };
  /** How references are chosen per query; absent = the fixed picks in `references`. */
  referencePolicy?: ReferencePolicy;
  /**
   * For scans that come with a photo (MVTec 3D-AD): what the model gets, overriding the render
   * spec — set by the ablation's modality variants; absent = as each case's render spec says.
   */
  modalities?: Modalities;
}

export const DEFAULT_IMAGE_SETTINGS: ImageSettings = { maxSidePx: 768, format: 'jpeg', quality: 0.85, detail: 'auto' };

const WORKBENCH_TASK =
  'You inspect manufactured parts for defects. The reference images show normal parts of the same class. ' +
  'Decide whether the part in the LAST image (the query) is normal or anomalous. Compare it with the references and check every rule. ' +
  'Think step by step in "reasoning" first, then give the verdict. Variations listed as tolerated are not defects.';

const AUTHORS_TASK =
  'The first image is a normal sample. Is there any anomaly in the second image compared with the first? ' +
  'Answer in JSON with the keys "reasoning" (your explanation) and "correctness" (1 if the second image is normal, 0 if it has an anomaly).';

const ZERO_SHOT_TASK =
  'Decide whether the part in the image is normal or anomalous (defective). Explain your reasoning first, then give the verdict.';

function output(format: OutputSchemaOptions['format']): OutputSchemaOptions {
  const all = format === 'workbench';
  return { format, includeConfidence: all, includeDefectType: all, includeViolatedRules: all, includeLocations: false };
}

/** The prompt a new user starts from: the workbench template. */
export function defaultPromptBody(): PromptBody {
  return templateBody('workbench');
}

export interface PromptTemplate {
  id: TemplateId;
  title: string;
  description: string;
}

/** Starting templates, in the order offered. */
export const PROMPT_TEMPLATES: PromptTemplate[] = [
  { id: 'workbench', title: 'Workbench (all knowledge)', description: 'Task, class context, rules and several normal references; reasoning before a verdict with confidence and violated rules.' },
  { id: 'authors', title: "Authors' protocol", description: 'One normal reference, then the query; answer JSON {reasoning, correctness} where 1 = normal (Xu et al. 2024).' },
  { id: 'rules-only', title: 'Rules, no references', description: 'Task, class context and rules; no reference images.' },
  { id: 'zero-shot', title: 'Zero-shot', description: 'Only the task and the query image.' },
];

/** A fresh body for a template (keeps nothing from a previous body). */
export function templateBody(id: TemplateId): PromptBody {
  const base: PromptBody = {
    schemaVersion: 1,
    templateId: id,
    task: WORKBENCH_TASK,
    classContext: {},
    rules: [],
    references: {},
    knowledge: { classContext: true, rules: true, references: true },
    output: output('workbench'),
    image: { ...DEFAULT_IMAGE_SETTINGS },
    sampling: { temperature: 0, maxTokens: 800 },
  };
  switch (id) {
    case 'workbench':
      return base;
    case 'authors':
      // The authors send full-size PNGs; we keep our image settings (the preview shows the difference).
      return { ...base, task: AUTHORS_TASK, knowledge: { classContext: false, rules: false, references: true }, output: output('authors') };
    case 'rules-only':
      return { ...base, knowledge: { classContext: true, rules: true, references: false } };
    case 'zero-shot':
      return { ...base, task: ZERO_SHOT_TASK, knowledge: { classContext: false, rules: false, references: false } };
  }
}

/** How many references per class a template sends (authors: exactly one). */
export function referenceLimit(body: PromptBody): number {
  return body.templateId === 'authors' ? 1 : Number.POSITIVE_INFINITY;
}

/** The next free rule id (`R` + one more than the highest used). */
export function nextRuleId(rules: readonly PromptRule[]): string {
  let max = 0;
  for (const r of rules) {
    const n = Number(/^R(\d+)$/.exec(r.id)?.[1] ?? 0);
    if (n > max) max = n;
  }
  return `R${max + 1}`;
}

/** Rules that apply to a class (enabled, global or scoped to it), in list order. */
export function rulesFor(body: PromptBody, className: string, kind: PromptRule['kind']): PromptRule[] {
  return body.rules.filter((r) => r.enabled && r.kind === kind && (r.scope === 'global' || r.scope === className));
}

/** Shape written by early sample projects: per-class entries and rules scoped by `className`. */
interface LooseBody {
  classes?: { className?: string; context?: string; tolerated?: string[] | string }[];
  rules?: { id?: unknown; text?: unknown; enabled?: unknown; scope?: unknown; kind?: unknown; className?: unknown }[];
}

function readRules(v: LooseBody): PromptRule[] {
  const rules: PromptRule[] = [];
  for (const r of Array.isArray(v.rules) ? v.rules : []) {
    if (!r || typeof r !== 'object') continue;
    const scope = typeof r.scope === 'string' ? r.scope : typeof r.className === 'string' ? r.className : 'global';
    const id = typeof r.id === 'string' && /^R\d+$/.test(r.id) && !rules.some((x) => x.id === r.id) ? r.id : nextRuleId(rules);
    rules.push({ id, text: String(r.text ?? ''), enabled: r.enabled !== false, scope, kind: r.kind === 'tolerated' ? 'tolerated' : 'rule' });
  }
  for (const c of Array.isArray(v.classes) ? v.classes : []) {
    const tolerated = Array.isArray(c?.tolerated) ? c.tolerated : typeof c?.tolerated === 'string' ? [c.tolerated] : [];
    for (const t of tolerated) rules.push({ id: nextRuleId(rules), text: String(t), enabled: true, scope: c.className ?? 'global', kind: 'tolerated' });
  }
  return rules;
}

/**
 * Reads a stored body, filling fields added later with defaults, so old versions stay usable.
 * Also reads the per-class shape of early sample projects. Throws a sentence when the value is
 * not a prompt body at all.
 */
export function readPromptBody(value: unknown): PromptBody {
  if (!value || typeof value !== 'object') throw new Error('This prompt version has no readable content; save the prompt again.');
  const v = value as Partial<PromptBody> & LooseBody;
  const d = templateBody(v.templateId ?? 'workbench');
  const classContext: Record<string, string> = { ...v.classContext };
  for (const c of Array.isArray(v.classes) ? v.classes : []) if (c?.className && c.context && !classContext[c.className]) classContext[c.className] = c.context;
  return {
    schemaVersion: 1,
    templateId: d.templateId,
    task: typeof v.task === 'string' ? v.task : d.task,
    classContext,
    rules: readRules(v),
    references: { ...v.references },
    knowledge: { ...d.knowledge, ...v.knowledge },
    output: { ...d.output, ...v.output },
    image: { ...d.image, ...v.image },
    sampling: { ...d.sampling, ...v.sampling },
    ...(v.knownDefects && typeof v.knownDefects === 'object' ? { knownDefects: v.knownDefects } : {}),
    // Only a retrieval policy is stored: fixed bodies keep the hash they always had.
    ...(v.referencePolicy && readReferencePolicy(v.referencePolicy).kind === 'nearest' ? { referencePolicy: readReferencePolicy(v.referencePolicy) } : {}),
    ...(MODALITIES.includes(v.modalities as Modalities) ? { modalities: v.modalities } : {}),
  };
}
