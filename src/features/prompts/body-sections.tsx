import { Field, Section, Select, TextInput } from '@/components/ui/field';
import type { PromptBody } from '@/core/prompt/prompt-body';
import { ReasoningEffortField } from '@/features/prompts/reasoning-effort-field';

type SetBody = (patch: Partial<PromptBody>) => void;

/** How the model answers: format, optional fields, sampling. */
export function AnswerFormatSection({ draft, set }: { draft: PromptBody; set: SetBody }) {
  return (
    <Section title="Answer format">
      <div className="flex flex-col gap-3">
        <Select aria-label="Answer format" value={draft.output.format} onChange={(e) => set({ output: { ...draft.output, format: e.target.value as PromptBody['output']['format'] } })}>
          <option value="workbench">reasoning, then verdict normal | anomalous</option>
          <option value="authors">authors: reasoning, correctness (1 = normal)</option>
        </Select>
        {draft.output.format === 'workbench' &&
          (
            [
              ['includeConfidence', 'confidence 0–1'],
              ['includeDefectType', 'defect type'],
              ['includeViolatedRules', 'violated rule ids'],
              ['includeLocations', 'locations (normalised boxes)'],
            ] as const
          ).map(([k, label]) => (
            <label key={k} className="flex items-center gap-2 text-sm text-zinc-300">
              <input type="checkbox" className="accent-sky-500" checked={draft.output[k]} onChange={(e) => set({ output: { ...draft.output, [k]: e.target.checked } })} />
              {label}
            </label>
          ))}
        <div className="grid grid-cols-2 gap-3">
          <Field label="Temperature">
            <TextInput aria-label="Temperature" type="number" min={0} max={2} step={0.1} value={draft.sampling.temperature} onChange={(e) => set({ sampling: { ...draft.sampling, temperature: Number(e.target.value) } })} />
          </Field>
          <Field label="Max tokens" hint="For the answer; a thinking model gets its thinking allowance on top.">
            <TextInput aria-label="Max tokens" type="number" min={16} max={32000} value={draft.sampling.maxTokens} onChange={(e) => set({ sampling: { ...draft.sampling, maxTokens: Math.max(16, Number(e.target.value) || 800) } })} />
          </Field>
        </div>
        <ReasoningEffortField sampling={draft.sampling} onChange={(sampling) => set({ sampling })} />
      </div>
    </Section>
  );
}

/** How images are encoded before they are sent. */
export function ImageSettingsSection({ draft, set }: { draft: PromptBody; set: SetBody }) {
  return (
    <Section title="Image settings">
      <div className="grid grid-cols-2 gap-3">
        <Field label="Max side (px)">
          <TextInput aria-label="Max side" type="number" min={64} max={4096} step={32} value={draft.image.maxSidePx} onChange={(e) => set({ image: { ...draft.image, maxSidePx: Math.max(32, Number(e.target.value) || 768) } })} />
        </Field>
        <Field label="Format">
          <Select aria-label="Image format" value={draft.image.format} onChange={(e) => set({ image: { ...draft.image, format: e.target.value as PromptBody['image']['format'] } })}>
            <option value="jpeg">JPEG</option>
            <option value="webp">WebP</option>
            <option value="png">PNG (lossless)</option>
          </Select>
        </Field>
        <Field label={`Quality ${Math.round(draft.image.quality * 100)}`}>
          <input aria-label="Quality" type="range" min={0.3} max={1} step={0.05} value={draft.image.quality} disabled={draft.image.format === 'png'} onChange={(e) => set({ image: { ...draft.image, quality: Number(e.target.value) } })} className="accent-sky-500" />
        </Field>
        <Field label="Detail">
          <Select aria-label="Detail" value={draft.image.detail} onChange={(e) => set({ image: { ...draft.image, detail: e.target.value as PromptBody['image']['detail'] } })}>
            <option value="auto">auto</option>
            <option value="low">low (85 tokens)</option>
            <option value="high">high (tiles)</option>
          </Select>
        </Field>
      </div>
    </Section>
  );
}

/** Which kinds of knowledge the request carries. */
export function KnowledgeToggles({ draft, set }: { draft: PromptBody; set: (p: Partial<PromptBody>) => void }) {
  const items = [
    ['classContext', 'class context'],
    ['rules', 'rules'],
    ['references', 'references'],
    ['knownDefects', 'known defects'],
  ] as const;
  return (
    <div className="flex items-center gap-1" aria-label="Knowledge sent">
      <span className="mr-1 text-[11px] text-zinc-500">send:</span>
      {items.map(([k, label]) => (
        <button
          key={k}
          type="button"
          aria-pressed={!!draft.knowledge[k]}
          onClick={() => set({ knowledge: { ...draft.knowledge, [k]: !draft.knowledge[k] } })}
          className={`rounded-full px-2 py-0.5 text-[11px] ring-1 ring-inset ${draft.knowledge[k] ? 'bg-sky-900/60 text-sky-200 ring-sky-700' : 'text-zinc-500 ring-zinc-700'}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
