import { useLeaks } from '@/lib/knowledge/store';

/**
 * Says when a test case's image was shown to a model while knowledge was written (rules drafted
 * from it, a rule suggested from it): a result made after that is possibly leaked, since the
 * prompt may now describe this very case.
 */
export function LeakNote({ caseId, resultAt }: { caseId: string | undefined; resultAt?: number }) {
  const leaks = useLeaks();
  const mark = caseId ? leaks?.[caseId] : undefined;
  if (!mark) return null;
  const later = resultAt !== undefined && resultAt >= mark.at;
  return (
    <p className="mt-2 rounded bg-amber-950/50 p-1.5 text-[11px] text-amber-200" data-testid="leak-note">
      {later ? 'Possibly leaked result: ' : 'Possibly leaked case: '}
      {mark.why} ({new Date(mark.at).toLocaleString()}){later ? '' : ' Results made after that are flagged.'}
    </p>
  );
}
