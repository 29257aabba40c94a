import type { FetchModelsResult, Modality, ModelKind, ProviderSettings } from '@catalog/provider-contract';
import {
  collectPages,
  defineProvider,
  mapEntries,
  nonEmpty,
  parseEnvelope,
  type ModelDraft,
} from '@catalog/provider-utils';
import bundledCatalog from './fal-catalog.json' with { type: 'json' };
import { FalModel, FalModelPage } from './fal-api.ts';

export type FalSettings = ProviderSettings;

const CATEGORIES: Record<string, { kind: ModelKind; input: Modality[]; output: Modality[] }> = {
  'text-to-image': { kind: 'image', input: ['text'], output: ['image'] },
  'image-to-image': { kind: 'image', input: ['text', 'image'], output: ['image'] },
  'text-to-video': { kind: 'video', input: ['text'], output: ['video'] },
  'image-to-video': { kind: 'video', input: ['text', 'image'], output: ['video'] },
  'video-to-video': { kind: 'video', input: ['text', 'video'], output: ['video'] },
  'text-to-speech': { kind: 'speech', input: ['text'], output: ['audio'] },
  'speech-to-text': { kind: 'transcription', input: ['audio'], output: ['text'] },
  'text-to-audio': { kind: 'audio', input: ['text'], output: ['audio'] },
  llm: { kind: 'chat', input: ['text'], output: ['text'] },
  'vision-language': { kind: 'chat', input: ['text', 'image'], output: ['text'] },
};

/**
 * fal.ai: generative media endpoints (image, video, audio), cursor-paged, no token prices. Ships
 * a curated catalog (`bundledModels`) served while the API has never answered.
 */
export const createFal = defineProvider<FalSettings>({
  slug: 'fal',
  displayName: 'fal.ai',
  tier: 'medium',
  docsUrl: 'https://docs.fal.ai/platform-apis/v1/models',
  auth: { kind: 'header', envVar: 'FAL_KEY', header: 'authorization', scheme: 'Key', required: false },
  defaultBaseURL: 'https://api.fal.ai/v1',
  async fetchModels(ctx) {
    const entries = await collectPages<unknown>({
      provider: ctx.provider,
      url: '/models',
      fetchPage: async (cursor) => {
        const response = await ctx.http.getJson('/models', {
          query: { limit: 100, status: 'active', cursor: typeof cursor === 'string' ? cursor : undefined },
        });
        const page = parseEnvelope(ctx.provider, response, FalModelPage, '{ models: [...], next_cursor, has_more }');
        return { items: page.models, next: page.has_more ? (page.next_cursor ?? undefined) : undefined };
      },
    });
    return mapEntries(ctx.provider, entries, FalModel, toModel);
  },
  bundledModels: (): FetchModelsResult => mapEntries('fal', bundledCatalog.models, FalModel, toModel),
});

function toModel(entry: FalModel): ModelDraft | undefined {
  const meta = entry.metadata;
  if (meta?.status && meta.status !== 'active') return undefined;
  const category = meta?.category ? CATEGORIES[meta.category] : undefined;
  return {
    id: entry.endpoint_id,
    canonicalId: entry.endpoint_id.toLowerCase(),
    name: nonEmpty(meta?.display_name),
    description: nonEmpty(meta?.description),
    kind: category?.kind ?? (meta?.category ? 'other' : undefined),
    inputModalities: category?.input,
    outputModalities: category?.output,
  };
}

/** The default instance: FAL_KEY is optional for the list. */
export const fal = /* @__PURE__ */ createFal();
