/**
 * Prompts and their immutable versions in the project database. Saving a body that differs from
 * the head makes a new version (hash = SHA-256 of the canonical JSON); an equal body makes none.
 */
import type { Prompt, PromptVersion } from '@/core/model';
import type { PromptBody } from '@/core/prompt/prompt-body';
import { hashJson } from '@/core/identity';
import { projectDb, type ProjectDb } from '@/lib/storage/db';

export function hashBody(body: PromptBody): Promise<string> {
  return hashJson(body);
}

function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** Creates a named prompt with version 1. */
export async function createPrompt(name: string, body: PromptBody, db: ProjectDb = projectDb()): Promise<{ prompt: Prompt; version: PromptVersion }> {
  const now = Date.now();
  const promptId = newId('p');
  const version: PromptVersion = { id: newId('pv'), promptId, version: 1, createdAt: now, hash: await hashBody(body), body, message: 'Created' };
  const prompt: Prompt = { id: promptId, name: name.trim() || 'Untitled prompt', createdAt: now, updatedAt: now, headVersionId: version.id };
  await db.transaction('rw', db.prompts, db.promptVersions, async () => {
    await db.promptVersions.add(version);
    await db.prompts.add(prompt);
  });
  return { prompt, version };
}

/** Saves `body` as the prompt's next version, unless it equals the head (then returns the head). */
export async function saveVersion(promptId: string, body: PromptBody, message?: string, db: ProjectDb = projectDb()): Promise<{ version: PromptVersion; created: boolean }> {
  const hash = await hashBody(body);
  return db.transaction('rw', db.prompts, db.promptVersions, async () => {
    const prompt = await db.prompts.get(promptId);
    if (!prompt) throw new Error('This prompt no longer exists; it may have been deleted in another tab.');
    const head = await db.promptVersions.get(prompt.headVersionId);
    if (head && head.hash === hash) return { version: head, created: false };
    const last = await db.promptVersions.where('[promptId+version]').between([promptId, 0], [promptId, Infinity]).last();
    const now = Date.now();
    const version: PromptVersion = { id: newId('pv'), promptId, version: (last?.version ?? 0) + 1, createdAt: now, hash, body, message: message?.trim() || undefined };
    await db.promptVersions.add(version);
    await db.prompts.update(promptId, { headVersionId: version.id, updatedAt: now });
    return { version, created: true };
  });
}

export async function renamePrompt(promptId: string, name: string, db: ProjectDb = projectDb()): Promise<void> {
  await db.prompts.update(promptId, { name: name.trim() || 'Untitled prompt', updatedAt: Date.now() });
}

/** Versions of a prompt, newest first. */
export async function listVersions(promptId: string, db: ProjectDb = projectDb()): Promise<PromptVersion[]> {
  const all = await db.promptVersions.where('promptId').equals(promptId).toArray();
  return all.sort((a, b) => b.version - a.version);
}
