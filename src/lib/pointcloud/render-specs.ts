/** Where render specs live: the `kv` table, per case, else per class, else the default. */
import type { Case, SpecSource } from '@/core/model';
import { normalizeRenderSpec, type RenderSpec } from '@/core/pointcloud/render-spec';
import { projectDb, type ProjectDb } from '@/lib/storage/db';

export type SpecScope = { caseId: string } | { className: string };

export const caseSpecKey = (caseId: string) => `render-spec:pointcloud:case:${caseId}`;
export const classSpecKey = (className: string) => `render-spec:pointcloud:class:${className}`;

export function scopeKey(scope: SpecScope): string {
  return 'caseId' in scope ? caseSpecKey(scope.caseId) : classSpecKey(scope.className);
}

/** The spec a case renders with, and where it came from. */
export async function renderSpecFor(c: Pick<Case, 'id' | 'className'>, db: ProjectDb = projectDb()): Promise<{ spec: RenderSpec; source: Exclude<SpecSource, 'parent'> }> {
  const [own, cls] = await Promise.all([db.kv.get(caseSpecKey(c.id)), db.kv.get(classSpecKey(c.className))]);
  if (own?.value) return { spec: normalizeRenderSpec(own.value as Partial<RenderSpec>), source: 'case' };
  if (cls?.value) return { spec: normalizeRenderSpec(cls.value as Partial<RenderSpec>), source: 'class' };
  return { spec: normalizeRenderSpec(undefined), source: 'default' };
}

/** Stores a spec for a case or a class; `undefined` removes it (falling back to class or default). */
export async function saveRenderSpec(scope: SpecScope, spec: RenderSpec | undefined, db: ProjectDb = projectDb()): Promise<void> {
  if (spec) await db.kv.put({ key: scopeKey(scope), value: normalizeRenderSpec(spec) });
  else await db.kv.delete(scopeKey(scope));
}
