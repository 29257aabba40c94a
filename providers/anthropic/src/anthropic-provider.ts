import type { Modality, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  collectPages,
  defineProvider,
  kindFromModelId,
  mapEntries,
  nonEmpty,
  parseEnvelope,
  positiveInt,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { AnthropicModel, AnthropicModelPage } from './anthropic-api.ts';

export interface AnthropicSettings extends ProviderSettings {
  /** The `anthropic-version` header (default "2023-06-01"). */
  apiVersion?: string;
}

/** Anthropic: newest-first model list, paged with after_id/has_more; no prices in the API. */
export const createAnthropic = defineProvider<AnthropicSettings>({
  slug: 'anthropic',
  displayName: 'Anthropic',
  tier: 'medium',
  docsUrl: 'https://docs.anthropic.com/en/api/models-list',
  auth: { kind: 'header', envVar: 'ANTHROPIC_API_KEY', header: 'x-api-key', required: true },
  defaultBaseURL: 'https://api.anthropic.com/v1',
  async fetchModels(ctx, settings) {
    const headers = { 'anthropic-version': settings.apiVersion ?? '2023-06-01' };
    const entries = await collectPages<unknown>({
      provider: ctx.provider,
      url: '/models',
      fetchPage: async (afterId) => {
        const response = await ctx.http.getJson('/models', {
          headers,
          query: { limit: 1000, after_id: typeof afterId === 'string' ? afterId : undefined },
        });
        const page = parseEnvelope(ctx.provider, response, AnthropicModelPage, '{ data: [...], has_more, last_id }');
        return { items: page.data, next: page.has_more ? (page.last_id ?? undefined) : undefined };
      },
    });
    return mapEntries(ctx.provider, entries, AnthropicModel, toModel);
  },
});

function toModel(entry: AnthropicModel): ModelDraft {
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id, { author: 'anthropic' }),
    name: nonEmpty(entry.display_name),
    // Every model the Models API lists is a Messages API model: text in, text out at least.
    kind: 'chat',
    contextLength: positiveInt(entry.max_input_tokens),
    maxOutputTokens: positiveInt(entry.max_tokens),
    ...modalitiesOf(entry),
    created: toIsoTimestamp(entry.created_at),
  };
}

/**
 * Input modalities and capabilities from the `capabilities` the API reports (image and PDF
 * input, structured outputs, thinking). Answers without them fall back to what the model family
 * documents (provider-utils MODEL_FAMILIES: Claude 3, 3.5 Sonnet, 3.7 and 4.x take images); a
 * model the family does not settle (Claude 3.5 Haiku) gets no modalities: unknown stays absent.
 */
function modalitiesOf(
  entry: AnthropicModel,
): Pick<ModelDraft, 'inputModalities' | 'outputModalities' | 'capabilities'> {
  const caps = entry.capabilities;
  if (!caps) {
    const family = kindFromModelId(entry.id);
    return {
      inputModalities: family.inputModalities,
      outputModalities: family.outputModalities,
      capabilities: family.inputModalities?.includes('image') ? { vision: true } : undefined,
    };
  }
  const input: Modality[] = ['text'];
  if (caps.image_input?.supported) input.push('image');
  if (caps.pdf_input?.supported) input.push('file');
  return {
    inputModalities: input,
    outputModalities: ['text'],
    capabilities: {
      vision: caps.image_input?.supported,
      structuredOutput: caps.structured_outputs?.supported,
      reasoning: caps.thinking?.supported,
    },
  };
}

/** The default instance: reads ANTHROPIC_API_KEY when it fetches. */
export const anthropic = /* @__PURE__ */ createAnthropic();
