import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ViewId } from '@/stores/ui-store';
import type { AssetKind } from '@/core/model';
import { registerCaseViewer, type CaseViewerProps } from '@/components/case-viewer-slot';

export interface FeatureEntry {
  id: ViewId;
  title: string;
  /** Digit pressed with Alt to open the view. */
  hotkey: string;
  View: LazyExoticComponent<ComponentType>;
}

/** The views of the workbench, in tab order. Each is loaded only when first opened. */
export const FEATURES: FeatureEntry[] = [
  { id: 'library', title: 'Library', hotkey: '1', View: lazy(() => import('@/features/library/library-view').then((m) => ({ default: m.LibraryView }))) },
  { id: 'prompts', title: 'Prompts', hotkey: '2', View: lazy(() => import('@/features/prompts/prompts-view').then((m) => ({ default: m.PromptsView }))) },
  { id: 'runs', title: 'Runs', hotkey: '3', View: lazy(() => import('@/features/runs/runs-view').then((m) => ({ default: m.RunsView }))) },
  { id: 'review', title: 'Review', hotkey: '4', View: lazy(() => import('@/features/review/review-view').then((m) => ({ default: m.ReviewView }))) },
  { id: 'compare', title: 'Compare', hotkey: '5', View: lazy(() => import('@/features/compare/compare-view').then((m) => ({ default: m.CompareView }))) },
  { id: 'metrics', title: 'Metrics', hotkey: '6', View: lazy(() => import('@/features/metrics/metrics-view').then((m) => ({ default: m.MetricsView }))) },
  { id: 'share', title: 'Share', hotkey: '7', View: lazy(() => import('@/features/share/share-view').then((m) => ({ default: m.ShareView }))) },
  { id: 'settings', title: 'Settings', hotkey: '8', View: lazy(() => import('@/features/settings/settings-view').then((m) => ({ default: m.SettingsView }))) },
];

/** Components mounted once for the whole window (e.g. the drop target for files). */
export const OVERLAYS: LazyExoticComponent<ComponentType>[] = [
  lazy(() => import('@/features/library/ingest-overlay').then((m) => ({ default: m.IngestOverlay }))),
  lazy(() => import('@/features/library/media-preview-filler').then((m) => ({ default: m.MediaPreviewFiller }))),
];

/** Small widgets shown in the header's right side (e.g. storage use). */
export const HEADER_WIDGETS: LazyExoticComponent<ComponentType>[] = [
  lazy(() => import('@/components/sample-load-notice').then((m) => ({ default: m.SampleLoadNotice }))),
  lazy(() => import('@/features/settings/storage-indicator').then((m) => ({ default: m.StorageIndicator }))),
];

/**
 * Viewers for a case of each kind, shown wherever a case is opened large. Registered at start-up
 * by `registerCaseViewers()`; each loads its code (three.js, video decoding) only when first shown.
 * Images are drawn by the library itself.
 */
export const CASE_VIEWERS: Partial<Record<AssetKind, LazyExoticComponent<ComponentType<CaseViewerProps>>>> = {
  pointcloud: lazy(() => import('@/features/pointcloud/pointcloud-case-view').then((m) => ({ default: m.PointCloudCaseView }))),
  video: lazy(() => import('@/features/video/video-case-view').then((m) => ({ default: m.VideoCaseView }))),
};

export function registerCaseViewers() {
  for (const [kind, viewer] of Object.entries(CASE_VIEWERS)) registerCaseViewer(kind as AssetKind, viewer);
}
