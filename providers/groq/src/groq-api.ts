import { z } from 'zod';

// GET https://api.groq.com/openai/v1/models (private to this package).

export const GroqModel = z.looseObject({
  id: z.string().min(1),
  object: z.string().nullish(),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
  active: z.boolean().nullish(),
  context_window: z.number().nullish(),
  max_completion_tokens: z.number().nullish(),
  public_apps: z.unknown().optional(),
});
export type GroqModel = z.output<typeof GroqModel>;
