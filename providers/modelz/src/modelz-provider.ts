import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type ModelzSettings = ProviderSettings;

/** ModelZ: OpenAI-compatible model list. */
export const createModelz = defineProvider<ModelzSettings>({
  slug: 'modelz',
  displayName: 'ModelZ',
  tier: 'low',
  docsUrl: 'https://docs.modelz.ai',
  auth: { kind: 'none' },
  defaultBaseURL: 'https://backend.alpacanetwork.ai/api',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance. */
export const modelz = /* @__PURE__ */ createModelz();
