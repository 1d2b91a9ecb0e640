/**
 * Runs made in one click from a prompt version: a plain run, control runs (query blanked,
 * references swapped for another class's) and the knowledge ablation grid.
 */
import type { PromptVersion, Run, RunControl } from '@/core/model';
import { readPromptBody } from '@/core/prompt/prompt-body';
import { ablationPromptId, ablationVariants, ownerPromptId, type AblationReferences } from '@/core/runs/ablation';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { createRun } from '@/lib/runs/batch-runner';
import { hashBody } from '@/lib/prompt/prompt-store';
import { runParams } from '@/core/runs/run-params';

export interface RunTarget {
  promptVersionId: string;
  provider: NonNullable<Run['provider']>;
  caseIds: string[];
  repeat?: number;
  /** Shown in run names, e.g. "bottle", "12 selected". */
  scopeLabel: string;
}

async function versionOf(id: string, db: ProjectDb): Promise<PromptVersion> {
  const v = await db.promptVersions.get(id);
  if (!v) throw new Error('The chosen prompt version is missing from the project; pick another one in the Prompts tab.');
  return v;
}

const paramsOf = (v: PromptVersion) => runParams.batch(readPromptBody(v.body));

async function promptName(v: PromptVersion, db: ProjectDb) {
  const p = await db.prompts.get(ownerPromptId(v.promptId));
  return `${p?.name ?? 'Prompt'} v${v.version}`;
}

export async function createPlainRun(t: RunTarget, db: ProjectDb = projectDb()): Promise<Run> {
  const v = await versionOf(t.promptVersionId, db);
  return createRun({ name: `${await promptName(v, db)} · ${t.scopeLabel}`, promptVersionId: v.id, provider: t.provider, params: paramsOf(v), caseIds: t.caseIds, repeat: t.repeat, variant: { kind: 'plain' } }, db);
}

/**
 * Per class, the reference case ids of the next class (sorted by name): role 'reference' cases,
 * else normal-labelled test cases. Classes with nothing to borrow are left out.
 */
export async function swappedReferences(classes: readonly string[], db: ProjectDb = projectDb()): Promise<Record<string, string[]>> {
  const all = [...new Set(classes)].sort();
  const known = [...new Set((await db.cases.orderBy('className').uniqueKeys()) as string[])].sort();
  const pool = known.length > 1 ? known : all;
  const out: Record<string, string[]> = {};
  for (const k of all) {
    const others = pool.filter((x) => x !== k);
    if (!others.length) continue;
    const donor = others[(pool.indexOf(k) + 1) % others.length] ?? others[0];
    const cases = await db.cases.where('className').equals(donor).toArray();
    const refs = cases.filter((c) => c.role === 'reference');
    const picks = (refs.length ? refs : cases.filter((c) => c.truth.status === 'normal')).slice(0, 3).map((c) => c.id);
    if (picks.length) out[k] = picks;
  }
  return out;
}

export async function createControlRun(t: RunTarget, kind: 'blank-query' | 'swapped-references', db: ProjectDb = projectDb()): Promise<Run> {
  const v = await versionOf(t.promptVersionId, db);
  let control: RunControl;
  if (kind === 'blank-query') control = { blankQuery: true };
  else {
    const cases = await db.cases.bulkGet(t.caseIds);
    const swap = await swappedReferences(cases.filter(Boolean).map((c) => c!.className), db);
    if (!Object.keys(swap).length) throw new Error('Swapping references needs normal cases of at least two classes; add another class first.');
    control = { referenceOverride: swap };
  }
  const label = kind === 'blank-query' ? 'control: query blanked' : 'control: references swapped';
  return createRun({ name: `${await promptName(v, db)} · ${t.scopeLabel}`, promptVersionId: v.id, provider: t.provider, params: paramsOf(v), caseIds: t.caseIds, repeat: t.repeat, variant: { kind, of: v.id, label }, control }, db);
}

/**
 * One run per knowledge combination. Each variant is an immutable prompt version kept apart from
 * the prompt's own history (see `ablationPromptId`), found again by hash so a repeated ablation
 * reuses earlier answers.
 */
export async function createAblationRuns(t: RunTarget, db: ProjectDb = projectDb(), references: AblationReferences = 'fixed', modalities = false): Promise<Run[]> {
  const base = await versionOf(t.promptVersionId, db);
  const body = readPromptBody(base.body);
  const group = `abl-${crypto.randomUUID()}`;
  const hiddenId = ablationPromptId(base.promptId);
  const name = await promptName(base, db);
  const runs: Run[] = [];
  for (const variant of ablationVariants(body, references, modalities)) {
    const hash = await hashBody(variant.body);
    let v = (await db.promptVersions.where('hash').equals(hash).toArray()).find((x) => x.promptId === hiddenId || x.promptId === base.promptId);
    if (!v) {
      const count = await db.promptVersions.where('promptId').equals(hiddenId).count();
      v = { id: `pv-${crypto.randomUUID()}`, promptId: hiddenId, version: count + 1, createdAt: Date.now(), hash, body: variant.body, message: `Ablation of ${name}: ${variant.label}` };
      await db.promptVersions.add(v);
    }
    runs.push(
      await createRun(
        { name: `${name} · ablation: ${variant.label} · ${t.scopeLabel}`, promptVersionId: v.id, provider: t.provider, params: paramsOf(v), ablation: { group, of: base.id, cell: variant.label }, caseIds: t.caseIds, repeat: t.repeat, variant: { kind: 'ablation', of: base.id, label: variant.label } },
        db,
      ),
    );
  }
  return runs;
}
