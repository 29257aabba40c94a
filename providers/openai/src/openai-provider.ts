import type { ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  defineProvider,
  fetchOpenAICompatibleList,
  kindFromModelId,
  toIsoTimestamp,
  type OpenAIModelEntry,
  type ModelDraft,
} from '@catalog/provider-utils';

export type OpenAISettings = ProviderSettings;

/** OpenAI: the plain model list (ids, owners, creation dates); no context or prices in the API. */
export const createOpenAI = defineProvider<OpenAISettings>({
  slug: 'openai',
  displayName: 'OpenAI',
  tier: 'medium',
  docsUrl: 'https://platform.openai.com/docs/api-reference/models/list',
  auth: { kind: 'header', envVar: 'OPENAI_API_KEY', header: 'authorization', scheme: 'Bearer', required: true },
  defaultBaseURL: 'https://api.openai.com/v1',
  fetchModels: (ctx) => fetchOpenAICompatibleList(ctx, { toModel }),
});

function toModel(entry: OpenAIModelEntry): ModelDraft {
  const { kind, inputModalities, outputModalities } = kindFromModelId(entry.id);
  // Fine-tunes are "ft:<base>:<org>::<id>"; they belong to the organisation, not to openai/<base>.
  const fineTune = entry.id.startsWith('ft:');
  return {
    id: entry.id,
    canonicalId: fineTune
      ? `${(entry.owned_by ?? 'user').toLowerCase()}/${entry.id.toLowerCase()}`
      : canonicalModelId(entry.id, { author: 'openai' }),
    kind,
    inputModalities,
    outputModalities,
    created: toIsoTimestamp(entry.created),
  };
}

/** The default instance: reads OPENAI_API_KEY when it fetches. */
export const openai = /* @__PURE__ */ createOpenAI();
