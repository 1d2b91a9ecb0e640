import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/field';
import { PROMPT_TEMPLATES, templateBody, type TemplateId } from '@/core/prompt/prompt-body';
import { usePrompts } from '@/lib/prompt/prompt-queries';
import { createPrompt } from '@/lib/prompt/prompt-store';
import { PromptEditor } from '@/features/prompts/prompt-editor';

/** The Prompts tab: the prompt list and templates on the left, one prompt's editor beside it. */
export function PromptsView() {
  const prompts = usePrompts();
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
