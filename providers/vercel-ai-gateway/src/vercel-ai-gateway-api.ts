import { z } from 'zod';

// GET https://ai-gateway.vercel.sh/v1/models (public; private to this package).

const Price = z.union([z.string(), z.number()]).nullish();

export const VercelModel = z.looseObject({
  id: z.string().min(1),
  created: z.number().nullish(),
  released: z.number().nullish(),
  owned_by: z.string().nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  context_window: z.number().nullish(),
  max_tokens: z.number().nullish(),
  type: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  pricing: z
    .looseObject({ input: Price, output: Price, input_cache_read: Price, input_cache_write: Price, image: Price })
    .nullish(),
});
export type VercelModel = z.output<typeof VercelModel>;
