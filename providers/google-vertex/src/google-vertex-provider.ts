import type { CatalogProvider, Modality, ModelKind, ProviderSettings } from '@catalog/provider-contract';
import {
  canonicalModelId,
  collectPages,
  defineProvider,
  kindFromModelId,
  mapEntries,
  modalitiesOfKind,
  nonEmpty,
  parseEnvelope,
  positiveInt,
  type ModelDraft,
} from '@catalog/provider-utils';
import { GeminiModel, GeminiModelPage, VertexModelPage, VertexPublisherModel } from './google-vertex-api.ts';
import { AccessTokenCache, loadServiceAccount } from './service-account-token.ts';

export interface GoogleVertexSettings extends ProviderSettings {
  /** `gemini` (Gemini API key, default) or `vertex` (Vertex AI with a service account). */
  mode?: 'gemini' | 'vertex';
  /** Vertex: region (default us-central1). */
  location?: string;
  /** Vertex: project billed for the call (default: the service account's project). */
  project?: string;
  /** Vertex: the parsed service account key (default: the file GOOGLE_APPLICATION_CREDENTIALS names). */
  serviceAccount?: unknown;
  /** Models per page (default 1000 for Gemini, 100 for Vertex). */
  pageSize?: number;
}

const common = {
  slug: 'google-vertex',
  displayName: 'Google Vertex AI / Gemini',
  tier: 'medium',
  docsUrl: 'https://ai.google.dev/api/models#method:-models.list',
} as const;

/** Gemini API: models/<id>, token limits and generation methods; `x-goog-api-key`. */
const createGemini = defineProvider<GoogleVertexSettings>({
  ...common,
  auth: { kind: 'header', envVar: 'GEMINI_API_KEY', header: 'x-goog-api-key', required: true },
  defaultBaseURL: 'https://generativelanguage.googleapis.com',
  async fetchModels(ctx, settings) {
    const entries = await collectPages<unknown>({
      provider: ctx.provider,
      url: '/v1beta/models',
      fetchPage: async (pageToken) => {
        const response = await ctx.http.getJson('/v1beta/models', {
          query: {
            pageSize: settings.pageSize ?? 1000,
            pageToken: typeof pageToken === 'string' ? pageToken : undefined,
          },
        });
        const page = parseEnvelope(ctx.provider, response, GeminiModelPage, '{ models: [...], nextPageToken }');
        return { items: page.models, next: page.nextPageToken || undefined };
      },
    });
    return mapEntries(ctx.provider, entries, GeminiModel, geminiModel);
  },
});

/**
 * A Gemini API model from the fields the API returns: `supportedGenerationMethods` says what it
 * is for (embedContent: embedding; generateContent: a generative model; predict/predictLongRunning:
 * Imagen/Veo; bidiGenerateContent alone: a Live API model), the name says which generative
 * model (`-tts`: speech, `-image`: native image generation), and the model family what it takes
 * in (provider-utils MODEL_FAMILIES: Gemini 1.5+ takes text, images, audio, video and PDFs).
 * What neither settles stays absent (a Live model's modalities, an unknown family's inputs).
 */
function geminiModel(entry: GeminiModel): ModelDraft {
  const id = entry.name.replace(/^models\//, '');
  const methods = new Set(entry.supportedGenerationMethods ?? []);
  const byName = kindFromModelId(id);
  let kind: ModelKind | undefined;
  let input: Modality[] | undefined;
  let output: Modality[] | undefined;
  if (methods.has('embedContent') || methods.has('embedText')) {
    kind = 'embedding';
  } else if (methods.has('generateContent')) {
    kind = byName.kind ?? 'chat';
    if (kind === 'image') {
      // Native image generation answers with text and images, and edits images it is given.
      input = ['text', 'image'];
      output = ['text', 'image'];
    } else {
      input = byName.inputModalities;
      output = byName.outputModalities;
    }
  } else if (methods.has('predict') && byName.kind === 'image') {
    kind = 'image';
  } else if (methods.has('predictLongRunning') && byName.kind === 'video') {
    kind = 'video';
  } else if (methods.size > 0) {
    kind = 'other';
  }
  input ??= kind && kind !== 'chat' && kind !== 'other' ? modalitiesOfKind(kind)?.input : undefined;
  output ??= kind && kind !== 'chat' && kind !== 'other' ? modalitiesOfKind(kind)?.output : undefined;
  return {
    id,
    canonicalId: canonicalModelId(id, { author: 'google' }),
    name: nonEmpty(entry.displayName),
    description: nonEmpty(entry.description),
    kind,
    contextLength: positiveInt(entry.inputTokenLimit),
    maxOutputTokens: kind === 'embedding' ? undefined : positiveInt(entry.outputTokenLimit),
    inputModalities: input,
    outputModalities: output,
    capabilities: {
      vision: input?.includes('image') ? true : undefined,
      reasoning: typeof entry.thinking === 'boolean' ? entry.thinking : undefined,
    },
  };
}

/** Vertex AI publisher models, with an OAuth bearer from a service account and the billed project. */
function createVertex(settings: GoogleVertexSettings): CatalogProvider {
  const tokens = new AccessTokenCache();
  const location = settings.location ?? 'us-central1';
  if (!/^[a-z0-9-]+$/.test(location))
    throw new RangeError(`google-vertex: location "${location}" is not a region name`);
  return defineProvider<GoogleVertexSettings>({
    ...common,
    auth: {
      kind: 'custom',
      envVar: 'GOOGLE_APPLICATION_CREDENTIALS',
      required: settings.serviceAccount === undefined,
      description: 'OAuth2 access token from a service account key (file path in GOOGLE_APPLICATION_CREDENTIALS)',
    },
    defaultBaseURL: `https://${location}-aiplatform.googleapis.com`,
    async customAuthHeaders({ apiKey, settings: s, http }) {
      const account = loadServiceAccount('google-vertex', s.serviceAccount, apiKey);
      const token = await tokens.get('google-vertex', account, http);
      return { authorization: `Bearer ${token}`, 'x-goog-user-project': s.project ?? account.project_id };
    },
    async fetchModels(ctx, s) {
      const path = '/v1beta1/publishers/google/models';
      const entries = await collectPages<unknown>({
        provider: ctx.provider,
        url: path,
        fetchPage: async (pageToken) => {
          const response = await ctx.http.getJson(path, {
            query: { pageSize: s.pageSize ?? 100, pageToken: typeof pageToken === 'string' ? pageToken : undefined },
          });
          const page = parseEnvelope(
            ctx.provider,
            response,
            VertexModelPage,
            '{ publisherModels: [...], nextPageToken }',
          );
          return { items: page.publisherModels, next: page.nextPageToken || undefined };
        },
      });
      return mapEntries(ctx.provider, entries, VertexPublisherModel, vertexModel);
    },
  })(settings);
}

/**
 * A Vertex publisher model. The BASIC view gives only the name and launch stage: the kind and
 * modalities come from the name (kindFromModelId), deprecated models are skipped.
 */
function vertexModel(entry: VertexPublisherModel): ModelDraft | undefined {
  if (entry.launchStage === 'DEPRECATED') return undefined;
  const id = entry.name.replace(/^publishers\/google\/models\//, '');
  const { kind, inputModalities, outputModalities } = kindFromModelId(id);
  return {
    id,
    canonicalId: canonicalModelId(entry.name),
    kind,
    inputModalities,
    outputModalities,
    capabilities: inputModalities?.includes('image') ? { vision: true } : undefined,
  };
}

/**
 * Google models through the Gemini API (an API key) or Vertex AI (a service account). Both list
 * the same Google models; pick the one your gateway calls.
 */
export function createGoogleVertex(settings: GoogleVertexSettings = {}): CatalogProvider {
  return (settings.mode ?? 'gemini') === 'vertex' ? createVertex(settings) : createGemini(settings);
}

/** The default instance (Gemini API): reads GEMINI_API_KEY when it fetches. */
export const googleVertex = /* @__PURE__ */ createGoogleVertex();
