import { useEffect, useMemo, useState } from 'react';
import type { PromptVersion } from '@/core/model';
import { canonicalJson } from '@/core/identity';
import { nextRuleId, readPromptBody, referenceLimit, type PromptBody, type PromptRule } from '@/core/prompt/prompt-body';
import { saveVersion } from '@/lib/prompt/prompt-store';
import { usePromptVersions } from '@/lib/prompt/prompt-queries';
import { useAllCases } from '@/lib/dataset/case-queries';
import { classNames } from '@/features/prompts/class-names';

/** Classes a draft is written for: those with context, references or class rules. */
function usedClasses(draft: PromptBody | undefined, everyClass: readonly string[]): string[] {
  if (!draft) return [];
  const u = new Set<string>([...Object.keys(draft.classContext).filter((c) => draft.classContext[c]?.trim()), ...Object.keys(draft.references).filter((c) => draft.references[c]?.length)]);
  for (const r of draft.rules) if (r.scope !== 'global') u.add(r.scope);
  return everyClass.filter((c) => u.has(c));
}

/** The editing session of one prompt: its versions, the unsaved draft, saving, comparing and the classes shown. */
export function usePromptSession(promptId: string, headVersionId: string) {
  const versions = usePromptVersions(promptId);
  const cases = useAllCases();
  const [draft, setDraft] = useState<PromptBody>();
  const [base, setBase] = useState<PromptVersion>();
  const [message, setMessage] = useState('');
  const [compare, setCompare] = useState<string[]>([]);
  const [saved, setSaved] = useState<string>();
  const [allClasses, setAllClasses] = useState(false);

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
  const everyClass = useMemo(() => classNames(cases, draft ? [...Object.keys(draft.classContext), ...Object.keys(draft.references)] : []), [cases, draft]);
  // A prompt written for some classes shows those; the others are one click away.
  const used = useMemo(() => usedClasses(draft, everyClass), [draft, everyClass]);
  const classes = allClasses || used.length === 0 ? everyClass : used;

  const set = (patch: Partial<PromptBody>) => draft && setDraft({ ...draft, ...patch });
  const open = (v: PromptVersion) => {
    setBase(v);
    setDraft(readPromptBody(v.body));
  };
  /** An accepted suggestion joins the draft with the next free id (saved only with the version). */
  const acceptRule = (rule: Omit<PromptRule, 'id'>): string => {
    const id = nextRuleId(draft?.rules ?? []);
    if (draft) setDraft({ ...draft, rules: [...draft.rules, { ...rule, id }] });
    return id;
  };
  const save = async () => {
    if (!draft) return;
    const r = await saveVersion(promptId, draft, message);
    open(r.version);
    setMessage('');
    setSaved(r.created ? `Saved as version ${r.version.version}.` : 'No changes: still version ' + r.version.version + '.');
  };
  const compared = compare.map((id) => versions?.find((v) => v.id === id)).filter((v): v is PromptVersion => !!v);

  return {
    versions, cases, draft, setDraft, set, base, open, dirty, saved, save, acceptRule,
    message, setMessage, compare, setCompare, compared,
    everyClass, classes, hiddenClasses: everyClass.length - classes.length, allClasses, setAllClasses,
    limit: draft ? referenceLimit(draft) : 0,
  };
}

export type PromptSession = ReturnType<typeof usePromptSession>;
