import { z } from 'zod';

// GET https://api.deepinfra.com/models/list: a bare array, public (private to this package).

/** `pricing` takes one shape per `pricing.type`: tokens, input_tokens, image_units, time, input_length, … */
const DeepInfraPricing = z.looseObject({
  type: z.string().nullish(),
  cents_per_input_token: z.number().nullish(),
  cents_per_output_token: z.number().nullish(),
  /** A rate applied to the input price (0.2 = a fifth of it), not a price. */
  rate_per_input_token_cached: z.number().nullish(),
  rate_per_input_token_cache_write: z.number().nullish(),
  cents_per_image_unit: z.number().nullish(),
  cents_per_sec: z.number().nullish(),
  cents_per_input_sec: z.number().nullish(),
  cents_per_input_chars: z.number().nullish(),
});

export const DeepInfraModel = z.looseObject({
  model_name: z.string().min(1),
  type: z.string().nullish(),
  /** The task as DeepInfra reports it; newer payloads carry it next to (or instead of) `type`. */
  reported_type: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  description: z.string().nullish(),
  /** The served context window (not a completion cap). */
  max_tokens: z.number().nullish(),
  max_output_tokens: z.number().nullish(),
  pricing: DeepInfraPricing.nullish(),
  /** null while served; a unix time (possibly in the future: scheduled) once deprecated. */
  deprecated: z.union([z.number(), z.string(), z.boolean()]).nullish(),
  replaced_by: z.string().nullish(),
  create_ts: z.string().nullish(),
  quantization: z.string().nullish(),
  private: z.number().nullish(),
  is_partner: z.boolean().nullish(),
});
export type DeepInfraModel = z.output<typeof DeepInfraModel>;

export const DeepInfraModelList = z.array(z.unknown());
