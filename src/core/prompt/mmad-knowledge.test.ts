import { describe, expect, it } from 'vitest';
import { applyMmadKnowledge, parseMmadKnowledge, splitGoodText } from '@/core/prompt/mmad-knowledge';
import { templateBody } from '@/core/prompt/prompt-body';

// Written here in MMAD's shape; not MMAD's own text.
const file = JSON.stringify({
  MVTec: {
    carpet: {
      good: 'Carpet\nDescription: A square of grey woven carpet seen from above. The weave forms a regular grid. Loose lint on the surface is acceptable. Slight changes in lighting across the image are normal.',
      hole: 'Hole\nDescription: A patch where the weave is missing and the backing shows through.',
      color: 'Color\nDescription: A stain of a different colour on the surface.',
    },
  },
  'MVTec-LOCO': {
    juice_bottle: {
      good: 'Juice bottle\nDescription: A bottle with one fruit label and one banner label, filled to the neck.',
      logical_anomalies: 'Logical anomalies\nDescription: The fruit on the label does not match the juice colour.',
    },
  },
});

describe('MMAD domain knowledge', () => {
  it('strips title and "Description:", and splits context from what is acceptable', () => {
    const k = parseMmadKnowledge(file);
    expect(Object.keys(k)).toEqual(['MVTec', 'MVTec-LOCO']);
    const carpet = k.MVTec.carpet;
    expect(carpet.context).toBe('A square of grey woven carpet seen from above. The weave forms a regular grid.');
    expect(carpet.tolerated).toEqual(['Loose lint on the surface is acceptable.', 'Slight changes in lighting across the image are normal.']);
    expect(carpet.knownDefects).toEqual([
      { name: 'hole', text: 'A patch where the weave is missing and the backing shows through.' },
      { name: 'color', text: 'A stain of a different colour on the surface.' },
    ]);
    expect(k['MVTec-LOCO'].juice_bottle.knownDefects[0].name).toBe('logical anomalies');
  });
  it('refuses other JSON with a sentence', () => {
    expect(() => parseMmadKnowledge('[1, 2]', 'list.json')).toThrow(/^list.json is not MMAD domain knowledge/);
    expect(() => parseMmadKnowledge('{', 'x.json')).toThrow(/^x.json is not valid JSON/);
  });
  it('applies a class to the project: context, reviewed tolerated rules with new ids, known defects switched on', () => {
    const k = parseMmadKnowledge(file).MVTec.carpet;
    const body = { ...templateBody('workbench'), rules: [{ id: 'R3', text: 'No holes.', enabled: true, scope: 'rug', kind: 'rule' as const }] };
    const out = applyMmadKnowledge(body, 'rug', k, [k.tolerated[0]]);
    expect(out.classContext.rug).toBe(k.context);
    expect(out.rules.slice(1)).toEqual([{ id: 'R4', text: 'Loose lint on the surface is acceptable.', enabled: true, scope: 'rug', kind: 'tolerated' }]);
    expect(out.knownDefects?.rug).toHaveLength(2);
    expect(out.knowledge.knownDefects).toBe(true);
    // Applying again adds no duplicate rule.
    expect(applyMmadKnowledge(out, 'rug', k, [k.tolerated[0]]).rules).toHaveLength(2);
  });
  it('keeps a sentence without tolerance words as context', () => {
    expect(splitGoodText('T\nDescription: Six screws lie in the bag. Their heads point up.').tolerated).toEqual([]);
  });
});
