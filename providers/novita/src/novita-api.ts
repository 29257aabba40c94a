import { z } from 'zod';

// GET https://api.novita.ai/openai/v1/models (private to this package).

export const NovitaModel = z.looseObject({
  id: z.string().min(1),
  object: z.string().nullish(),
  created: z.number().nullish(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  context_size: z.number().nullish(),
  max_output_tokens: z.number().nullish(),
  input_token_price_per_m: z.number().nullish(),
  output_token_price_per_m: z.number().nullish(),
  model_type: z.string().nullish(),
  features: z.array(z.string()).nullish(),
  input_modalities: z.array(z.string()).nullish(),
  output_modalities: z.array(z.string()).nullish(),
  status: z.number().nullish(),
});
export type NovitaModel = z.output<typeof NovitaModel>;
