import { z } from 'zod';

// GET https://api.featherless.ai/v1/models?per_page=&page= (private to this package).

export const FeatherlessModel = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  model_class: z.string().nullish(),
  context_length: z.number().nullish(),
  max_completion_tokens: z.number().nullish(),
  is_gated: z.boolean().nullish(),
  available_on_current_plan: z.boolean().nullish(),
  created: z.number().nullish(),
});
export type FeatherlessModel = z.output<typeof FeatherlessModel>;

export const FeatherlessPage = z.looseObject({
  data: z.array(z.unknown()),
  pagination: z
    .looseObject({ current_page: z.number(), total_pages: z.number(), total_items: z.number().nullish() })
    .nullish(),
});
