import { z } from 'zod';

// GET https://llm.chutes.ai/v1/models (public; private to this package).

const Price = z.union([z.string(), z.number()]).nullish();

export const ChutesModel = z.looseObject({
  id: z.string().min(1),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
  root: z.string().nullish(),
  context_length: z.number().nullish(),
  max_model_len: z.number().nullish(),
  max_output_length: z.number().nullish(),
  input_modalities: z.array(z.string()).nullish(),
  output_modalities: z.array(z.string()).nullish(),
  supported_features: z.array(z.string()).nullish(),
  quantization: z.string().nullish(),
  confidential_compute: z.boolean().nullish(),
  pricing: z.looseObject({ prompt: Price, completion: Price, input_cache_read: Price }).nullish(),
});
export type ChutesModel = z.output<typeof ChutesModel>;
