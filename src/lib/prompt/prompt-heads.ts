/** Live reads of prompts with their head bodies, for the pickers that follow a case's class. */
import type { Prompt } from '@/core/model';
import type { PromptCandidate } from '@/core/prompt/prompt-classes';
import { projectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';

export interface PromptHead extends PromptCandidate {
  prompt: Prompt;
}

/** Prompts, most recently changed first, each with its head version's body. */
export function usePromptHeads(): PromptHead[] | undefined {
  return useLiveQuery(async () => {
    const db = projectDb();
    const prompts = await db.prompts.orderBy('updatedAt').reverse().toArray();
    const heads = await db.promptVersions.bulkGet(prompts.map((p) => p.headVersionId));
    return prompts.map((p, i) => ({ id: p.id, updatedAt: p.updatedAt, body: heads[i]?.body, prompt: p }));
  }, []);
}
