import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type HuggingFaceSettings = ProviderSettings;

/** Hugging Face Inference Providers: OpenAI-compatible model list. */
export const createHuggingFace = defineProvider<HuggingFaceSettings>({
  slug: 'huggingface',
  displayName: 'Hugging Face Inference Providers',
  tier: 'medium',
  docsUrl: 'https://huggingface.co/docs/inference-providers/index',
  auth: { kind: 'header', envVar: 'HF_TOKEN', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://router.huggingface.co/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads HF_TOKEN when it fetches. */
export const huggingFace = /* @__PURE__ */ createHuggingFace();
