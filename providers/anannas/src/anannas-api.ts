import { z } from 'zod';

// GET https://api.anannas.ai/v1/models (private to this package).

const Price = z.union([z.string(), z.number()]).nullish();

export const AnannasModel = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  provider: z.string().nullish(),
  description: z.string().nullish(),
  created: z.number().nullish(),
  context_length: z.number().nullish(),
  pricing: z.looseObject({ prompt: Price, completion: Price, request: Price }).nullish(),
  capabilities: z.array(z.string()).nullish(),
});
export type AnannasModel = z.output<typeof AnannasModel>;
