/** Layout of a contact sheet: N frames tiled left-to-right, top-to-bottom, each with its time. */

export interface SheetTile {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Where the label band sits (inside the tile, at its bottom). */
  labelY: number;
}

export interface SheetLayout {
  cols: number;
  rows: number;
  width: number;
  height: number;
  tileW: number;
  tileH: number;
  gapPx: number;
  labelPx: number;
  tiles: SheetTile[];
}

/**
 * Columns and rows for `n` tiles of aspect `tileAspect` (w/h): the sheet should be close to
 * `targetAspect` without many empty cells.
 */
export function sheetGrid(n: number, tileAspect: number, targetAspect = 4 / 3): { cols: number; rows: number } {
  if (n <= 1) return { cols: 1, rows: 1 };
  let best = { cols: n, rows: 1, cost: Infinity };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    if ((rows - 1) * cols >= n) continue; // a whole empty row
    const aspect = (cols * tileAspect) / rows;
    const empty = rows * cols - n;
    const cost = Math.abs(Math.log(aspect / targetAspect)) + (0.5 * empty) / n;
    if (cost < best.cost - 1e-12) best = { cols, rows, cost };
  }
  return { cols: best.cols, rows: best.rows };
}

/** Pixel layout of the sheet, its longest side at most `maxSidePx`. */
export function contactSheetLayout(n: number, frameW: number, frameH: number, maxSidePx = 1536, gapPx = 4): SheetLayout {
  const aspect = frameW > 0 && frameH > 0 ? frameW / frameH : 16 / 9;
  const { cols, rows } = sheetGrid(n, aspect);
  const innerW = maxSidePx - gapPx * (cols + 1);
  const innerH = maxSidePx - gapPx * (rows + 1);
  // Largest tile that fits both ways, never upscaled beyond the frame.
  let tileW = Math.min(innerW / cols, (innerH / rows) * aspect, frameW > 0 ? frameW : Infinity);
  tileW = Math.max(16, Math.floor(tileW));
  const tileH = Math.max(9, Math.round(tileW / aspect));
  const width = cols * tileW + gapPx * (cols + 1);
  const height = rows * tileH + gapPx * (rows + 1);
  const labelPx = Math.max(12, Math.min(28, Math.round(tileH * 0.12)));
  const tiles: SheetTile[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const x = gapPx + c * (tileW + gapPx);
    const y = gapPx + r * (tileH + gapPx);
    tiles.push({ x, y, w: tileW, h: tileH, labelY: y + tileH - labelPx });
  }
  return { cols, rows, width, height, tileW, tileH, gapPx, labelPx, tiles };
}
