import { z } from 'zod';

// GET https://llm.onerouter.pro/v1/models: an OpenAI list; OpenRouter-style extras are read when present.

const Price = z.union([z.string(), z.number()]).nullish();

export const OneRouterModel = z.looseObject({
  id: z.string().min(1),
  object: z.string().nullish(),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
  name: z.string().nullish(),
  context_length: z.number().nullish(),
  pricing: z.looseObject({ prompt: Price, completion: Price }).nullish(),
});
export type OneRouterModel = z.output<typeof OneRouterModel>;
