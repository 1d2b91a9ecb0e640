import { create } from 'zustand';

/** What the most recently previewed request would send (shown in Settings: "what leaves the device"). */
export interface NextRequestSummary {
  caseName: string;
  imageCount: number;
  /** Encoded image bytes. */
  imageBytes: number;
  /** The JSON body, bytes. */
  requestBytes: number;
  model: string;
}

export const useNextRequestStore = create<{ next?: NextRequestSummary; setNext: (n: NextRequestSummary | undefined) => void }>((set) => ({
  next: undefined,
  setNext: (next) => set({ next }),
}));
