import { useCallback, useMemo, useState } from 'react';
import { defaultPromptFor } from '@/core/prompt/prompt-classes';
import { usePromptHeads } from '@/lib/prompt/prompt-heads';
import { usePromptVersions } from '@/lib/prompt/prompt-queries';

/**
 * The prompt and version a run uses: the prompt follows `className` (the one written for it) until
 * the user picks one; the version is the prompt's head until the user picks another.
 */
export function usePromptChoice(className: string | undefined) {
  const heads = usePromptHeads();
  const prompts = useMemo(() => heads?.map((h) => h.prompt), [heads]);
  const [promptId, setPromptId] = useState<string>();
  const [versionId, setVersionId] = useState<string>();
  const choice = useMemo(() => (className && heads ? defaultPromptFor(className, heads) : undefined), [className, heads]);
  const prompt = prompts?.find((p) => p.id === promptId) ?? prompts?.find((p) => p.id === choice?.promptId) ?? prompts?.[0];
  const versions = usePromptVersions(prompt?.id);
  const version = versions?.find((v) => v.id === versionId) ?? versions?.find((v) => v.id === prompt?.headVersionId) ?? versions?.[0];
  const pickPrompt = useCallback((id: string | undefined) => {
    setPromptId(id);
    setVersionId(undefined);
  }, []);
  return { prompts, choice, prompt, versions, version, pickPrompt, pickVersion: setVersionId };
}
