import { Suspense, useEffect, useState } from 'react';
import { FEATURES, HEADER_WIDGETS, OVERLAYS } from '@/app/feature-registry';
import { useUiStore, type ViewId } from '@/stores/ui-store';
import { ErrorBoundary } from '@/components/error-boundary';
import { NoticeArea } from '@/components/notice-area';
import { installKeyboard } from '@/app/keyboard';
import { KeyboardHelp } from '@/app/keyboard-help';
import { useCommands } from '@/stores/command-registry';
import { redoLast, undoLast } from '@/stores/undo-store';
import type { KeyCommand } from '@/core/labeling/hotkeys';

/** Addresses the views had before they were named after their tabs, so old links still open. */
const FORMER_IDS: Record<string, ViewId> = { inspection: 'runs', labeling: 'review', sharing: 'share' };

function viewFromHash(): ViewId | undefined {
  const raw = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  const id = FORMER_IDS[raw] ?? raw;
  return FEATURES.find((f) => f.id === id)?.id;
}

function Loading() {
  return <div className="p-6 text-sm text-zinc-500">Loading…</div>;
}

export function AppShell() {
  const view = useUiStore((s) => s.view);
  const setView = useUiStore((s) => s.setView);

  useEffect(() => {
    const sync = () => {
      const v = viewFromHash();
      if (v) setView(v);
    };
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [setView]);

  useEffect(() => {
    if (viewFromHash() !== view) window.history.replaceState(null, '', `#/${view}`);
  }, [view]);

  useEffect(() => installKeyboard(), []);
  const [help, setHelp] = useState(false);
  useCommands([
    // Views switch from anywhere, also from inside a text field.
    ...FEATURES.map((f): KeyCommand => ({ id: `view.${f.id}`, title: `Open ${f.title}`, keys: [`Alt+${f.hotkey}`], scope: 'global', inFields: 'text', perform: () => setView(f.id) })),
    { id: 'undo', title: 'Undo (labels, deletions)', keys: ['Ctrl+z'], scope: 'global', perform: () => void undoLast() },
    { id: 'redo', title: 'Redo', keys: ['Ctrl+Shift+z', 'Ctrl+y'], scope: 'global', perform: () => void redoLast() },
    { id: 'help', title: 'Show / hide this list of keys', keys: ['?'], scope: 'global', perform: () => setHelp((h) => !h) },
  ]);

  const active = FEATURES.find((f) => f.id === view) ?? FEATURES[0];

  return (
    <div className="flex h-full flex-col">
      <header className="flex h-12 shrink-0 items-center gap-2 border-b xl:gap-4 border-zinc-800 bg-zinc-900 px-4">
        <div className="flex items-center gap-2 font-semibold tracking-tight">
          <span className="inline-block h-3 w-3 rounded-sm bg-sky-500" aria-hidden />
          <span className="hidden xl:inline">Anomaly Workbench</span>
        </div>
        <nav className="flex gap-1" aria-label="Views">
          {FEATURES.map((f) => (
            <button
              key={f.id}
              type="button"
              onClick={() => setView(f.id)}
              aria-current={f.id === active.id ? 'page' : undefined}
              title={`${f.title} (Alt+${f.hotkey})`}
              className={`rounded-md px-2 py-1.5 text-sm xl:px-3 ${f.id === active.id ? 'bg-zinc-800 text-white' : 'text-zinc-400 hover:bg-zinc-800/60 hover:text-zinc-100'}`}
            >
              {f.title}
            </button>
          ))}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-3">
          {HEADER_WIDGETS.map((W, i) => (
            <ErrorBoundary key={i} area="header widget">
              <Suspense fallback={null}>
                <W />
              </Suspense>
            </ErrorBoundary>
          ))}
        </div>
      </header>
      <main className="min-h-0 flex-1">
        <ErrorBoundary key={active.id} area={active.title}>
          <Suspense fallback={<Loading />}>
            <active.View />
          </Suspense>
        </ErrorBoundary>
      </main>
      {OVERLAYS.map((O, i) => (
        <ErrorBoundary key={i} area="overlay">
          <Suspense fallback={null}>
            <O />
          </Suspense>
        </ErrorBoundary>
      ))}
      <NoticeArea />
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
