import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Select, TextInput } from '@/components/ui/field';
import { matchModelRow, resolveModel, type CapSource } from '@/core/vlm/model-capabilities';
import { REASONING_EFFORTS, type ModelCapabilities, type ProviderConfig, type ReasoningEffort } from '@/core/vlm/providers';
import { useProviderStore } from '@/stores/provider-store';

type Key = keyof ModelCapabilities;

const SOURCE_TEXT: Record<CapSource, string> = { provider: 'from the provider', table: 'from the table', yours: 'yours' };
const SOURCE_TONE: Record<CapSource, 'neutral' | 'info' | 'unsure'> = { provider: 'neutral', table: 'info', yours: 'unsure' };

const FLAGS: [Key, string][] = [
  ['thinking', 'thinks by default'],
  ['logprobs', 'logprobs'],
  ['jsonSchemaStrict', 'strict JSON schema'],
  ['jsonMode', 'JSON mode'],
  ['detail', 'image detail'],
  ['streaming', 'streaming'],
];

/**
 * What requests to the configured model may carry, field by field, with where each value comes
 * from: the provider preset, the model table, or the user's own override (which can be reset).
 */
export function ModelCapabilitiesPanel() {
  const config = useProviderStore((s) => s.config);
  const setConfig = useProviderStore((s) => s.setConfig);
  const { caps, row, source, unknownNote } = resolveModel(config);
  const set = (patch: Partial<ModelCapabilities>) => setConfig({ caps: { ...config.caps, ...patch } });
  const reset = (k: Key) => {
    const { [k]: _drop, ...rest } = config.caps ?? {};
    setConfig({ caps: Object.keys(rest).length ? rest : undefined });
  };
  const line = (k: Key, label: string, control: ReactNode) => (
    <CapLine key={k} k={k} label={label} source={source[k]} onReset={() => reset(k)}>
      {control}
    </CapLine>
  );

  return (
    <div className="mt-4" data-testid="model-capabilities">
      <div className="mb-1.5 text-xs font-medium uppercase tracking-wide text-zinc-400">Model capabilities</div>
      <p className="mb-2 text-xs text-zinc-400" data-testid="model-match">
        {row ? (
          <>
            <span className="font-mono text-zinc-200">{config.model}</span> matched <span className="text-sky-300">{row.label}</span> in the model table.
          </>
        ) : (
          <span className="text-amber-200">{unknownNote ?? (config.model ? `"${config.model}": the provider's defaults apply.` : 'No model set: pick one above.')}</span>
        )}
      </p>
      <div className="flex flex-col gap-1.5 text-sm">
        {line(
          'tokenParam',
          'Budget field',
          <Select aria-label="Budget field" className="w-56 py-1" value={caps.tokenParam} onChange={(e) => set({ tokenParam: e.target.value as ModelCapabilities['tokenParam'] })}>
            <option value="max_tokens">max_tokens</option>
            <option value="max_completion_tokens">max_completion_tokens</option>
          </Select>,
        )}
        {line('maxOutputTokens', 'Output ceiling (tokens)', <TextInput aria-label="Output ceiling" className="w-32 py-1" type="number" min={16} value={caps.maxOutputTokens} onChange={(e) => set({ maxOutputTokens: Math.max(16, Number(e.target.value) || 16) })} />)}
        {line(
          'sampling',
          'Temperature',
          <Select aria-label="Temperature accepted" className="w-56 py-1" value={caps.sampling} onChange={(e) => set({ sampling: e.target.value as ModelCapabilities['sampling'] })}>
            <option value="any">sent as the prompt says</option>
            <option value="default-only">only the default (left out)</option>
          </Select>,
        )}
        {line('reasoningEfforts', 'Reasoning efforts', <EffortChips value={caps.reasoningEfforts} onChange={(v) => set({ reasoningEfforts: v })} />)}
        {line(
          'defaultEffort',
          'Default effort',
          <Select aria-label="Default effort" className="w-56 py-1" value={caps.defaultEffort ?? ''} onChange={(e) => set({ defaultEffort: (e.target.value || undefined) as ReasoningEffort | undefined })}>
            <option value="">the model decides</option>
            {REASONING_EFFORTS.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </Select>,
        )}
        <div className="flex flex-wrap gap-1.5 pt-1">
          {FLAGS.map(([k, label]) => {
            const on = !!caps[k];
            return (
              <button
                key={k}
                type="button"
                aria-pressed={on}
                title={`${SOURCE_TEXT[source[k]]}; click to override${source[k] === 'yours' ? ' (right-click to reset)' : ''}`}
                onClick={() => set({ [k]: !on })}
                onContextMenu={(e) => {
                  e.preventDefault();
                  reset(k);
                }}
                className={`rounded-full px-2.5 py-0.5 text-xs ring-1 ring-inset ${on ? 'bg-sky-900/60 text-sky-200 ring-sky-700' : 'bg-zinc-900 text-zinc-500 line-through ring-zinc-700'} ${source[k] === 'yours' ? 'outline outline-1 outline-amber-500/70' : ''}`}
              >
                {label}
              </button>
            );
          })}
        </div>
        {Object.keys(caps.headers).length > 0 && <p className="text-xs text-zinc-500">Headers sent: {Object.entries(caps.headers).map(([k, v]) => `${k}: ${v}`).join(', ')} ({SOURCE_TEXT[source.headers]}).</p>}
      </div>
    </div>
  );
}

function CapLine({ k, label, source, onReset, children }: { k: Key; label: string; source: CapSource; onReset: () => void; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid={`cap-${k}`}>
      <span className="w-44 text-xs text-zinc-400">{label}</span>
      {children}
      <Badge tone={SOURCE_TONE[source]}>{SOURCE_TEXT[source]}</Badge>
      {source === 'yours' && (
        <button type="button" className="text-xs text-sky-400 hover:text-sky-300" onClick={onReset} aria-label={`Reset ${label}`}>
          reset
        </button>
      )}
    </div>
  );
}

function EffortChips({ value, onChange }: { value: ReasoningEffort[]; onChange: (v: ReasoningEffort[]) => void }) {
  return (
    <span className="flex flex-wrap gap-1">
      {REASONING_EFFORTS.map((e) => {
        const on = value.includes(e);
        return (
          <button key={e} type="button" aria-pressed={on} onClick={() => onChange(on ? value.filter((x) => x !== e) : REASONING_EFFORTS.filter((x) => x === e || value.includes(x)))} className={`rounded px-1.5 py-0.5 text-[11px] ring-1 ring-inset ${on ? 'bg-sky-900/60 text-sky-200 ring-sky-700' : 'bg-zinc-900 text-zinc-600 ring-zinc-700'}`}>
            {e}
          </button>
        );
      })}
    </span>
  );
}

/** The endpoint's models, each marked with the table row it matched (or none). */
export function ModelList({ config, models, onPick }: { config: ProviderConfig; models: string[]; onPick: (model: string) => void }) {
  if (!models.length) return null;
  return (
    <details className="mt-3 rounded-md bg-zinc-950 ring-1 ring-zinc-800" data-testid="model-list">
      <summary className="cursor-pointer select-none px-3 py-1.5 text-xs text-zinc-400">{models.length} models offered · which rows of the model table they match</summary>
      <ul className="max-h-56 overflow-y-auto border-t border-zinc-800 px-3 py-1.5 text-xs">
        {models.map((m) => {
          const row = matchModelRow(config.presetId, m);
          return (
            <li key={m} className="flex items-center gap-2 py-0.5">
              <button type="button" className={`font-mono hover:text-sky-300 ${m === config.model ? 'text-sky-300' : 'text-zinc-200'}`} onClick={() => onPick(m)}>
                {m}
              </button>
              {row ? <Badge tone="info">{row.label}</Badge> : <span className="text-zinc-600">not in the table: provider defaults</span>}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
