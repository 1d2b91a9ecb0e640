/**
 * Token estimates before anything is sent. Text: about 4 characters per token (approximate for
 * every tokenizer). Images: the provider's published formula.
 */
import type { ImageDetail } from '@/core/prompt/prompt-body';
import type { ImageTokenFormula } from '@/core/vlm/providers';

/**
 * OpenAI (GPT-4o family): `low` is a flat 85 tokens; `high` scales the image to fit 2048², then
 * its short side to 768 px, and counts 512-px tiles: 85 + 170 · tiles. `auto` is costed as high.
 */
export function openAiImageTokens(widthPx: number, heightPx: number, detail: ImageDetail): number {
  if (detail === 'low') return 85;
  let w = widthPx;
  let h = heightPx;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shrink = Math.min(1, 768 / Math.min(w, h));
  w *= shrink;
  h *= shrink;
  const tiles = Math.ceil(w / 512) * Math.ceil(h / 512);
  return 85 + 170 * tiles;
}

/** Gemini: 258 tokens when both sides ≤ 384 px, else 258 per 768-px tile. */
export function geminiImageTokens(widthPx: number, heightPx: number): number {
  if (widthPx <= 384 && heightPx <= 384) return 258;
  return Math.ceil(widthPx / 768) * Math.ceil(heightPx / 768) * 258;
}

export function imageTokens(formula: ImageTokenFormula, widthPx: number, heightPx: number, detail: ImageDetail): { tokens: number; approx: boolean } {
  switch (formula) {
    case 'openai-tiles':
      return { tokens: openAiImageTokens(widthPx, heightPx, detail), approx: false };
    case 'gemini-tiles':
      return { tokens: geminiImageTokens(widthPx, heightPx), approx: false };
    case 'unknown':
      // Local models count differently (often per 14–28 px patch); OpenAI's high-detail count is a fair middle.
      return { tokens: openAiImageTokens(widthPx, heightPx, 'high'), approx: true };
  }
}

export function textTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
