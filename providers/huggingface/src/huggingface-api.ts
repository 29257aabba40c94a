import { z } from 'zod';

// GET https://router.huggingface.co/v1/models (Inference Providers router; private to this package).

const Price = z.union([z.string(), z.number()]).nullish();

export const HuggingFaceRouterProvider = z.looseObject({
  provider: z.string(),
  status: z.string().nullish(),
  context_length: z.number().nullish(),
  pricing: z.looseObject({ input: Price, output: Price }).nullish(),
  supports_tools: z.boolean().nullish(),
  supports_structured_output: z.boolean().nullish(),
});

export const HuggingFaceRouterModel = z.looseObject({
  id: z.string().min(1),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
  architecture: z
    .looseObject({ input_modalities: z.array(z.string()).nullish(), output_modalities: z.array(z.string()).nullish() })
    .nullish(),
  providers: z.array(HuggingFaceRouterProvider).nullish(),
});
export type HuggingFaceRouterModel = z.output<typeof HuggingFaceRouterModel>;
