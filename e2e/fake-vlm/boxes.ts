/**
 * Boxes in the fake model's answer, when the request asks for locations: a square around the
 * red blob of the query (last image), as large as the blob's area, on image 0 of the case.
 */
import type { FakeAnswer } from './answer';
import type { ImageFacts } from './images';

export function withBoxes(answer: FakeAnswer, images: ImageFacts[], asked: boolean): FakeAnswer {
  const query = images[images.length - 1];
  if (!asked || answer.verdict !== 'anomalous' || !query?.redCentre) return answer;
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return answer;
  }
  const half = Math.max(0.02, Math.sqrt(query.redFraction) / 2);
  const [cx, cy] = query.redCentre;
  const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 1000) / 1000));
  obj.locations = [{ image: 0, box: [clamp(cx - half), clamp(cy - half), clamp(cx + half), clamp(cy + half)] }];
  return { ...answer, text: JSON.stringify(obj) };
}
