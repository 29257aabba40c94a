import { z } from 'zod';

// GET https://beta.aimo.network/api/v1/models (private to this package; shape inferred, see README).

const Price = z.union([z.string(), z.number()]).nullish();

export const AimoModel = z.looseObject({
  name: z.string().min(1),
  display_name: z.string().nullish(),
  canonical_slug: z.string().nullish(),
  created: z.number().nullish(),
  context_length: z.number().nullish(),
  architecture: z
    .looseObject({ input_modalities: z.array(z.string()).nullish(), output_modalities: z.array(z.string()).nullish() })
    .nullish(),
  providers: z
    .array(
      z.looseObject({
        id: z.string().nullish(),
        name: z.string().nullish(),
        pricing: z.looseObject({ prompt: Price, completion: Price }).nullish(),
      }),
    )
    .nullish(),
});
export type AimoModel = z.output<typeof AimoModel>;
