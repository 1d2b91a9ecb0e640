/** Live reads of prompts and their versions, one hook per question the views ask. */
import { isAblationVersion, ownerPromptId } from '@/core/runs/ablation';
import type { Prompt, PromptVersion } from '@/core/model';
import { projectDb, type ProjectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';
import { listVersions } from '@/lib/prompt/prompt-store';

/** Prompts, most recently changed first. */
export function usePrompts(): Prompt[] | undefined {
  return useLiveQuery(() => projectDb().prompts.orderBy('updatedAt').reverse().toArray(), []);
}

/** Versions of one prompt, newest first (empty without a prompt). */
export function usePromptVersions(promptId: string | undefined): PromptVersion[] | undefined {
  return useLiveQuery(async () => (promptId ? listVersions(promptId) : []), [promptId]);
}

/** "prompt name vN" for each prompt version id ("—" for one that is gone); ablation copies say so. */
export async function promptVersionNames(versionIds: readonly string[], db: ProjectDb = projectDb()): Promise<Map<string, string>> {
  const vs = await db.promptVersions.bulkGet([...versionIds]);
  const ps = await db.prompts.bulkGet(vs.map((v) => (v ? ownerPromptId(v.promptId) : '')));
  return new Map(vs.map((v, i) => [v?.id ?? '', v ? `${ps[i]?.name ?? 'prompt'} v${v.version}${isAblationVersion(v) ? ' (ablation)' : ''}` : '—']));
}

export function usePromptVersionNames(versionIds: readonly string[]): Map<string, string> | undefined {
  const key = versionIds.join('|');
  return useLiveQuery(() => promptVersionNames(key.split('|')), [key]);
}
