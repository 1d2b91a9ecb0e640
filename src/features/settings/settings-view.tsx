import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, Section, Select, TextInput } from '@/components/ui/field';
import { formatBytes } from '@/components/format';
import { matchModelRow, modelCapabilities } from '@/core/vlm/model-capabilities';
import { PROVIDER_PRESETS, providerPreset, type PriceRow } from '@/core/vlm/providers';
import { ModelCapabilitiesPanel, ModelList } from '@/features/settings/model-capabilities-panel';
import { testConnection, type ConnectionCheck } from '@/lib/vlm/openai-client';
import { useNextRequestStore } from '@/stores/next-request-store';
import { useProviderStore } from '@/stores/provider-store';

export function SettingsView() {
  return (
    <div className="h-full overflow-auto">
      <div className="mx-auto grid max-w-6xl gap-5 p-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-5">
          <ProviderSection />
          <PriceSection />
        </div>
        <div className="flex flex-col gap-5">
          <KeySection />
          <OutgoingSection />
        </div>
      </div>
    </div>
  );
}

function ProviderSection() {
  const config = useProviderStore((s) => s.config);
  const apiKey = useProviderStore((s) => s.apiKey);
  const setConfig = useProviderStore((s) => s.setConfig);
  const choosePreset = useProviderStore((s) => s.choosePreset);
  const preset = providerPreset(config.presetId);
  const caps = modelCapabilities(config);
  const listId = useId();
  const test = useMutation<ConnectionCheck>({ mutationFn: () => testConnection(config, apiKey) });

  return (
    <Section
      title="Model provider"
      actions={
        <Button tone="primary" onClick={() => test.mutate()} disabled={test.isPending || !config.baseURL}>
          {test.isPending ? 'Testing…' : 'Test connection'}
        </Button>
      }
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Provider">
          <Select aria-label="Provider" value={config.presetId} onChange={(e) => choosePreset(e.target.value)}>
            {PROVIDER_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Model" hint={test.data?.models.length ? `${test.data.models.length} models offered by the endpoint` : 'Type a model id, or test the connection to list them.'}>
          <TextInput aria-label="Model" list={listId} value={config.model} onChange={(e) => setConfig({ model: e.target.value.trim() })} placeholder="e.g. gpt-4o" spellCheck={false} />
          <datalist id={listId}>
            {test.data?.models.map((m) => (
              <option key={m} value={m} label={matchModelRow(config.presetId, m)?.label} />
            ))}
          </datalist>
        </Field>
        <Field label="Base URL" className="sm:col-span-2" hint={preset.note}>
          <TextInput aria-label="Base URL" value={config.baseURL} onChange={(e) => setConfig({ baseURL: e.target.value.trim() })} spellCheck={false} />
        </Field>
        <Field label="Timeout per request (s)" hint="A call that takes longer is stopped and reported.">
          <TextInput aria-label="Timeout" type="number" min={5} max={900} value={config.timeoutS} onChange={(e) => setConfig({ timeoutS: Math.max(1, Number(e.target.value) || 120) })} />
        </Field>
        <Field label="Images per request">
          <TextInput aria-label="Max images" type="number" min={1} max={100} value={caps.maxImages} onChange={(e) => setConfig({ caps: { ...config.caps, maxImages: Math.max(1, Number(e.target.value) || 1) } })} />
        </Field>
      </div>
      <ModelCapabilitiesPanel />
      {test.data && <ModelList config={config} models={test.data.models} onPick={(model) => setConfig({ model })} />}
      {test.data && (
        <p role="status" data-testid="connection-status" className={`mt-4 rounded-md px-3 py-2 text-sm ${test.data.ok ? 'bg-emerald-950/60 text-emerald-200 ring-1 ring-emerald-800' : 'bg-rose-950/60 text-rose-200 ring-1 ring-rose-800'}`}>
          {test.data.message}
        </p>
      )}
    </Section>
  );
}

function KeySection() {
  const apiKey = useProviderStore((s) => s.apiKey);
  const setApiKey = useProviderStore((s) => s.setApiKey);
  const remember = useProviderStore((s) => s.rememberKey);
  const setRemember = useProviderStore((s) => s.setRememberKey);
  const preset = providerPreset(useProviderStore((s) => s.config.presetId));
  const [show, setShow] = useState(false);
  return (
    <Section title="API key">
      <Field label="Key" hint={preset.needsKey ? undefined : 'Local servers usually need no key.'}>
        <div className="flex gap-2">
          <TextInput aria-label="API key" type={show ? 'text' : 'password'} value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder={preset.needsKey ? 'sk-…' : 'not needed'} autoComplete="off" spellCheck={false} />
          <Button tone="ghost" onClick={() => setShow(!show)}>
            {show ? 'Hide' : 'Show'}
          </Button>
        </div>
      </Field>
      <p className="mt-3 text-xs leading-relaxed text-zinc-400">
        The key stays in this tab's memory and is sent only to the base URL above, as the Authorization header. It is never exported, logged or put in a
        URL. Closing the tab forgets it.
      </p>
      <label className="mt-3 flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5 accent-sky-500" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        <span>
          Remember on this device
          {remember && (
            <span className="mt-1 block rounded-md bg-amber-950/60 px-2 py-1.5 text-xs text-amber-200 ring-1 ring-amber-800">
              The key is stored unencrypted in this browser's local storage. Anyone using this browser profile, and any script running on this page's
              origin, can read it. Untick to remove it.
            </span>
          )}
        </span>
      </label>
    </Section>
  );
}

function OutgoingSection() {
  const next = useNextRequestStore((s) => s.next);
  const config = useProviderStore((s) => s.config);
  const hasKey = useProviderStore((s) => !!s.apiKey);
  const endpoint = `${config.baseURL.replace(/\/+$/, '')}/chat/completions`;
  return (
    <Section title="What leaves this device">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-zinc-400">Endpoint</dt>
        <dd className="break-all font-mono text-xs text-zinc-200" data-testid="outgoing-endpoint">
          POST {endpoint}
        </dd>
        <dt className="text-zinc-400">Key</dt>
        <dd className="text-zinc-200">{hasKey ? 'sent as Authorization header to this endpoint only' : 'none set'}</dd>
        <dt className="text-zinc-400">Next request</dt>
        <dd className="text-zinc-200" data-testid="outgoing-next">
          {next ? (
            <>
              {next.imageCount} image{next.imageCount === 1 ? '' : 's'} ({formatBytes(next.imageBytes)}), body {formatBytes(next.requestBytes)} for case “{next.caseName}” to model {next.model}
            </>
          ) : (
            <span className="text-zinc-500">Preview a request in Prompts to see its exact size.</span>
          )}
        </dd>
        <dt className="text-zinc-400">Nothing else</dt>
        <dd className="text-zinc-500">Cases, labels and results stay in this browser's storage.</dd>
      </dl>
    </Section>
  );
}

function PriceSection() {
  const prices = useProviderStore((s) => s.prices);
  const setPrices = useProviderStore((s) => s.setPrices);
  const model = useProviderStore((s) => s.config.model);
  const update = (i: number, patch: Partial<PriceRow>) => setPrices(prices.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Section
      title="Prices (USD per million tokens)"
      actions={
        <Button tone="ghost" onClick={() => setPrices([...prices, { model: model || 'model-name', inputPerMTokUsd: 0, outputPerMTokUsd: 0 }])}>
          + Add row
        </Button>
      }
    >
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-zinc-500">
            <th className="pb-2 font-medium">Model (exact, or prefix*)</th>
            <th className="pb-2 font-medium">Input</th>
            <th className="pb-2 font-medium">Output</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {prices.map((p, i) => (
            <tr key={i} className={p.model === model ? 'text-sky-200' : ''}>
              <td className="py-1 pr-2">
                <TextInput aria-label={`Price model ${i + 1}`} className="w-full py-1" value={p.model} onChange={(e) => update(i, { model: e.target.value })} />
              </td>
              <td className="w-28 py-1 pr-2">
                <TextInput aria-label={`Input price ${i + 1}`} className="w-full py-1" type="number" min={0} step="0.01" value={p.inputPerMTokUsd} onChange={(e) => update(i, { inputPerMTokUsd: Math.max(0, Number(e.target.value)) })} />
              </td>
              <td className="w-28 py-1 pr-2">
                <TextInput aria-label={`Output price ${i + 1}`} className="w-full py-1" type="number" min={0} step="0.01" value={p.outputPerMTokUsd} onChange={(e) => update(i, { outputPerMTokUsd: Math.max(0, Number(e.target.value)) })} />
              </td>
              <td className="w-8 py-1 text-right">
                <button type="button" aria-label={`Remove price row ${i + 1}`} className="text-zinc-500 hover:text-rose-300" onClick={() => setPrices(prices.filter((_, j) => j !== i))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-zinc-500">
        {prices.some((p) => p.model === model) ? <Badge tone="info">current model priced</Badge> : 'The current model has no price: costs show as “—”.'}
      </p>
    </Section>
  );
}
