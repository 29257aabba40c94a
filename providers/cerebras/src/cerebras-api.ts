import { z } from 'zod';

// GET https://api.cerebras.ai/public/v1/models (public; private to this package).

const Price = z.union([z.string(), z.number()]).nullish();

export const CerebrasModel = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  description: z.string().nullish(),
  hugging_face_id: z.string().nullish(),
  created: z.number().nullish(),
  pricing: z.looseObject({ prompt: Price, completion: Price }).nullish(),
  capabilities: z
    .looseObject({
      function_calling: z.boolean().nullish(),
      structured_outputs: z.boolean().nullish(),
      vision: z.boolean().nullish(),
      reasoning: z.boolean().nullish(),
    })
    .nullish(),
  limits: z
    .looseObject({ max_context_length: z.number().nullish(), max_completion_tokens: z.number().nullish() })
    .nullish(),
  deprecated: z.union([z.boolean(), z.string()]).nullish(),
  preview: z.boolean().nullish(),
  quantization: z.string().nullish(),
});
export type CerebrasModel = z.output<typeof CerebrasModel>;

export const CerebrasModelList = z.looseObject({ data: z.array(z.unknown()) });
