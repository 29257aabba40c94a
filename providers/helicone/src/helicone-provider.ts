import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type HeliconeSettings = ProviderSettings;

/** Helicone: OpenAI-compatible model list. */
export const createHelicone = defineProvider<HeliconeSettings>({
  slug: 'helicone',
  displayName: 'Helicone',
  tier: 'low',
  docsUrl: 'https://docs.helicone.ai/gateway/overview',
  auth: { kind: 'none' },
  defaultBaseURL: 'https://api.helicone.ai',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance. */
export const helicone = /* @__PURE__ */ createHelicone();
