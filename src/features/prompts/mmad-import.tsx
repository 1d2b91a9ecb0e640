import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import type { PromptBody } from '@/core/prompt/prompt-body';
import { applyMmadKnowledge, parseMmadKnowledge, type MmadKnowledge } from '@/core/prompt/mmad-knowledge';

type Loaded = { fileName: string; data: MmadKnowledge };

/**
 * MMAD expert knowledge into the draft: pick the file and its dataset, give each project class an
 * MMAD class, review which sentences become tolerated variations, then apply (saved with the
 * next version like any other edit).
 */
export function MmadImport({ draft, classes, onApply }: { draft: PromptBody; classes: string[]; onApply: (body: PromptBody) => void }) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [dataset, setDataset] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [rejected, setRejected] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string>();

  const read = async (file: File | undefined) => {
    if (!file) return;
    setDone(undefined);
    try {
      const data = parseMmadKnowledge(await file.text(), `"${file.name}"`);
      const first = Object.keys(data)[0];
      setLoaded({ fileName: file.name, data });
      setError(undefined);
      setDataset(first);
      // Same names map themselves; the user picks the rest.
      setMapping(Object.fromEntries(classes.filter((c) => data[first][c]).map((c) => [c, c])));
      setRejected(new Set());
    } catch (e) {
      setLoaded(undefined);
      setError(e instanceof Error ? e.message : `"${file.name}" could not be read.`);
    }
  };

  const mmadClasses = loaded ? Object.keys(loaded.data[dataset] ?? {}).sort() : [];
  const mapped = Object.entries(mapping).filter(([, m]) => m && loaded?.data[dataset]?.[m]);
  const apply = () => {
    if (!loaded) return;
    let body = draft;
    for (const [projectClass, m] of mapped) {
      const k = loaded.data[dataset][m];
      body = applyMmadKnowledge(body, projectClass, k, k.tolerated.filter((t) => !rejected.has(`${projectClass}\u0000${t}`)));
    }
    onApply(body);
    setDone(`Applied to ${mapped.length} class${mapped.length === 1 ? '' : 'es'}; save a version to keep it.`);
  };

  return (
    <div className="space-y-2 text-xs" data-testid="mmad-import">
      <label className="flex items-center gap-2 text-zinc-400">
        <span>MMAD domain_knowledge.json</span>
        <input type="file" accept=".json,application/json" aria-label="MMAD knowledge file" onChange={(e) => void read(e.target.files?.[0])} className="text-xs text-zinc-300 file:mr-2 file:rounded file:border-0 file:bg-zinc-800 file:px-2 file:py-1 file:text-zinc-200" />
      </label>
      {error && <p role="alert" className="text-rose-300">{error}</p>}
      {loaded && (
        <>
          <label className="flex items-center gap-2 text-zinc-400">
            <span>Dataset</span>
            <Select aria-label="MMAD dataset" value={dataset} onChange={(e) => { setDataset(e.target.value); setMapping({}); }}>
              {Object.keys(loaded.data).map((d) => <option key={d} value={d}>{d}</option>)}
            </Select>
          </label>
          {classes.length === 0 && <p className="text-zinc-500">Classes appear here once the project has cases.</p>}
          <ul className="space-y-2">
            {classes.map((c) => {
              const k = mapping[c] ? loaded.data[dataset]?.[mapping[c]] : undefined;
              return (
                <li key={c} className="rounded-md border border-zinc-800 p-2">
                  <label className="flex items-center gap-2">
                    <span className="w-32 truncate text-zinc-200" title={c}>{c}</span>
                    <Select aria-label={`MMAD class for ${c}`} value={mapping[c] ?? ''} onChange={(e) => setMapping({ ...mapping, [c]: e.target.value })}>
                      <option value="">— not imported —</option>
                      {mmadClasses.map((m) => <option key={m} value={m}>{m}</option>)}
                    </Select>
                  </label>
                  {k && (
                    <div className="mt-1.5 space-y-1 pl-1">
                      <p className="text-zinc-400"><span className="text-zinc-500">Class context:</span> {k.context || '—'}</p>
                      {k.tolerated.length > 0 && <p className="text-zinc-500">Tolerated variations (untick what is not one):</p>}
                      {k.tolerated.map((t) => {
                        const key = `${c}\u0000${t}`;
                        return (
                          <label key={t} className="flex items-start gap-1.5 text-zinc-300">
                            <input type="checkbox" className="mt-0.5 accent-sky-500" checked={!rejected.has(key)} onChange={() => { const n = new Set(rejected); if (n.has(key)) n.delete(key); else n.add(key); setRejected(n); }} />
                            {t}
                          </label>
                        );
                      })}
                      {k.knownDefects.length > 0 && <p className="text-zinc-400"><span className="text-zinc-500">Known defects:</span> {k.knownDefects.map((d) => d.name).join(', ')}</p>}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          <Button tone="primary" disabled={!mapped.length} onClick={apply}>Apply to {mapped.length} class{mapped.length === 1 ? '' : 'es'}</Button>
          {done && <p role="status" className="text-emerald-300">{done}</p>}
        </>
      )}
    </div>
  );
}

/** The known defects in the draft, per class (sent only when their switch is on). */
export function KnownDefectsList({ draft }: { draft: PromptBody }) {
  const entries = Object.entries(draft.knownDefects ?? {}).filter(([, l]) => l.length);
  if (!entries.length) return <p className="text-xs text-zinc-500">None yet: import MMAD knowledge above, or leave empty.</p>;
  return (
    <dl className="space-y-1.5 text-xs">
      {entries.map(([c, list]) => (
        <div key={c}>
          <dt className="font-medium text-zinc-300">{c}</dt>
          {list.map((d) => <dd key={d.name} className="pl-3 text-zinc-400"><span className="text-zinc-300">{d.name}:</span> {d.text}</dd>)}
        </div>
      ))}
    </dl>
  );
}
