import { z } from 'zod';

// GET https://api.helicone.ai/v1/public/model-registry/models (public; note the double `data`). Private.

const Price = z.union([z.string(), z.number()]).nullish();

export const HeliconeEndpoint = z.looseObject({
  provider: z.string().nullish(),
  providerSlug: z.string().nullish(),
  pricing: z.looseObject({ prompt: Price, completion: Price, cacheRead: Price, cacheWrite: Price }).nullish(),
});

export const HeliconeModel = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  author: z.string().nullish(),
  contextLength: z.number().nullish(),
  maxOutput: z.number().nullish(),
  description: z.string().nullish(),
  inputModalities: z.array(z.string()).nullish(),
  outputModalities: z.array(z.string()).nullish(),
  supportedParameters: z.array(z.string()).nullish(),
  endpoints: z.array(HeliconeEndpoint).nullish(),
});
export type HeliconeModel = z.output<typeof HeliconeModel>;

export const HeliconeRegistry = z.looseObject({
  data: z.looseObject({ models: z.array(z.unknown()), total: z.number().nullish() }),
});
