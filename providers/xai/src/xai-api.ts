import { z } from 'zod';

// GET https://api.x.ai/v1/language-models and /v1/image-generation-models (private to this package).

export const XaiLanguageModel = z.looseObject({
  id: z.string().min(1),
  fingerprint: z.string().nullish(),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
  version: z.string().nullish(),
  input_modalities: z.array(z.string()).nullish(),
  output_modalities: z.array(z.string()).nullish(),
  prompt_text_token_price: z.number().nullish(),
  cached_prompt_text_token_price: z.number().nullish(),
  prompt_image_token_price: z.number().nullish(),
  completion_text_token_price: z.number().nullish(),
  search_price: z.number().nullish(),
  image_price: z.number().nullish(),
  aliases: z.array(z.string()).nullish(),
});
export type XaiLanguageModel = z.output<typeof XaiLanguageModel>;

export const XaiModelList = z.looseObject({ models: z.array(z.unknown()) });
