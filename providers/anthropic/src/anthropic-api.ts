import { z } from 'zod';

// GET https://api.anthropic.com/v1/models?limit=&after_id= (private to this package).

const Support = z.looseObject({ supported: z.boolean() }).nullish();

/** What the model supports, as the API reports it (null or absent on older answers). */
const AnthropicCapabilities = z.looseObject({
  image_input: Support,
  pdf_input: Support,
  structured_outputs: Support,
  thinking: Support,
});

export const AnthropicModel = z.looseObject({
  type: z.string().nullish(),
  id: z.string().min(1),
  display_name: z.string().nullish(),
  created_at: z.string().nullish(),
  max_input_tokens: z.number().nullish(),
  max_tokens: z.number().nullish(),
  /** The model line (haiku, sonnet, opus, …); null for fine-tunes. */
  line: z.string().nullish(),
  capabilities: AnthropicCapabilities.nullish(),
});
export type AnthropicModel = z.output<typeof AnthropicModel>;

export const AnthropicModelPage = z.looseObject({
  data: z.array(z.unknown()),
  has_more: z.boolean(),
  first_id: z.string().nullish(),
  last_id: z.string().nullish(),
});
