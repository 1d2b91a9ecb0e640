import { useEffect, useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, Section, Select, TextArea, TextInput } from '@/components/ui/field';
import type { PromptVersion } from '@/core/model';
import { canonicalJson } from '@/core/identity';
import { nextRuleId, PROMPT_TEMPLATES, readPromptBody, referenceLimit, templateBody, type PromptBody, type PromptRule, type TemplateId } from '@/core/prompt/prompt-body';
import { projectDb } from '@/lib/storage/db';
import { useLiveQuery } from '@/lib/storage/live-query';
import { createPrompt, renamePrompt, saveVersion } from '@/lib/prompt/prompt-store';
import { classNames, useCases } from '@/features/prompts/use-project-cases';
import { ReferencePicker } from '@/features/prompts/reference-picker';
import { ReasoningEffortField } from '@/features/prompts/reasoning-effort-field';
import { ReferencePolicyControl } from '@/features/prompts/reference-policy-control';
import { RequestPreview } from '@/features/prompts/request-preview';
import { RulesEditor } from '@/features/prompts/rules-editor';
import { RuleDrafts } from '@/features/prompts/rule-drafts';
import { VersionDiff } from '@/features/prompts/version-diff';
import { KnownDefectsList, MmadImport } from '@/features/prompts/mmad-import';

export function PromptsView() {
  const prompts = useLiveQuery(() => projectDb().prompts.orderBy('updatedAt').reverse().toArray(), []);
  const [selectedId, setSelectedId] = useState<string>();
  const [template, setTemplate] = useState<TemplateId>('workbench');
  const selected = prompts?.find((p) => p.id === selectedId) ?? prompts?.[0];

  const create = async (t: TemplateId) => {
    const title = PROMPT_TEMPLATES.find((x) => x.id === t)?.title ?? 'Prompt';
    const { prompt } = await createPrompt(`${title} ${new Date().toLocaleDateString()}`, templateBody(t));
    setSelectedId(prompt.id);
  };

  if (!prompts) return null;
  if (prompts.length === 0)
    return (
      <EmptyState
        title="No prompts yet"
        actions={PROMPT_TEMPLATES.map((t) => (
          <Button key={t.id} tone={t.id === 'workbench' ? 'primary' : 'neutral'} onClick={() => void create(t.id)} title={t.description}>
            {t.title}
          </Button>
        ))}
      >
        Start from a template. Every save makes a new version; runs keep pointing at the version they used.
      </EmptyState>
    );

  return (
    <div className="flex h-full min-h-0">
      <aside className="flex w-48 shrink-0 flex-col border-r border-zinc-800 bg-zinc-900/40 xl:w-64">
        <div className="flex flex-col gap-2 border-b border-zinc-800 p-3">
          <Select aria-label="Template" value={template} onChange={(e) => setTemplate(e.target.value as TemplateId)} title={PROMPT_TEMPLATES.find((t) => t.id === template)?.description}>
            {PROMPT_TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </Select>
          <p className="text-[11px] leading-snug text-zinc-500">{PROMPT_TEMPLATES.find((t) => t.id === template)?.description}</p>
          <Button tone="primary" className="justify-center" onClick={() => void create(template)}>
            New from template
          </Button>
        </div>
        <nav aria-label="Prompts" className="min-h-0 flex-1 overflow-auto p-2">
          {prompts.map((p) => (
            <button
              key={p.id}
              type="button"
              onClick={() => setSelectedId(p.id)}
              aria-current={p.id === selected?.id ? 'true' : undefined}
              className={`mb-1 block w-full truncate rounded-md px-2.5 py-1.5 text-left text-sm ${p.id === selected?.id ? 'bg-zinc-800 text-white' : 'text-zinc-400 hover:bg-zinc-800/60 hover:text-zinc-100'}`}
            >
              {p.name}
            </button>
          ))}
        </nav>
      </aside>
      {selected && <PromptEditor key={selected.id} promptId={selected.id} name={selected.name} headVersionId={selected.headVersionId} />}
    </div>
  );
}

function PromptEditor({ promptId, name, headVersionId }: { promptId: string; name: string; headVersionId: string }) {
  const versions = useLiveQuery(() => projectDb().promptVersions.where('promptId').equals(promptId).reverse().sortBy('version'), [promptId]);
  const cases = useCases();
  const [draft, setDraft] = useState<PromptBody>();
  const [base, setBase] = useState<PromptVersion>();
  const [message, setMessage] = useState('');
  const [compare, setCompare] = useState<string[]>([]);
  const [saved, setSaved] = useState<string>();

  // Load the head version when the prompt opens (and after a save elsewhere).
  useEffect(() => {
    if (!versions || base) return;
    const head = versions.find((v) => v.id === headVersionId) ?? versions[0];
    if (head) {
      setBase(head);
      setDraft(readPromptBody(head.body));
    }
  }, [versions, headVersionId, base]);

  const dirty = useMemo(() => !!draft && !!base && canonicalJson(draft) !== canonicalJson(readPromptBody(base.body)), [draft, base]);
  const [allClasses, setAllClasses] = useState(false);
  const everyClass = useMemo(() => classNames(cases, draft ? [...Object.keys(draft.classContext), ...Object.keys(draft.references)] : []), [cases, draft]);
  // A prompt written for some classes shows those; the others are one click away.
  const used = useMemo(() => {
    if (!draft) return [];
    const u = new Set<string>([...Object.keys(draft.classContext).filter((c) => draft.classContext[c]?.trim()), ...Object.keys(draft.references).filter((c) => draft.references[c]?.length)]);
    for (const r of draft.rules) if (r.scope !== 'global') u.add(r.scope);
    return everyClass.filter((c) => u.has(c));
  }, [draft, everyClass]);
  const classes = allClasses || used.length === 0 ? everyClass : used;
  const hidden = everyClass.length - classes.length;
  const classToggle =
    hidden > 0 || allClasses ? (
      <Button tone="ghost" onClick={() => setAllClasses(!allClasses)}>
        {allClasses ? 'Only this prompt\'s classes' : `Show all ${everyClass.length} classes`}
      </Button>
    ) : undefined;
  if (!draft || !versions || !cases) return null;
  const set = (patch: Partial<PromptBody>) => setDraft({ ...draft, ...patch });
  /** An accepted suggestion joins the draft with the next free id (saved only with the version). */
  const acceptRule = (rule: Omit<PromptRule, 'id'>): string => {
    const id = nextRuleId(draft.rules);
    set({ rules: [...draft.rules, { ...rule, id }] });
    return id;
  };
  const save = async () => {
    const r = await saveVersion(promptId, draft, message);
    setBase(r.version);
    setDraft(readPromptBody(r.version.body));
    setMessage('');
    setSaved(r.created ? `Saved as version ${r.version.version}.` : 'No changes: still version ' + r.version.version + '.');
  };
  const compared = compare.map((id) => versions.find((v) => v.id === id)).filter((v): v is PromptVersion => !!v);
  const limit = referenceLimit(draft);

  return (
    <div className="flex min-h-0 min-w-0 flex-1">
      <div className="min-h-0 min-w-0 flex-1 overflow-y-auto overflow-x-hidden">
        <div className="sticky top-0 z-10 border-b border-zinc-800 bg-zinc-950/95 px-5 py-2.5 backdrop-blur">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <TextInput aria-label="Prompt name" className="min-w-[8rem] flex-1 font-semibold" defaultValue={name} onBlur={(e) => e.target.value !== name && void renamePrompt(promptId, e.target.value)} />
            <span className="whitespace-nowrap font-mono text-xs text-zinc-500" title={base?.hash}>
              {base ? `v${base.version} · ${base.hash.slice(0, 8)}` : ''}
            </span>
            <TextInput aria-label="Version note" className="w-40 min-w-0" placeholder="What changed (optional)" value={message} onChange={(e) => setMessage(e.target.value)} />
            <Button tone="primary" className="whitespace-nowrap" onClick={() => void save()} disabled={!dirty}>
              Save version
            </Button>
          </div>
          {(dirty || saved) && (
            <div className="mt-1.5 text-xs">
              {dirty ? <Badge tone="unsure">unsaved changes</Badge> : <span className="text-emerald-300" role="status">{saved}</span>}
            </div>
          )}
        </div>

        <div className="flex flex-col gap-4 p-3 xl:p-5">
          <Section title="Task" actions={<KnowledgeToggles draft={draft} set={set} />}>
            <TextArea aria-label="Task" rows={4} value={draft.task} onChange={(e) => set({ task: e.target.value })} />
          </Section>

          <Section title="Class context" actions={classToggle} className={draft.knowledge.classContext ? '' : 'opacity-60'}>
            {classes.length === 0 && <p className="text-sm text-zinc-500">Classes appear here once the project has cases.</p>}
            <div className={`grid gap-3 ${classes.length > 1 ? "md:grid-cols-2" : ""}`}>
              {classes.map((c) => (
                <Field key={c} label={c}>
                  <TextArea aria-label={`Context of ${c}`} rows={2} placeholder={`What a ${c} is and how it is presented`} value={draft.classContext[c] ?? ''} onChange={(e) => set({ classContext: { ...draft.classContext, [c]: e.target.value } })} />
                </Field>
              ))}
            </div>
          </Section>

          <Section title="Normality rules" className={draft.knowledge.rules ? '' : 'opacity-60'}>
            <RulesEditor rules={draft.rules} classes={everyClass} onChange={(rules) => set({ rules })} />
            <RuleDrafts promptId={promptId} body={draft} classes={classes} onAccept={acceptRule} />
          </Section>

          <Section title="Expert knowledge from MMAD">
            <MmadImport draft={draft} classes={everyClass} onApply={(body) => setDraft(body)} />
          </Section>

          <Section title="Known defects" className={draft.knowledge.knownDefects ? '' : 'opacity-60'}>
            <KnownDefectsList draft={draft} />
          </Section>

          <Section title={`Reference images${limit === 1 ? ' (this template sends one per class)' : ''}`} actions={classToggle} className={draft.knowledge.references ? '' : 'opacity-60'}>
            <ReferencePolicyControl policy={draft.referencePolicy} onChange={(referencePolicy) => set({ referencePolicy })} />
            <div className="flex flex-col gap-4">
              {classes.map((c) => (
                <div key={c}>
                  <div className="mb-1.5 text-xs font-medium uppercase tracking-wide text-zinc-400">
                    {c} <span className="normal-case text-zinc-600">· {(draft.references[c] ?? []).length} picked</span>
                  </div>
                  <ReferencePicker className={c} cases={cases} picked={draft.references[c] ?? []} limit={limit} onChange={(ids) => set({ references: { ...draft.references, [c]: ids } })} />
                </div>
              ))}
            </div>
          </Section>

          <div className="grid gap-4 lg:grid-cols-2">
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
          </div>
        </div>
      </div>

      <aside className="flex w-[20rem] shrink-0 flex-col gap-4 overflow-y-auto overflow-x-hidden border-l border-zinc-800 bg-zinc-900/30 p-3 xl:w-[27rem] xl:p-4">
        <Section title="Request preview">
          <RequestPreview body={draft} cases={cases} />
        </Section>
        <Section title="Versions" actions={compare.length > 0 && <Button tone="ghost" onClick={() => setCompare([])}>Clear</Button>}>
          <ol className="flex flex-col gap-1" aria-label="Versions">
            {versions.map((v) => (
              <li key={v.id} className={`flex items-center gap-2 rounded-md px-2 py-1 text-sm ${v.id === base?.id ? 'bg-zinc-800/80' : ''}`}>
                <input
                  type="checkbox"
                  aria-label={`Compare version ${v.version}`}
                  className="accent-sky-500"
                  checked={compare.includes(v.id)}
                  onChange={(e) => setCompare(e.target.checked ? [...compare.slice(-1), v.id] : compare.filter((x) => x !== v.id))}
                />
                <span className="font-medium text-zinc-200">v{v.version}</span>
                <span className="font-mono text-[10px] text-zinc-500">{v.hash.slice(0, 8)}</span>
                <span className="min-w-0 flex-1 truncate text-xs text-zinc-400" title={v.message}>
                  {v.message ?? ''}
                </span>
                {v.id !== base?.id && (
                  <button
                    type="button"
                    className="text-xs text-sky-400 hover:text-sky-300"
                    onClick={() => {
                      setBase(v);
                      setDraft(readPromptBody(v.body));
                    }}
                  >
                    open
                  </button>
                )}
              </li>
            ))}
          </ol>
          {compared.length === 2 ? <div className="mt-3"><VersionDiff a={compared[0]} b={compared[1]} /></div> : <p className="mt-2 text-xs text-zinc-500">Tick two versions to see what changed.</p>}
        </Section>
      </aside>
    </div>
  );
}

function KnowledgeToggles({ draft, set }: { draft: PromptBody; set: (p: Partial<PromptBody>) => void }) {
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
