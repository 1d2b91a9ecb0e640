import { Suspense, createElement, type ComponentType, type ReactNode } from 'react';
import type { AssetKind } from '@/core/model';

/**
 * Lets a view show a case of any kind without importing the feature that draws that kind:
 * the app registers one viewer per kind at start-up (see `@/app/feature-registry`).
 */
export interface CaseViewerProps {
  caseId: string;
}

const viewers = new Map<AssetKind, ComponentType<CaseViewerProps>>();

export function registerCaseViewer(kind: AssetKind, viewer: ComponentType<CaseViewerProps>) {
  viewers.set(kind, viewer);
}

export function hasCaseViewer(kind: AssetKind): boolean {
  return viewers.has(kind);
}

export function CaseViewerSlot({ kind, caseId, fallback = null }: CaseViewerProps & { kind: AssetKind; fallback?: ReactNode }) {
  const Viewer = viewers.get(kind);
  if (!Viewer) return <>{fallback}</>;
  return (
    <Suspense fallback={<div className="p-4 text-sm text-zinc-500">Loading viewer…</div>}>
      {createElement(Viewer, { caseId })}
    </Suspense>
  );
}
