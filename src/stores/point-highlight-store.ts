import { create } from 'zustand';

/**
 * A region of one rendered view of a point-cloud case (a normalised box [x0, y0, x1, y1], 0–1
 * from the top-left) to mark on the 3D points — e.g. where a model said the defect is. Any view
 * may set it; the point-cloud viewer shows it.
 */
export interface PointHighlight {
  caseId: string;
  /** Index of the image in the case's rendered images. */
  imageIndex: number;
  box: [number, number, number, number];
}

interface PointHighlightState {
  highlight: PointHighlight | undefined;
  setHighlight: (h: PointHighlight | undefined) => void;
}

export const usePointHighlight = create<PointHighlightState>((set) => ({
  highlight: undefined,
  setHighlight: (highlight) => set({ highlight }),
}));
