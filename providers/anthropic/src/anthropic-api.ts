import { z } from 'zod';

// GET https://api.anthropic.com/v1/models?limit=&after_id= (private to this package).

export const AnthropicModel = z.looseObject({
  type: z.string().nullish(),
  id: z.string().min(1),
  display_name: z.string().nullish(),
  created_at: z.string().nullish(),
  max_input_tokens: z.number().nullish(),
  max_tokens: z.number().nullish(),
});
export type AnthropicModel = z.output<typeof AnthropicModel>;

export const AnthropicModelPage = z.looseObject({
  data: z.array(z.unknown()),
  has_more: z.boolean(),
  first_id: z.string().nullish(),
  last_id: z.string().nullish(),
});
