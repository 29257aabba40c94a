import { z } from 'zod';

// Gemini API: GET https://generativelanguage.googleapis.com/v1beta/models?pageSize=&pageToken=
export const GeminiModel = z.looseObject({
  name: z.string().min(1),
  baseModelId: z.string().nullish(),
  version: z.string().nullish(),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  inputTokenLimit: z.number().nullish(),
  outputTokenLimit: z.number().nullish(),
  supportedGenerationMethods: z.array(z.string()).nullish(),
  thinking: z.boolean().nullish(),
});
export type GeminiModel = z.output<typeof GeminiModel>;
export const GeminiModelPage = z.looseObject({ models: z.array(z.unknown()), nextPageToken: z.string().nullish() });

// Vertex AI: GET https://{location}-aiplatform.googleapis.com/v1beta1/publishers/google/models
export const VertexPublisherModel = z.looseObject({
  name: z.string().min(1),
  versionId: z.string().nullish(),
  openSourceCategory: z.string().nullish(),
  /** EXPERIMENTAL, PRIVATE_PREVIEW, PUBLIC_PREVIEW, GA, DEPRECATED. */
  launchStage: z.string().nullish(),
  versionState: z.string().nullish(),
  publisherModelTemplate: z.string().nullish(),
});
export type VertexPublisherModel = z.output<typeof VertexPublisherModel>;
export const VertexModelPage = z.looseObject({
  publisherModels: z.array(z.unknown()),
  nextPageToken: z.string().nullish(),
});

// A service account key file (GOOGLE_APPLICATION_CREDENTIALS).
export const ServiceAccountKey = z.looseObject({
  type: z.literal('service_account'),
  project_id: z.string().min(1),
  private_key_id: z.string().nullish(),
  private_key: z.string().min(1),
  client_email: z.string().min(1),
  token_uri: z.string().url().nullish(),
});
export type ServiceAccountKey = z.output<typeof ServiceAccountKey>;

export const TokenResponse = z.looseObject({ access_token: z.string().min(1), expires_in: z.number().positive() });
