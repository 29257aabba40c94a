import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type CanopyWaveSettings = ProviderSettings;

/** Canopy Wave: OpenAI-compatible model list. */
export const createCanopyWave = defineProvider<CanopyWaveSettings>({
  slug: 'canopywave',
  displayName: 'Canopy Wave',
  tier: 'low',
  docsUrl: 'https://canopywave.com/docs',
  auth: { kind: 'header', envVar: 'CANOPYWAVE_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://inference.canopywave.io/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads CANOPYWAVE_API_KEY when it fetches. */
export const canopyWave = /* @__PURE__ */ createCanopyWave();
