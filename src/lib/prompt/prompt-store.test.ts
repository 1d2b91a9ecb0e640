import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { openProjectDb } from '@/lib/storage/db';
import { createPrompt, listVersions, saveVersion } from '@/lib/prompt/prompt-store';
import { defaultPromptBody, nextRuleId } from '@/core/prompt/prompt-body';

describe('prompt store', () => {
  it('makes a new version only when the body changes, and keeps old versions', async () => {
    const db = openProjectDb(`t-${Math.random()}`, { indexedDB, IDBKeyRange });
    const body = defaultPromptBody();
    const { prompt, version: v1 } = await createPrompt('Bottle', body, db);
    expect(v1.version).toBe(1);
    const same = await saveVersion(prompt.id, { ...body }, 'no change', db);
    expect(same.created).toBe(false);
    const changed = { ...body, rules: [{ id: nextRuleId(body.rules), text: 'Rim closed', enabled: true, scope: 'global' as const, kind: 'rule' as const }] };
    const v2 = await saveVersion(prompt.id, changed, 'add R1', db);
    expect(v2.created).toBe(true);
    expect(v2.version.version).toBe(2);
    expect(v2.version.hash).not.toBe(v1.hash);
    expect((await db.prompts.get(prompt.id))?.headVersionId).toBe(v2.version.id);
    expect((await listVersions(prompt.id, db)).map((v) => v.version)).toEqual([2, 1]);
    expect((await db.promptVersions.get(v1.id))?.body).toEqual(body);
  });
});
