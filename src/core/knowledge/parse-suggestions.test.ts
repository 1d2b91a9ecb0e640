import { describe, expect, it } from 'vitest';
import { parseSuggestions } from '@/core/knowledge/parse-suggestions';

describe('suggestion parsing (fail-closed)', () => {
  it('reads a list of rules and tolerated variations, fenced or inside prose', () => {
    const text = 'Here you go:\n```json\n{"reasoning": "All rims are closed.", "rules": [{"text": "The rim is a closed ring.", "kind": "rule", "why": "seen in all 4"}, {"text": "Slight brightness changes", "kind": "tolerated_variation"}]}\n```';
    expect(parseSuggestions(text, { expect: 'many' })).toEqual({
      status: 'ok',
      reasoning: 'All rims are closed.',
      suggestions: [
        { text: 'The rim is a closed ring.', kind: 'rule', why: 'seen in all 4' },
        { text: 'Slight brightness changes', kind: 'tolerated' },
      ],
    });
  });

  it('reads one rule from a miss, and refuses a list where one was asked for', () => {
    expect(parseSuggestions('{"reasoning":"r","rule":{"text":"No dark marks.","kind":"rule"}}', { expect: 'one' })).toMatchObject({ status: 'ok', suggestions: [{ text: 'No dark marks.', kind: 'rule' }] });
    const two = parseSuggestions('{"rules":[{"text":"a","kind":"rule"},{"text":"b","kind":"rule"}]}', { expect: 'one' });
    expect(two).toEqual({ status: 'unparsed', why: expect.stringContaining('One rule was asked for') });
  });

  it('takes nothing when any item has an unclear kind, no text or an overlong text', () => {
    for (const bad of [
      '{"rules":[{"text":"ok","kind":"rule"},{"text":"maybe","kind":"sometimes"}]}',
      '{"rules":[{"text":"ok","kind":"rule"},{"kind":"rule"}]}',
      `{"rules":[{"text":"${'x'.repeat(400)}","kind":"rule"}]}`,
      '{"rules":[{"text":"ok","kind":"rule"},{"text":"no kind"}]}',
    ]) {
      const r = parseSuggestions(bad, { expect: 'many' });
      expect(r.status).toBe('unparsed');
      expect(r.status === 'unparsed' && r.why).toMatch(/nothing was taken/);
    }
  });

  it('says why when there is no list, an empty list, or a refusal; never throws on junk', () => {
    expect(parseSuggestions('The part looks fine.', { expect: 'many' })).toEqual({ status: 'unparsed', why: 'The answer holds no JSON object with suggested rules.' });
    expect(parseSuggestions('{"rules": []}', { expect: 'many' })).toEqual({ status: 'unparsed', why: 'The model suggested no rules.' });
    expect(parseSuggestions('{"verdict": "normal"}', { expect: 'many' }).status).toBe('unparsed');
    expect(parseSuggestions("I'm sorry, I can't help with that.", { expect: 'many' }).status).toBe('refused');
    expect(parseSuggestions('{"rules": [{"text": "a", "kind": "rule"', { expect: 'many' }).status).toBe('unparsed');
    expect(parseSuggestions('{'.repeat(5000), { expect: 'many' }).status).toBe('unparsed');
  });

  it('uses the default kind only for items that state none, cleans text and drops repeats', () => {
    const r = parseSuggestions('{"rules":["No  holes\\n in the weave.", "no holes in the weave.", {"text":"Lint","kind":"tolerated"}]}', { expect: 'many', defaultKind: 'rule' });
    expect(r).toEqual({ status: 'ok', suggestions: [{ text: 'No holes in the weave.', kind: 'rule' }, { text: 'Lint', kind: 'tolerated' }] });
  });
});
