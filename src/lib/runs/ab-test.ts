/**
 * A/B of two prompt versions on the labelled cases of one class: what it will cost (answers
 * already bought with the same version and model are reused by the batch runner, so only the
 * rest are priced), the two runs, and the pair remembered in `kv` (no schema change).
 */
import type { Case, PromptVersion, Run } from '@/core/model';
import { readPromptBody } from '@/core/prompt/prompt-body';
import { costUsd, priceFor, type PriceRow, type ProviderConfig } from '@/core/vlm/providers';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { createPlainRun } from '@/lib/runs/experiments';
import { useLiveQuery } from '@/lib/storage/live-query';
import { prepareRequest } from '@/lib/prompt/prepare-request';

export interface AbSide {
  version: PromptVersion;
  /** Cases with a usable answer from an earlier plain run of this version and model. */
  reusable: number;
  /** Calls the run will make. */
  calls: number;
  /** Upper bound of their cost, USD (undefined without a price). */
  costUsd?: number;
}

export interface AbPlan {
  className: string;
  caseIds: string[];
  a: AbSide;
  b: AbSide;
  /** Cases whose request could not be prepared, as sentences (they will fail in the run too). */
  problems: string[];
}

export interface AbRecord {
  id: string;
  className: string;
  versionA: string;
  versionB: string;
  runA: string;
  runB: string;
  at: number;
}

const abKey = (id: string) => `knowledge:ab:${id}`;

/** Test cases of the class labelled normal or anomalous, by name. */
export async function labelledCasesOf(className: string, db: ProjectDb = projectDb()): Promise<Case[]> {
  const all = await db.cases.where('className').equals(className).toArray();
  return all.filter((c) => c.role === 'test' && !c.parentId && (c.truth.status === 'normal' || c.truth.status === 'anomalous')).sort((a, b) => a.name.localeCompare(b.name));
}

async function reusableCases(version: PromptVersion, provider: ProviderConfig, caseIds: ReadonlySet<string>, db: ProjectDb): Promise<Set<string>> {
  const runs = (await db.runs.where('promptVersionId').equals(version.id).toArray()).filter(
    (r) => r.detector === 'vlm' && (r.variant?.kind ?? 'plain') === 'plain' && r.provider?.model === provider.model && r.provider?.baseURL === provider.baseURL,
  );
  const have = new Set<string>();
  for (const r of runs) for (const res of await db.results.where('runId').equals(r.id).toArray()) if (res.status !== 'error' && res.rep === 0 && caseIds.has(res.caseId)) have.add(res.caseId);
  return have;
}

async function side(version: PromptVersion, cases: readonly Case[], provider: ProviderConfig, prices: readonly PriceRow[], problems: string[], db: ProjectDb): Promise<AbSide> {
  const reuse = await reusableCases(version, provider, new Set(cases.map((c) => c.id)), db);
  const body = readPromptBody(version.body);
  const price = priceFor(prices, provider.model);
  let cost: number | undefined = price ? 0 : undefined;
  const todo = cases.filter((c) => !reuse.has(c.id));
  for (const c of todo) {
    try {
      const { built } = await prepareRequest({ caseId: c.id, body, provider, stream: false });
      const one = costUsd(price, built.estimate.textTokens + built.estimate.imageTokens, built.estimate.maxOutputTokens);
      if (cost !== undefined && one !== undefined) cost += one;
    } catch (err) {
      problems.push(err instanceof Error ? err.message : `Case "${c.name}" cannot be prepared.`);
    }
  }
  return { version, reusable: reuse.size, calls: todo.length, costUsd: cost };
}

/** What an A/B of versions A (old) and B (new) on the class's labelled cases will call and cost. */
export async function planAb(args: { versionA: string; versionB: string; className: string; provider: ProviderConfig; prices: readonly PriceRow[]; db?: ProjectDb }): Promise<AbPlan> {
  const db = args.db ?? projectDb();
  const [a, b] = await db.promptVersions.bulkGet([args.versionA, args.versionB]);
  if (!a || !b) throw new Error('One of the two prompt versions is missing from the project; it may have been deleted.');
  const cases = await labelledCasesOf(args.className, db);
  if (!cases.length) throw new Error(`Class "${args.className}" has no test cases labelled normal or anomalous to compare the versions on; label some in Review first.`);
  const problems: string[] = [];
  return { className: args.className, caseIds: cases.map((c) => c.id), a: await side(a, cases, args.provider, args.prices, problems, db), b: await side(b, cases, args.provider, args.prices, problems, db), problems: [...new Set(problems)] };
}

/** Saves the two runs (old first) and remembers them as a pair. The caller starts them. */
export async function createAbRuns(plan: AbPlan, provider: NonNullable<Run['provider']>, db: ProjectDb = projectDb()): Promise<AbRecord> {
  const runA = await createPlainRun({ promptVersionId: plan.a.version.id, provider, caseIds: plan.caseIds, scopeLabel: `A/B ${plan.className} (old)` }, db);
  const runB = await createPlainRun({ promptVersionId: plan.b.version.id, provider, caseIds: plan.caseIds, scopeLabel: `A/B ${plan.className} (new)` }, db);
  const record: AbRecord = { id: `ab-${crypto.randomUUID()}`, className: plan.className, versionA: plan.a.version.id, versionB: plan.b.version.id, runA: runA.id, runB: runB.id, at: Date.now() };
  await db.kv.put({ key: abKey(record.id), value: record });
  return record;
}

/** The two runs of an A/B (live), for progress. */
export function useAbRuns(record: AbRecord | undefined): Run[] | undefined {
  return useLiveQuery(async () => (record ? (await projectDb().runs.bulkGet([record.runA, record.runB])).filter((r): r is Run => !!r) : []), [record?.id]);
}

/** The run and the prompt version it used (live); the version is undefined for baseline runs. */
export function useRunVersion(runId: string | undefined): { run?: Run; version?: PromptVersion } | undefined {
  return useLiveQuery(async () => {
    const run = runId ? await projectDb().runs.get(runId) : undefined;
    const version = run?.promptVersionId ? await projectDb().promptVersions.get(run.promptVersionId) : undefined;
    return { run, version };
  }, [runId]);
}
