import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  fetchOpenAICompatibleList,
  kindFromModelId,
  toIsoTimestamp,
  type ModelDraft,
  type OpenAIModelEntry,
} from '@catalog/provider-utils';

export type ClarifaiSettings = ProviderSettings;

/**
 * Clarifai: the OpenAI-compatible list. Ids are model URLs or paths
 * (`https://clarifai.com/<user>/<app>/models/<model>`); `Authorization: Key <PAT>`.
 */
export const createClarifai = defineProvider<ClarifaiSettings>({
  slug: 'clarifai',
  displayName: 'Clarifai',
  tier: 'medium',
  docsUrl: 'https://docs.clarifai.com/compute/inference/open-ai',
  auth: { kind: 'header', envVar: 'CLARIFAI_PAT', header: 'authorization', scheme: 'Key', required: true },
  defaultBaseURL: 'https://api.clarifai.com/v2/ext/openai/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { acceptBareArray: true, toModel }),
});

function toModel(entry: OpenAIModelEntry): ModelDraft {
  // canonicalModelId reads Clarifai's URLs and paths (<user>/<app>/models/<model>): the user is the author.
  const canonicalId = canonicalModelId(entry.id);
  const { kind, inputModalities, outputModalities } = kindFromModelId(canonicalId);
  return {
    id: entry.id,
    canonicalId,
    kind,
    inputModalities,
    outputModalities,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads CLARIFAI_PAT when it fetches. */
export const clarifai = /* @__PURE__ */ createClarifai();
