import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type HuggingFaceHubSettings = ProviderSettings;

/** Hugging Face Hub: OpenAI-compatible model list. */
export const createHuggingFaceHub = defineProvider<HuggingFaceHubSettings>({
  slug: 'huggingface-hub',
  displayName: 'Hugging Face Hub',
  tier: 'medium',
  docsUrl: 'https://huggingface.co/docs/hub/api#get-apimodels',
  auth: { kind: 'header', envVar: 'HF_TOKEN', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://huggingface.co/api',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads HF_TOKEN when it fetches. */
export const huggingFaceHub = /* @__PURE__ */ createHuggingFaceHub();
