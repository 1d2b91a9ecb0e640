import { diffLines, prettyStable } from '@/core/prompt/diff-lines';
import type { PromptVersion } from '@/core/model';

/** Line diff of two versions' bodies (older on the left of the comparison). */
export function VersionDiff({ a, b }: { a: PromptVersion; b: PromptVersion }) {
  const [older, newer] = a.version < b.version ? [a, b] : [b, a];
  const lines = diffLines(prettyStable(older.body), prettyStable(newer.body));
  const changed = lines.filter((l) => l.op !== 'same').length;
  // Show changes with two lines of context.
  const keep = lines.map((_, i) => lines.slice(Math.max(0, i - 2), i + 3).some((l) => l.op !== 'same'));
  return (
    <div data-testid="version-diff">
      <div className="mb-2 text-xs text-zinc-400">
        v{older.version} → v{newer.version}: {changed === 0 ? 'no differences' : `${changed} changed line${changed === 1 ? '' : 's'}`}
      </div>
      <pre className="max-h-80 overflow-auto rounded-md bg-zinc-950 py-2 text-[11px] leading-relaxed ring-1 ring-zinc-800">
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
    </div>
  );
}
