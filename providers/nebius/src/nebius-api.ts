import { z } from 'zod';

// GET https://api.tokenfactory.nebius.com/v1/models?verbose=true (private to this package).

const Price = z.union([z.string(), z.number()]).nullish();

export const NebiusModel = z.looseObject({
  id: z.string().min(1),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  context_length: z.number().nullish(),
  architecture: z.looseObject({ modality: z.string().nullish() }).nullish(),
  pricing: z.looseObject({ prompt: Price, completion: Price }).nullish(),
  supported_features: z.array(z.string()).nullish(),
});
export type NebiusModel = z.output<typeof NebiusModel>;
