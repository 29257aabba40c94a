import type { Modality, ModelKind, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  collectPages,
  defineProvider,
  mapEntries,
  nextLinkFromHeader,
  parseEnvelope,
  toIsoTimestamp,
  type ModelDraft,
} from '@catalog/provider-utils';
import { HubModel, HubModelList } from './huggingface-hub-api.ts';

export interface HuggingFaceHubSettings extends ProviderSettings {
  /** Pipeline tags to list (default text-generation and image-text-to-text). */
  pipelineTags?: string[];
  /** Only models served by this inference provider ("all" = by any; default "all"). */
  inferenceProvider?: string;
  /** Page size (default 1000, the Hub's maximum). */
  pageSize?: number;
}

const PIPELINES: Record<string, { kind: ModelKind; input: Modality[]; output: Modality[] }> = {
  'text-generation': { kind: 'chat', input: ['text'], output: ['text'] },
  'image-text-to-text': { kind: 'chat', input: ['text', 'image'], output: ['text'] },
  'feature-extraction': { kind: 'embedding', input: ['text'], output: ['embedding'] },
  'sentence-similarity': { kind: 'embedding', input: ['text'], output: ['embedding'] },
  'text-to-image': { kind: 'image', input: ['text'], output: ['image'] },
  'automatic-speech-recognition': { kind: 'transcription', input: ['audio'], output: ['text'] },
  'text-to-speech': { kind: 'speech', input: ['text'], output: ['audio'] },
  'text-to-video': { kind: 'video', input: ['text'], output: ['video'] },
};

/** The Hugging Face Hub model listing (models with inference providers), paged by the Link header. */
export const createHuggingFaceHub = defineProvider<HuggingFaceHubSettings>({
  slug: 'huggingface-hub',
  displayName: 'Hugging Face Hub',
  tier: 'medium',
  docsUrl: 'https://huggingface.co/docs/hub/api#get-apimodels',
  auth: { kind: 'header', envVar: 'HF_TOKEN', header: 'authorization', scheme: 'Bearer', required: false },
  defaultBaseURL: 'https://huggingface.co/api',
  async fetchModels(ctx, settings) {
    const entries: unknown[] = [];
    for (const pipeline of settings.pipelineTags ?? ['text-generation', 'image-text-to-text']) {
      entries.push(
        ...(await collectPages<unknown>({
          provider: ctx.provider,
          url: '/models',
          fetchPage: async (next) => {
            const response =
              typeof next === 'string'
                ? await ctx.http.getJson(next)
                : await ctx.http.getJson('/models', {
                    query: {
                      inference_provider: settings.inferenceProvider ?? 'all',
                      pipeline_tag: pipeline,
                      limit: settings.pageSize ?? 1000,
                    },
                  });
            const items = parseEnvelope(ctx.provider, response, HubModelList, 'a JSON array of models');
            return { items, next: nextLinkFromHeader(response.headers.link) };
          },
        })),
      );
    }
    return mapEntries(ctx.provider, entries, HubModel, toModel);
  },
});

function toModel(entry: HubModel): ModelDraft | undefined {
  if (entry.private) return undefined;
  const pipeline = entry.pipeline_tag ? PIPELINES[entry.pipeline_tag] : undefined;
  return {
    id: entry.id,
    canonicalId: canonicalModelId(entry.id),
    kind: pipeline?.kind ?? (entry.pipeline_tag ? 'other' : undefined),
    inputModalities: pipeline?.input,
    outputModalities: pipeline?.output,
    capabilities: pipeline?.input.includes('image') ? { vision: true } : undefined,
    created: toIsoTimestamp(entry.createdAt),
  };
}

/** The default instance: HF_TOKEN is optional (anonymous calls are rate-limited harder). */
export const huggingFaceHub = /* @__PURE__ */ createHuggingFaceHub();
