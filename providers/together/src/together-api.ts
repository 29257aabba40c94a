import { z } from 'zod';

// GET https://api.together.xyz/v1/models: a bare array (private to this package).

export const TogetherModel = z.looseObject({
  id: z.string().min(1),
  object: z.string().nullish(),
  created: z.number().nullish(),
  type: z.string().nullish(),
  display_name: z.string().nullish(),
  organization: z.string().nullish(),
  link: z.string().nullish(),
  license: z.string().nullish(),
  context_length: z.number().nullish(),
  pricing: z
    .looseObject({
      hourly: z.number().nullish(),
      input: z.number().nullish(),
      output: z.number().nullish(),
      base: z.number().nullish(),
      finetune: z.number().nullish(),
    })
    .nullish(),
});
export type TogetherModel = z.output<typeof TogetherModel>;

export const TogetherModelList = z.array(z.unknown());
