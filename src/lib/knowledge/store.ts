/**
 * Rule suggestions and leak marks, kept in the project's `kv` table (no schema change):
 * - `knowledge:drafts:<promptId>`: every batch of suggestions with its source (model, images, time)
 *   and what the engineer did with each (open, accepted as a rule id, dropped);
 * - `knowledge:leaked`: test cases whose images a model saw while writing knowledge, so later
 *   results on them can say they are possibly leaked.
 */
import type { Case } from '@/core/model';
import type { RuleSuggestion } from '@/core/knowledge/parse-suggestions';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';

export type SuggestionState = 'open' | 'accepted' | 'dropped';

export interface StoredSuggestion extends RuleSuggestion {
  state: SuggestionState;
  /** The rule id it became, once accepted. */
  ruleId?: string;
}

export interface SuggestionBatch {
  id: string;
  /** 'draft' = drafted for a class; 'miss' = suggested from one disagreement. */
  purpose: 'draft' | 'miss';
  className: string;
  model: string;
  at: number;
  /** Case ids whose images were sent, with names for display. */
  images: { caseId: string; name: string; role: Case['role'] }[];
  costUsd?: number;
  reasoning?: string;
  suggestions: StoredSuggestion[];
}

export interface LeakMark {
  at: number;
  /** Why the case counts as seen, as a sentence. */
  why: string;
}

const draftsKey = (promptId: string) => `knowledge:drafts:${promptId}`;
const LEAKED_KEY = 'knowledge:leaked';

export async function readBatches(promptId: string, db: ProjectDb = projectDb()): Promise<SuggestionBatch[]> {
  const row = await db.kv.get(draftsKey(promptId));
  return Array.isArray(row?.value) ? (row.value as SuggestionBatch[]) : [];
}

/** Suggestion batches of a prompt, newest first (live). */
export function useSuggestionBatches(promptId: string): SuggestionBatch[] | undefined {
  return useLiveQuery(async () => (await readBatches(promptId)).sort((a, b) => b.at - a.at), [promptId]);
}

export async function addBatch(promptId: string, batch: SuggestionBatch, db: ProjectDb = projectDb()): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    const all = await readBatches(promptId, db);
    await db.kv.put({ key: draftsKey(promptId), value: [...all, batch] });
  });
}

/** Records what the engineer did with one suggestion. */
export async function setSuggestionState(promptId: string, batchId: string, index: number, state: SuggestionState, ruleId?: string, db: ProjectDb = projectDb()): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    const all = await readBatches(promptId, db);
    const next = all.map((b) => (b.id !== batchId ? b : { ...b, suggestions: b.suggestions.map((s, i) => (i === index ? { ...s, state, ...(ruleId ? { ruleId } : {}) } : s)) }));
    await db.kv.put({ key: draftsKey(promptId), value: next });
  });
}

export async function readLeaks(db: ProjectDb = projectDb()): Promise<Record<string, LeakMark>> {
  const row = await db.kv.get(LEAKED_KEY);
  return row?.value && typeof row.value === 'object' ? (row.value as Record<string, LeakMark>) : {};
}

/** Marks test cases as seen by a model while knowledge was written (reference candidates are not test data). */
export async function markLeaked(cases: readonly Pick<Case, 'id' | 'role'>[], why: string, db: ProjectDb = projectDb(), now = Date.now()): Promise<void> {
  const tests = cases.filter((c) => c.role === 'test');
  if (!tests.length) return;
  await db.transaction('rw', db.kv, async () => {
    const all = await readLeaks(db);
    for (const c of tests) all[c.id] ??= { at: now, why };
    await db.kv.put({ key: LEAKED_KEY, value: all });
  });
}

/** The leak marks of the project (live). */
export function useLeaks(): Record<string, LeakMark> | undefined {
  return useLiveQuery(() => readLeaks(), []);
}
