/**
 * The fake model's answer, based on the pixels it received: the query (last image) is anomalous
 * when it has a red blob; it is also compared with the first reference by mean colour.
 */
import { meanColourDistance, type ImageFacts } from './images';
import type { Scenario } from './scenarios';
import { DARK_MARK_THRESHOLD } from './knowledge';

export interface AnswerInput {
  images: ImageFacts[];
  /** The answer format asked for: the authors' `correctness` or our `verdict`. */
  format: 'authors' | 'workbench';
  /** Rule ids offered in the schema or text (R1, R2 …). */
  ruleIds: string[];
  scenario: Scenario;
  /** Base URL of this server, for the hostile-answer beacon. */
  selfUrl: string;
  /** The prompt has the dark-mark rule: dark brown marks count as defects too (see ./knowledge). */
  darkMarks?: boolean;
}

export interface FakeAnswer {
  text: string;
  verdict?: 'normal' | 'anomalous';
  refusal?: string;
  finishReason: 'stop' | 'content_filter' | 'length';
}

/** Red pixels above this share of the query mean "defect". */
export const RED_THRESHOLD = 0.002;

export function makeAnswer(a: AnswerInput): FakeAnswer {
  if (a.scenario === 'answer-unparseable') return { text: 'The part looks fine, I guess, though the edge might be off.', finishReason: 'stop' };
  if (a.scenario === 'answer-refusal') return { text: "I'm sorry, but I can't help with that request.", finishReason: 'stop' };
  if (a.scenario === 'answer-refusal-field') return { text: '', refusal: "I'm sorry, I cannot assist with that.", finishReason: 'stop' };
  if (a.scenario === 'fail-filter-finish') return { text: '', finishReason: 'content_filter' };

  const query = a.images[a.images.length - 1];
  const ref = a.images.length > 1 ? a.images[0] : undefined;
  const darkMark = !!a.darkMarks && !!query && query.darkFraction > DARK_MARK_THRESHOLD;
  const anomalous = !!query && (query.redFraction > RED_THRESHOLD || darkMark);
  const parts: string[] = [];
  if (!query) parts.push('I received no image.');
  else {
    parts.push(`I received ${a.images.length} image(s); the query is ${query.width}x${query.height} px with mean colour rgb(${query.meanRgb.join(', ')}).`);
    if (ref) parts.push(`Compared with the first reference (${ref.width}x${ref.height} px), the mean colour differs by ${meanColourDistance(query, ref).toFixed(1)}.`);
    if (darkMark) parts.push(`Following the rule on dark marks, I see a dark brown streak covering ${(query.darkFraction * 100).toFixed(2)}% of the query.`);
    else if (anomalous) parts.push(`There is a red blob covering ${(query.redFraction * 100).toFixed(2)}% of the query near (${query.redCentre!.map((v) => v.toFixed(2)).join(', ')}), which a normal part does not have.`);
    else parts.push('I see no red blob; the part matches the references.');
  }
  if (a.scenario === 'answer-html')
    parts.push(`<img src="${a.selfUrl}/_beacon?html" onerror="fetch('${a.selfUrl}/_beacon?js')"> <b>bold</b> ![leak](${a.selfUrl}/_beacon?markdown) <script>fetch('${a.selfUrl}/_beacon?script')</script>`);
  const reasoning = parts.join(' ');
  const verdict = anomalous ? 'anomalous' : 'normal';
  const obj =
    a.format === 'authors'
      ? { reasoning, correctness: anomalous ? 0 : 1 }
      : { reasoning, verdict, confidence: anomalous ? 0.9 : 0.8, defect_type: anomalous ? 'red blob' : null, violated_rules: anomalous && a.ruleIds.length ? [a.ruleIds[0]] : [] };
  return { text: JSON.stringify(obj), verdict, finishReason: 'stop' };
}

export interface FakeToken {
  token: string;
  logprob: number;
  top_logprobs: { token: string; logprob: number }[];
}

/**
 * Splits an answer into tokens of a few characters, with a boundary where the verdict value
 * starts, and gives that token alternatives (so a logprob score can be read from it).
 */
export function tokenize(text: string, verdict: 'normal' | 'anomalous' | undefined): FakeToken[] {
  const m = /"(verdict|correctness)":\s*"?/.exec(text);
  const cut = m ? m.index + m[0].length : -1;
  const pieces: string[] = [];
  const push = (s: string) => {
    for (let i = 0; i < s.length; i += 6) pieces.push(s.slice(i, i + 6));
  };
  if (cut < 0) push(text);
  else {
    push(text.slice(0, cut));
    const isAuthors = m![1] === 'correctness';
    const first = isAuthors ? text[cut] : verdict === 'anomalous' ? 'anom' : 'normal';
    pieces.push(first);
    push(text.slice(cut + first.length));
  }
  const pTop = 0.85;
  return pieces.map((token, i) => {
    const isVerdict = cut >= 0 && pieces.slice(0, i).join('').length === cut;
    if (!isVerdict) return { token, logprob: 0, top_logprobs: [{ token, logprob: 0 }] };
    const other = token === 'anom' ? 'normal' : token === 'normal' ? 'anom' : token === '1' ? '0' : '1';
    return { token, logprob: Math.log(pTop), top_logprobs: [{ token, logprob: Math.log(pTop) }, { token: other, logprob: Math.log(1 - pTop) }] };
  });
}
