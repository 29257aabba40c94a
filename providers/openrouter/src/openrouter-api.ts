import { z } from 'zod';

// The documented shape of GET https://openrouter.ai/api/v1/models (private to this package).

const Price = z.union([z.string(), z.number()]).nullish();

export const OpenRouterModel = z.looseObject({
  id: z.string().min(1),
  canonical_slug: z.string().nullish(),
  name: z.string().nullish(),
  created: z.number().nullish(),
  description: z.string().nullish(),
  context_length: z.number().nullish(),
  architecture: z
    .looseObject({
      modality: z.string().nullish(),
      input_modalities: z.array(z.string()).nullish(),
      output_modalities: z.array(z.string()).nullish(),
    })
    .nullish(),
  pricing: z
    .looseObject({
      prompt: Price,
      completion: Price,
      request: Price,
      image: Price,
      input_cache_read: Price,
      input_cache_write: Price,
    })
    .nullish(),
  top_provider: z
    .looseObject({ context_length: z.number().nullish(), max_completion_tokens: z.number().nullish() })
    .nullish(),
  supported_parameters: z.array(z.string()).nullish(),
  expiration_date: z.string().nullish(),
});
export type OpenRouterModel = z.output<typeof OpenRouterModel>;

export const OpenRouterModelList = z.looseObject({
  data: z.array(z.unknown()),
  links: z.looseObject({ next: z.string().nullish() }).nullish(),
});
