import type { ProviderSettings } from '@catalog/provider-contract';
import { defineProvider, fetchOpenAICompatibleList } from '@catalog/provider-utils';

export type ClarifaiSettings = ProviderSettings;

/** Clarifai: OpenAI-compatible model list. */
export const createClarifai = defineProvider<ClarifaiSettings>({
  slug: 'clarifai',
  displayName: 'Clarifai',
  tier: 'medium',
  docsUrl: 'https://docs.clarifai.com/compute/inference/open-ai',
  auth: { kind: 'header', envVar: 'CLARIFAI_PAT', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.clarifai.com/v2/ext/openai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { path: '/models' }),
});

/** The default instance: reads CLARIFAI_PAT when it fetches. */
export const clarifai = /* @__PURE__ */ createClarifai();
