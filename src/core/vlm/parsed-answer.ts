/**
 * What `parseVerdict()` makes of a model's answer text. Fail-closed: a verdict is only reported
 * when the text states it unambiguously; otherwise the outcome is 'unparsed' (raw text kept by
 * the caller) or 'refused'. Never a guessed verdict.
 */
import type { Verdict } from '@/core/model';

export interface ParsedVerdict {
  status: 'ok';
  verdict: Verdict;
  /** Stated confidence in the verdict, 0–1 (percentages are converted), when given and valid. */
  confidence?: number;
  reasoning?: string;
  /** Rule ids (`R1` …), upper-case, de-duplicated, in the order stated. */
  violatedRules: string[];
  defectType?: string;
  locations?: { image: number; box: [number, number, number, number] }[];
  /** Which answer shape was read. */
  format: 'workbench' | 'authors' | 'boolean' | 'labelled-text';
}

export interface UnparsedAnswer {
  status: 'unparsed';
  /** A sentence saying why no verdict could be read. */
  why: string;
  /** Reasoning text, when it could be read even though the verdict could not. */
  reasoning?: string;
}

export interface RefusedAnswer {
  status: 'refused';
  /** The refusal text (shown as plain text). */
  reason: string;
}

export type ParsedAnswer = ParsedVerdict | UnparsedAnswer | RefusedAnswer;
