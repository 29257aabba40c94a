import { z } from 'zod';

// GET https://aihubmix.com/api/v1/models (public rich list; private to this package).

const Price = z.union([z.string(), z.number()]).nullish();

export const AIHubMixModel = z.looseObject({
  model_id: z.string().min(1),
  desc: z.string().nullish(),
  /** Comma-separated, e.g. "llm" or "image_generation". */
  types: z.string().nullish(),
  /** Comma-separated, e.g. "thinking,tools,function_calling,structured_outputs". */
  features: z.string().nullish(),
  /** Comma-separated, e.g. "text,image". */
  input_modalities: z.string().nullish(),
  max_output: z.number().nullish(),
  context_length: z.number().nullish(),
  pricing: z.looseObject({ input: Price, output: Price, cache_read: Price, cache_write: Price }).nullish(),
});
export type AIHubMixModel = z.output<typeof AIHubMixModel>;

export const AIHubMixModelList = z.looseObject({
  success: z.boolean().nullish(),
  message: z.string().nullish(),
  data: z.array(z.unknown()),
});
