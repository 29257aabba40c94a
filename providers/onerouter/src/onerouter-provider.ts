import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type OneRouterSettings = ProviderSettings;

/** OneRouter (Infron AI): OpenAI-compatible model list. */
export const createOneRouter = defineProvider<OneRouterSettings>({
  slug: 'onerouter',
  displayName: 'OneRouter (Infron AI)',
  tier: 'low',
  docsUrl: 'https://docs.onerouter.pro',
  auth: { kind: 'header', envVar: 'ONEROUTER_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://llm.onerouter.pro/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads ONEROUTER_API_KEY when it fetches. */
export const oneRouter = /* @__PURE__ */ createOneRouter();
