import { z } from 'zod';

// GET https://api.fireworks.ai/v1/accounts/{account}/models?pageSize=&pageToken= (control plane; private).

export const FireworksModel = z.looseObject({
  name: z.string().min(1),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  createTime: z.string().nullish(),
  state: z.string().nullish(),
  kind: z.string().nullish(),
  contextLength: z.number().nullish(),
  supportsImageInput: z.boolean().nullish(),
  supportsTools: z.boolean().nullish(),
  public: z.boolean().nullish(),
  deprecationDate: z.looseObject({ year: z.number(), month: z.number(), day: z.number() }).nullish(),
});
export type FireworksModel = z.output<typeof FireworksModel>;

export const FireworksModelPage = z.looseObject({
  models: z.array(z.unknown()),
  nextPageToken: z.string().nullish(),
  totalSize: z.number().nullish(),
});
