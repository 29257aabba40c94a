import { z } from 'zod';

// GET https://cloud-api.near.ai/v1/models (public; private to this package).

const Price = z.union([z.string(), z.number()]).nullish();

export const NearModel = z.looseObject({
  id: z.string().min(1),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
  name: z.string().nullish(),
  hugging_face_id: z.string().nullish(),
  context_length: z.number().nullish(),
  max_output_length: z.number().nullish(),
  input_modalities: z.array(z.string()).nullish(),
  output_modalities: z.array(z.string()).nullish(),
  supported_features: z.array(z.string()).nullish(),
  deprecation_date: z.union([z.string(), z.number()]).nullish(),
  pricing: z
    .looseObject({ input: Price, output: Price, prompt: Price, completion: Price, image: Price, request: Price })
    .nullish(),
});
export type NearModel = z.output<typeof NearModel>;
