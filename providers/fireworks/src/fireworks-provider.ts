import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type FireworksSettings = ProviderSettings;

/** Fireworks AI: OpenAI-compatible model list. */
export const createFireworks = defineProvider<FireworksSettings>({
  slug: 'fireworks',
  displayName: 'Fireworks AI',
  tier: 'high',
  docsUrl: 'https://docs.fireworks.ai/api-reference/list-models',
  auth: { kind: 'header', envVar: 'FIREWORKS_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.fireworks.ai',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads FIREWORKS_API_KEY when it fetches. */
export const fireworks = /* @__PURE__ */ createFireworks();
