import { useRef, useState } from 'react';
import { downloadBlob } from '@/lib/export/download';
import { exportText, importLabelsText, type ExportFormat } from '@/lib/export/results-io';
import { Button } from '@/components/ui/button';

const ITEMS: { id: ExportFormat; title: string; hint: string }[] = [
  { id: 'csv', title: 'Results + labels (CSV)', hint: 'Per case: class, label and its source, verdict, score and its source, reasoning, model, prompt version' },
  { id: 'json', title: 'Results + labels (JSON)', hint: 'The same table as JSON; `npm run metrics -- FILE` reads it' },
  { id: 'authors', title: 'Authors’ answer file (JSON)', hint: 'Their dataset fields plus reasoning and correctness (1 = normal), for their evaluation script' },
];

/** Export the chosen run with all labels, or import labels from an exported file. */
export function ExportMenu({ runId }: { runId: string | undefined }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const file = useRef<HTMLInputElement>(null);
  const doExport = async (f: ExportFormat) => {
    setOpen(false);
    try {
      const out = await exportText(f, runId ? [runId] : []);
      downloadBlob(new Blob([out.text], { type: out.mime }), out.fileName);
      setMessage({ text: out.note ?? `Saved ${out.fileName}.` });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : 'The export failed; try again.', error: true });
    }
  };
  const doImport = async (f: File) => {
    try {
      setMessage({ text: await importLabelsText(await f.text(), f.name) });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : `${f.name} could not be read as labels.`, error: true });
    }
  };
  return (
    <div className="relative">
      <Button tone="ghost" className="px-2 py-1 text-xs" aria-expanded={open} onClick={() => setOpen((o) => !o)}>Export / import…</Button>
      {open && (
        <div role="menu" className="absolute top-8 right-0 z-20 w-80 rounded-lg border border-zinc-700 bg-zinc-900 p-1 shadow-2xl">
          {ITEMS.map((i) => (
            <button key={i.id} role="menuitem" type="button" onClick={() => void doExport(i.id)} className="block w-full rounded px-2 py-1.5 text-left hover:bg-zinc-800">
              <span className="block text-xs text-zinc-100">{i.title}</span>
              <span className="block text-[10px] text-zinc-500">{i.hint}</span>
            </button>
          ))}
          <div className="my-1 border-t border-zinc-800" />
          <button role="menuitem" type="button" onClick={() => { setOpen(false); file.current?.click(); }} className="block w-full rounded px-2 py-1.5 text-left hover:bg-zinc-800">
            <span className="block text-xs text-zinc-100">Import labels…</span>
            <span className="block text-[10px] text-zinc-500">From a CSV or JSON exported here; labels keep their source and time</span>
          </button>
        </div>
      )}
      <input ref={file} type="file" accept=".csv,.json,text/csv,application/json" className="hidden" aria-label="Labels file" data-testid="import-labels-input" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void doImport(f); }} />
      {message && <p role="status" className={`absolute top-9 right-0 z-10 w-80 rounded px-2 py-1 text-[11px] ${message.error ? 'bg-rose-950 text-rose-200' : 'bg-zinc-800 text-zinc-200'}`} onClick={() => setMessage(undefined)}>{message.text}</p>}
    </div>
  );
}
