import { z } from 'zod';

// GET https://backend.alpacanetwork.ai/api/tokens?isGraduated=true|false (no auth), as the old system
// read it: a bare list, { data: [...] } or { tokens: [...] }. Private to this package.

export const ModelzToken = z
  .looseObject({
    Token: z.string().nullish(),
    model_id: z.string().nullish(),
    modelId: z.string().nullish(),
    id: z.union([z.string(), z.number()]).nullish(),
    name: z.string().nullish(),
    description: z.string().nullish(),
    isGraduated: z.boolean().nullish(),
    createdAt: z.union([z.string(), z.number()]).nullish(),
  })
  .refine(
    (t) =>
      [t.Token, t.model_id, t.modelId, t.id, t.name].some(
        (v) => v !== null && v !== undefined && String(v).trim() !== '',
      ),
    {
      message: 'entry has no Token, model_id, modelId, id or name',
    },
  );
export type ModelzToken = z.output<typeof ModelzToken>;

export const ModelzTokenList = z.union([
  z.array(z.unknown()),
  z.looseObject({ data: z.array(z.unknown()) }).transform((body) => body.data),
  z.looseObject({ tokens: z.array(z.unknown()) }).transform((body) => body.tokens),
]);
