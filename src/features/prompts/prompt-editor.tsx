import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, Section, TextArea, TextInput } from '@/components/ui/field';
import type { Case } from '@/core/model';
import type { PromptBody } from '@/core/prompt/prompt-body';
import { renamePrompt } from '@/lib/prompt/prompt-store';
import { ReferencePicker } from '@/features/prompts/reference-picker';
import { ReferencePolicyControl } from '@/features/prompts/reference-policy-control';
import { RequestPreview } from '@/features/prompts/request-preview';
import { RulesEditor } from '@/features/prompts/rules-editor';
import { RuleDrafts } from '@/features/prompts/rule-drafts';
import { VersionDiff } from '@/features/prompts/version-diff';
import { KnownDefectsList, MmadImport } from '@/features/prompts/mmad-import';
import { AnswerFormatSection, ImageSettingsSection, KnowledgeToggles } from '@/features/prompts/body-sections';
import { usePromptSession, type PromptSession } from '@/features/prompts/use-prompt-session';

type SetBody = (patch: Partial<PromptBody>) => void;

/** One prompt: its draft body in sections, the request preview and its versions. */
export function PromptEditor({ promptId, name, headVersionId }: { promptId: string; name: string; headVersionId: string }) {
  const s = usePromptSession(promptId, headVersionId);
  const { draft, versions, cases, set } = s;
  const classToggle =
    s.hiddenClasses > 0 || s.allClasses ? (
      <Button tone="ghost" onClick={() => s.setAllClasses(!s.allClasses)}>
        {s.allClasses ? 'Only this prompt\'s classes' : `Show all ${s.everyClass.length} classes`}
      </Button>
    ) : undefined;
  if (!draft || !versions || !cases) return null;

  return (
    <div className="flex min-h-0 min-w-0 flex-1">
      <div className="min-h-0 min-w-0 flex-1 overflow-y-auto overflow-x-hidden">
        <EditorHeader s={s} promptId={promptId} name={name} />
        <div className="flex flex-col gap-4 p-3 xl:p-5">
          <Section title="Task" actions={<KnowledgeToggles draft={draft} set={set} />}>
            <TextArea aria-label="Task" rows={4} value={draft.task} onChange={(e) => set({ task: e.target.value })} />
          </Section>
          <ClassContextSection draft={draft} set={set} classes={s.classes} actions={classToggle} />
          <Section title="Normality rules" className={draft.knowledge.rules ? '' : 'opacity-60'}>
            <RulesEditor rules={draft.rules} classes={s.everyClass} onChange={(rules) => set({ rules })} />
            <RuleDrafts promptId={promptId} body={draft} classes={s.classes} onAccept={s.acceptRule} />
          </Section>
          <Section title="Expert knowledge from MMAD">
            <MmadImport draft={draft} classes={s.everyClass} onApply={(body) => s.setDraft(body)} />
          </Section>
          <Section title="Known defects" className={draft.knowledge.knownDefects ? '' : 'opacity-60'}>
            <KnownDefectsList draft={draft} />
          </Section>
          <ReferencesSection draft={draft} set={set} classes={s.classes} cases={cases} limit={s.limit} actions={classToggle} />
          <div className="grid gap-4 lg:grid-cols-2">
            <AnswerFormatSection draft={draft} set={set} />
            <ImageSettingsSection draft={draft} set={set} />
          </div>
        </div>
      </div>

      <aside className="flex w-[20rem] shrink-0 flex-col gap-4 overflow-y-auto overflow-x-hidden border-l border-zinc-800 bg-zinc-900/30 p-3 xl:w-[27rem] xl:p-4">
        <Section title="Request preview">
          <RequestPreview body={draft} cases={cases} />
        </Section>
        <VersionsSection s={s} />
      </aside>
    </div>
  );
}

/** Name, version, note and Save, kept in view while the body scrolls. */
function EditorHeader({ s, promptId, name }: { s: PromptSession; promptId: string; name: string }) {
  const { base, dirty, saved } = s;
  return (
    <div className="sticky top-0 z-10 border-b border-zinc-800 bg-zinc-950/95 px-5 py-2.5 backdrop-blur">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <TextInput aria-label="Prompt name" className="min-w-[8rem] flex-1 font-semibold" defaultValue={name} onBlur={(e) => e.target.value !== name && void renamePrompt(promptId, e.target.value)} />
        <span className="whitespace-nowrap font-mono text-xs text-zinc-500" title={base?.hash}>
          {base ? `v${base.version} · ${base.hash.slice(0, 8)}` : ''}
        </span>
        <TextInput aria-label="Version note" className="w-40 min-w-0" placeholder="What changed (optional)" value={s.message} onChange={(e) => s.setMessage(e.target.value)} />
        <Button tone="primary" className="whitespace-nowrap" onClick={() => void s.save()} disabled={!dirty}>
          Save version
        </Button>
      </div>
      {(dirty || saved) && (
        <div className="mt-1.5 text-xs">
          {dirty ? <Badge tone="unsure">unsaved changes</Badge> : <span className="text-emerald-300" role="status">{saved}</span>}
        </div>
      )}
    </div>
  );
}

function ClassContextSection({ draft, set, classes, actions }: { draft: PromptBody; set: SetBody; classes: string[]; actions: ReactNode }) {
  return (
    <Section title="Class context" actions={actions} className={draft.knowledge.classContext ? '' : 'opacity-60'}>
      {classes.length === 0 && <p className="text-sm text-zinc-500">Classes appear here once the project has cases.</p>}
      <div className={`grid gap-3 ${classes.length > 1 ? "md:grid-cols-2" : ""}`}>
        {classes.map((c) => (
          <Field key={c} label={c}>
            <TextArea aria-label={`Context of ${c}`} rows={2} placeholder={`What a ${c} is and how it is presented`} value={draft.classContext[c] ?? ''} onChange={(e) => set({ classContext: { ...draft.classContext, [c]: e.target.value } })} />
          </Field>
        ))}
      </div>
    </Section>
  );
}

function ReferencesSection({ draft, set, classes, cases, limit, actions }: { draft: PromptBody; set: SetBody; classes: string[]; cases: Case[]; limit: number; actions: ReactNode }) {
  return (
    <Section title={`Reference images${limit === 1 ? ' (this template sends one per class)' : ''}`} actions={actions} className={draft.knowledge.references ? '' : 'opacity-60'}>
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
  );
}

/** Every saved version: tick two to compare, open one to edit from it. */
function VersionsSection({ s }: { s: PromptSession }) {
  const { compare, setCompare, base } = s;
  return (
    <Section title="Versions" actions={compare.length > 0 && <Button tone="ghost" onClick={() => setCompare([])}>Clear</Button>}>
      <ol className="flex flex-col gap-1" aria-label="Versions">
        {(s.versions ?? []).map((v) => (
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
              <button type="button" className="text-xs text-sky-400 hover:text-sky-300" onClick={() => s.open(v)}>
                open
              </button>
            )}
          </li>
        ))}
      </ol>
      {s.compared.length === 2 ? <div className="mt-3"><VersionDiff a={s.compared[0]} b={s.compared[1]} /></div> : <p className="mt-2 text-xs text-zinc-500">Tick two versions to see what changed.</p>}
    </Section>
  );
}
