import { z } from 'zod';

// GET https://inference.canopywave.io/v1/models (shape as the old system read it; private).

const Price = z.union([z.string(), z.number()]).nullish();

export const CanopyWaveModel = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  type: z.string().nullish(),
  created: z.number().nullish(),
  context_length: z.number().nullish(),
  pricing: z.looseObject({ prompt: Price, completion: Price }).nullish(),
  capabilities: z
    .looseObject({
      context_length: z.number().nullish(),
      tools: z.boolean().nullish(),
      json_mode: z.boolean().nullish(),
      reasoning: z.boolean().nullish(),
    })
    .nullish(),
});
export type CanopyWaveModel = z.output<typeof CanopyWaveModel>;
