import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type NearSettings = ProviderSettings;

/** NEAR AI Cloud: OpenAI-compatible model list. */
export const createNear = defineProvider<NearSettings>({
  slug: 'near',
  displayName: 'NEAR AI Cloud',
  tier: 'medium',
  docsUrl: 'https://docs.near.ai/cloud/',
  auth: { kind: 'header', envVar: 'NEARAI_API_KEY', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://cloud-api.near.ai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads NEARAI_API_KEY when it fetches. */
export const near = /* @__PURE__ */ createNear();
