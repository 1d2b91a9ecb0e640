import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import { defaultPromptBody } from '@/core/prompt/prompt-body';
import { createPrompt, saveVersion } from '@/lib/prompt/prompt-store';
import { promptVersionNames } from '@/lib/prompt/prompt-queries';

describe('prompt version names', () => {
  it('names each version by its prompt and number, marks ablation copies and a missing version', async () => {
    const db = openProjectDb(`pq-${Math.random()}`, { indexedDB, IDBKeyRange });
    const body = defaultPromptBody();
    const { prompt, version: v1 } = await createPrompt('Bottle', body, db);
    const { version: v2 } = await saveVersion(prompt.id, { ...body, task: 'Look closer.' }, undefined, db);
    await db.promptVersions.add({ id: 'pv-abl', promptId: `${prompt.id}~ablation`, version: 3, createdAt: 1, hash: 'h', body });
    const names = await promptVersionNames([v1.id, v2.id, 'pv-abl', 'gone'], db);
    expect([...names.values()]).toEqual(['Bottle v1', 'Bottle v2', 'Bottle v3 (ablation)', '—']);
  });
});
