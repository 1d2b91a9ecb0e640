/**
 * Provider settings: preset, base URL, model, timeout, capability overrides and the price table
 * are kept in localStorage. The API key lives in memory only, unless the user explicitly ticks
 * "Remember on this device" — then, and only then, it is written to localStorage too.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { DEFAULT_PRICES, DEFAULT_TIMEOUT_S, providerPreset, type PriceRow, type ProviderConfig } from '@/core/vlm/providers';

export const PROVIDER_STORAGE_KEY = 'anomaly-workbench:provider';

interface ProviderState {
  config: ProviderConfig;
  apiKey: string;
  rememberKey: boolean;
  prices: PriceRow[];
  setConfig: (patch: Partial<ProviderConfig>) => void;
  /** Switches preset and fills its base URL and default model. */
  choosePreset: (presetId: string) => void;
  setApiKey: (key: string) => void;
  setRememberKey: (remember: boolean) => void;
  setPrices: (prices: PriceRow[]) => void;
}

const initialPreset = providerPreset('openai');

export const useProviderStore = create<ProviderState>()(
  persist(
    (set) => ({
      config: { presetId: initialPreset.id, baseURL: initialPreset.baseURL, model: initialPreset.defaultModel, timeoutS: DEFAULT_TIMEOUT_S },
      apiKey: '',
      rememberKey: false,
      prices: DEFAULT_PRICES,
      setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
      choosePreset: (presetId) =>
        set((s) => {
          const p = providerPreset(presetId);
          return { config: { ...s.config, presetId: p.id, baseURL: p.baseURL, model: p.defaultModel, caps: undefined } };
        }),
      setApiKey: (apiKey) => set({ apiKey: apiKey.trim() }),
      setRememberKey: (rememberKey) => set({ rememberKey }),
      setPrices: (prices) => set({ prices }),
    }),
    {
      name: PROVIDER_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // The key is written only when remembered; unticking rewrites the entry without it.
      partialize: (s) => ({ config: s.config, rememberKey: s.rememberKey, prices: s.prices, ...(s.rememberKey && s.apiKey ? { apiKey: s.apiKey } : {}) }),
    },
  ),
);
