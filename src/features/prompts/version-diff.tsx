import type { PromptVersion } from '@/core/model';
import type { DiffLine } from '@/core/prompt/diff-lines';
import { diffLines, prettyStable } from '@/core/prompt/diff-lines';
import { readPromptBody } from '@/core/prompt/prompt-body';
import { changeCount, diffPrompts, type PromptDiff } from '@/core/prompt/prompt-diff';

/** Changed words inline: removed struck through in red, added in green. */
function Words({ words }: { words: DiffLine[] }) {
  return (
    <span className="whitespace-pre-wrap break-words">
      {words.map((w, i) => (w.op === 'same' ? <span key={i}>{w.text}</span> : w.op === 'added' ? <ins key={i} className="bg-emerald-950 text-emerald-200 no-underline">{w.text}</ins> : <del key={i} className="bg-rose-950 text-rose-300">{w.text}</del>))}
    </span>
  );
}

/** What changed between two versions (older first): rules by id, then the other fields; the raw JSON diff on demand. */
export function VersionDiff({ a, b }: { a: PromptVersion; b: PromptVersion }) {
  const [older, newer] = a.version < b.version ? [a, b] : [b, a];
  let d: PromptDiff | undefined;
  try {
    d = diffPrompts(readPromptBody(older.body), readPromptBody(newer.body));
  } catch {
    d = undefined;
  }
  const n = d ? changeCount(d) : 0;
  return (
    <div data-testid="version-diff" className="text-xs">
      <div className="mb-2 text-zinc-400">
        v{older.version} → v{newer.version}: {n === 0 ? 'no differences' : `${n} change${n === 1 ? '' : 's'}`}
      </div>
      {d && (
        <ul className="flex flex-col gap-1.5">
          {d.added.map((r) => (
            <li key={`+${r.id}`} data-change="added" className="rounded bg-emerald-950/40 px-2 py-1 text-emerald-100">
              <b className="font-mono">+ {r.id}</b> {r.kind === 'tolerated' ? '(tolerated) ' : ''}{r.text}
            </li>
          ))}
          {d.removed.map((r) => (
            <li key={`-${r.id}`} data-change="removed" className="rounded bg-rose-950/40 px-2 py-1 text-rose-200">
              <b className="font-mono">− {r.id}</b> <span className="line-through">{r.text}</span>
            </li>
          ))}
          {d.edited.map((e) => (
            <li key={`~${e.id}`} data-change="edited" className="rounded bg-zinc-900 px-2 py-1 text-zinc-200 ring-1 ring-zinc-800">
              <b className="font-mono text-sky-300">{e.id}</b> {e.props.length > 0 && <span className="text-amber-300">{e.props.join(' · ')} </span>}
              {e.words.length > 0 && <Words words={e.words} />}
            </li>
          ))}
          {d.fields.map((f) => (
            <li key={f.field} data-change="field" className="rounded bg-zinc-900 px-2 py-1 text-zinc-200 ring-1 ring-zinc-800">
              <b className="text-zinc-400">{f.field}: </b>
              {f.words ? <Words words={f.words} /> : <span className="break-words"><del className="text-rose-300">{f.before}</del> → <ins className="text-emerald-200 no-underline">{f.after}</ins></span>}
            </li>
          ))}
        </ul>
      )}
      <details className="mt-2">
        <summary className="cursor-pointer text-zinc-500">Raw JSON diff</summary>
        <RawDiff older={older} newer={newer} />
      </details>
    </div>
  );
}

function RawDiff({ older, newer }: { older: PromptVersion; newer: PromptVersion }) {
  const lines = diffLines(prettyStable(older.body), prettyStable(newer.body));
  const keep = lines.map((_, i) => lines.slice(Math.max(0, i - 2), i + 3).some((l) => l.op !== 'same'));
  return (
    <pre className="mt-1 max-h-80 overflow-y-auto whitespace-pre-wrap break-all rounded-md bg-zinc-950 py-2 text-[11px] leading-relaxed ring-1 ring-zinc-800">
      {lines.map((l, i) =>
        keep[i] ? (
          <div key={i} className={l.op === 'added' ? 'bg-emerald-950/70 text-emerald-200' : l.op === 'removed' ? 'bg-rose-950/70 text-rose-200' : 'text-zinc-500'}>
            <span className="inline-block w-5 select-none pl-2">{l.op === 'added' ? '+' : l.op === 'removed' ? '−' : ' '}</span>
            {l.text}
          </div>
        ) : keep[i - 1] ? (
          <div key={i} className="select-none pl-2 text-zinc-700">
            ⋯
          </div>
        ) : null,
      )}
    </pre>
  );
}
