/**
 * The fake model's answers to knowledge requests (drafting rules, a rule from a miss), recognised
 * by the JSON schema's name or the request's heading, and built from the pixels it received so a
 * test can tell the images arrived. Also the one rule the fake verdict understands: a rule that
 * forbids "dark brown" marks makes it look for them (see `darkMarkRule`).
 */
import type { ImageFacts } from './images';

export type KnowledgeKind = 'draft' | 'miss' | 'overkill';

/** The rule the fake suggests from a miss; with it in a prompt, the fake sees dark marks. */
export const DARK_MARK_RULE = 'No dark brown marks or streaks anywhere on the surface.';
/** Share of dark brown pixels in a query that counts as a mark (when the rule asks for it). */
export const DARK_MARK_THRESHOLD = 0.003;

export function knowledgeKind(schemaName: string | undefined, text: string): KnowledgeKind | undefined {
  if (schemaName === 'rule_suggestions' || text.startsWith('RULE SUGGESTIONS') || text.includes('\nRULE SUGGESTIONS')) return 'draft';
  const m = /RULE FROM A (MISS|OVERKILL)/.exec(text);
  if (m) return m[1] === 'MISS' ? 'miss' : 'overkill';
  if (schemaName === 'rule_from_miss') return 'miss';
  return undefined;
}

/** Whether a verdict request's rules include the dark-mark rule (as "Rn: text" lines). */
export function darkMarkRule(text: string): boolean {
  return /\bR\d+: [^\n]*dark brown/i.test(text);
}

export function knowledgeAnswer(kind: KnowledgeKind, images: ImageFacts[]): string {
  if (kind === 'draft') {
    const normals = images.length;
    const greys = images.map((i) => (i.meanRgb[0] + i.meanRgb[1] + i.meanRgb[2]) / 3);
    const spread = greys.length ? Math.max(...greys) - Math.min(...greys) : 0;
    const anyRed = images.some((i) => i.redFraction > 0.002);
    return JSON.stringify({
      reasoning: `I compared ${normals} image(s) of ${images[0]?.width ?? 0}x${images[0]?.height ?? 0} px.`,
      rules: [
        { text: `The part fills the frame the same way in all ${normals} examples.`, kind: 'rule', why: `seen in ${normals} image(s)` },
        { text: 'No red marks or foreign material on the part.', kind: 'rule', why: anyRed ? 'the defective examples show red marks' : 'no example shows red pixels' },
        { text: `Overall brightness varies by up to ${Math.round(spread)} grey levels between photos.`, kind: 'tolerated', why: 'measured across the examples' },
      ],
    });
  }
  const query = images[images.length - 1];
  if (kind === 'miss')
    return JSON.stringify({
      reasoning: `The case has a dark mark covering ${((query?.darkFraction ?? 0) * 100).toFixed(2)}% of the image that the references do not have.`,
      rule: { text: DARK_MARK_RULE, kind: 'rule', why: 'the missed case shows a thin dark brown streak' },
    });
  return JSON.stringify({ reasoning: 'The case differs from the references only in brightness.', rule: { text: 'Small brightness differences from the references are acceptable.', kind: 'tolerated', why: 'brightness only' } });
}
