import { z } from 'zod';

// GET https://api.mor.org/api/v1/models (public; active models only). Private to this package.

export const MorpheusModel = z.looseObject({
  id: z.string().min(1),
  blockchainID: z.string().nullish(),
  created: z.number().nullish(),
  tags: z.array(z.string()).nullish(),
  modelType: z.string().nullish(),
});
export type MorpheusModel = z.output<typeof MorpheusModel>;

export const MorpheusModelList = z.looseObject({ object: z.string().nullish(), data: z.array(z.unknown()) });
