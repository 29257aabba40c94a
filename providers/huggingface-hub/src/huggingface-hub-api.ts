import { z } from 'zod';

// GET https://huggingface.co/api/models?inference_provider=&pipeline_tag=&limit=&expand[]= (private).

export const HubModel = z.looseObject({
  _id: z.string().nullish(),
  id: z.string().min(1),
  modelId: z.string().nullish(),
  likes: z.number().nullish(),
  downloads: z.number().nullish(),
  private: z.boolean().nullish(),
  pipeline_tag: z.string().nullish(),
  library_name: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  createdAt: z.string().nullish(),
});
export type HubModel = z.output<typeof HubModel>;

export const HubModelList = z.array(z.unknown());
