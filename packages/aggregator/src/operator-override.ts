import { CatalogModel, DecimalString } from '@catalog/provider-contract';
import { z } from 'zod';

/**
 * An operator's correction of one provider's model: hide it, or set fields (price, context,
 * name, max output). Applied when serving, so it survives every refresh (the old sync undid
 * operators' delistings).
 */
export const OverrideInput = z
  .object({
    provider: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a provider slug'),
    modelId: z.string().min(1).max(512),
    hide: z.boolean().optional(),
    set: z
      .object({
        name: z.string().min(1).max(512).optional(),
        contextLength: z.number().int().positive().optional(),
        maxOutputTokens: z.number().int().positive().optional(),
        pricing: z
          .object({
            prompt: DecimalString.optional(),
            completion: DecimalString.optional(),
            request: DecimalString.optional(),
            image: DecimalString.optional(),
            cacheRead: DecimalString.optional(),
            cacheWrite: DecimalString.optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    reason: z.string().max(1000).optional(),
  })
  .strict()
  .refine((o) => o.hide === true || (o.set !== undefined && Object.keys(o.set).length > 0), {
    message: 'an override must hide the model or set at least one field',
  });
export type OverrideInput = z.infer<typeof OverrideInput>;

export const OperatorOverride = z.intersection(OverrideInput, z.object({ updatedAt: z.iso.datetime() }));
export type OperatorOverride = z.infer<typeof OperatorOverride>;
export const OperatorOverrideList = z.array(OperatorOverride);

export const overrideKey = (provider: string, modelId: string): string => `${provider}\u0000${modelId}`;

/**
 * One provider's list with the overrides applied: hidden models left out, corrected fields set.
 * Returns the same array when no override concerns the provider.
 */
export function applyOverrides(
  provider: string,
  models: readonly CatalogModel[],
  overrides: ReadonlyMap<string, OperatorOverride>,
): readonly CatalogModel[] {
  if (overrides.size === 0) return models;
  let touched = false;
  const result: CatalogModel[] = [];
  for (const model of models) {
    const override = overrides.get(overrideKey(provider, model.id));
    if (!override) {
      result.push(model);
      continue;
    }
    touched = true;
    if (override.hide) continue;
    const { pricing, ...fields } = override.set ?? {};
    const patched: CatalogModel = { ...model, ...fields };
    if (pricing) patched.pricing = { ...model.pricing, ...pricing };
    result.push(Object.freeze(patched));
  }
  return touched ? result : models;
}
