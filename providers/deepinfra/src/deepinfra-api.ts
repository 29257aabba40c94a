import { z } from 'zod';

// GET https://api.deepinfra.com/models/list: a bare array (public; private to this package).

export const DeepInfraModel = z.looseObject({
  model_name: z.string().min(1),
  type: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  description: z.string().nullish(),
  max_tokens: z.number().nullish(),
  pricing: z
    .looseObject({
      type: z.string().nullish(),
      cents_per_input_token: z.number().nullish(),
      cents_per_output_token: z.number().nullish(),
      rate_per_input_token_cached: z.number().nullish(),
      cents_per_image_unit: z.number().nullish(),
      cents_per_sec: z.number().nullish(),
    })
    .nullish(),
  deprecated: z.number().nullish(),
  replaced_by: z.string().nullish(),
});
export type DeepInfraModel = z.output<typeof DeepInfraModel>;

export const DeepInfraModelList = z.array(z.unknown());
