import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { collectDataTransfer, sourcesFromFiles } from '@/lib/ingest/sources';
import { registerPicker, useIngestState } from '@/features/library/ingest-state';
import { IngestPanel } from '@/features/library/ingest-panel';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * App-wide ingest: the whole window is a drop target for files and folders, the hidden file
 * inputs behind the "Add files"/"Add folder" buttons, and the progress/report panel.
 */
export function IngestOverlay() {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const add = useIngestState((s) => s.add);

  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      // Must run before any await: the DataTransfer is emptied once this handler returns.
      void add(collectDataTransfer(e.dataTransfer));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [add]);

  const onPicked = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (files.length) void add({ sources: sourcesFromFiles(files), issues: [] });
  };

  return (
    <>
      <input ref={(el) => registerPicker('files', el)} type="file" multiple hidden onChange={onPicked} data-testid="ingest-files-input" aria-label="Add files" />
      <input
        ref={(el) => {
          el?.setAttribute('webkitdirectory', '');
          registerPicker('folder', el);
        }}
        type="file"
        multiple
        hidden
        onChange={onPicked}
        data-testid="ingest-folder-input"
        aria-label="Add folder"
      />
      {dragging && (
        <div className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-zinc-950/70 backdrop-blur-[1px]" data-testid="drop-highlight">
          <div className="absolute inset-3 rounded-xl border-2 border-dashed border-sky-400/80 bg-sky-500/5" />
          <div className="relative rounded-lg border border-sky-500/40 bg-zinc-900/95 px-8 py-6 text-center shadow-2xl">
            <div className="text-lg font-semibold text-zinc-100">Drop to add to the project</div>
            <div className="mt-1 text-sm text-zinc-400">Images, point clouds, videos or whole dataset folders (MVTec AD, VisA, good/bad)</div>
          </div>
        </div>
      )}
      <IngestPanel />
    </>
  );
}
