import { describe, expect, it } from 'vitest';
import { contactSheetLayout, sheetGrid } from '@/core/video/contact-sheet';

describe('contact sheet layout', () => {
  it('chooses a grid from N with no empty row', () => {
    expect(sheetGrid(1, 16 / 9)).toEqual({ cols: 1, rows: 1 });
    expect(sheetGrid(4, 16 / 9)).toEqual({ cols: 2, rows: 2 });
    expect(sheetGrid(8, 16 / 9)).toEqual({ cols: 3, rows: 3 });
    expect(sheetGrid(16, 16 / 9)).toEqual({ cols: 4, rows: 4 });
    for (let n = 1; n <= 64; n++) {
      const g = sheetGrid(n, 16 / 9);
      expect(g.cols * g.rows).toBeGreaterThanOrEqual(n);
      expect((g.rows - 1) * g.cols).toBeLessThan(n);
    }
  });

  it('orders tiles left-to-right, top-to-bottom inside the sheet', () => {
    const l = contactSheetLayout(8, 1920, 1080, 1536);
    expect(Math.max(l.width, l.height)).toBeLessThanOrEqual(1536);
    expect(l.tiles[1].x).toBeGreaterThan(l.tiles[0].x);
    expect(l.tiles[1].y).toBe(l.tiles[0].y);
    expect(l.tiles[3].y).toBeGreaterThan(l.tiles[0].y);
    expect(l.tiles[3].x).toBe(l.tiles[0].x);
    for (const t of l.tiles) {
      expect(t.x + t.w).toBeLessThanOrEqual(l.width);
      expect(t.y + t.h).toBeLessThanOrEqual(l.height);
    }
  });

  it('never upscales small frames', () => {
    const l = contactSheetLayout(4, 64, 64, 1536);
    expect(l.tileW).toBe(64);
  });
});
