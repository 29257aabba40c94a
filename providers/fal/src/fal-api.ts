import { z } from 'zod';

// GET https://api.fal.ai/v1/models?limit=&cursor=&status=active (private to this package).

export const FalModel = z.looseObject({
  endpoint_id: z.string().min(1),
  metadata: z
    .looseObject({
      display_name: z.string().nullish(),
      category: z.string().nullish(),
      description: z.string().nullish(),
      status: z.string().nullish(),
      tags: z.array(z.string()).nullish(),
      updated_at: z.string().nullish(),
      model_url: z.string().nullish(),
    })
    .nullish(),
});
export type FalModel = z.output<typeof FalModel>;

export const FalModelPage = z.looseObject({
  models: z.array(z.unknown()),
  next_cursor: z.string().nullish(),
  has_more: z.boolean().nullish(),
});
