import { OverrideInput } from '@catalog/aggregator';
import { DocumentConflictError, StoreError } from '@catalog/cache-kernel';
import { RolloutConfigError } from '@catalog/legacy-cache';
import { z } from 'zod';
import { ApiError } from '../http/api-error.ts';
import { defineRoute } from '../http/route-spec.ts';
import type { RouteContext } from './route-context.ts';

const OVERRIDE_WRITE_ERRORS = {
  409: 'Other instances kept changing the overrides during every attempt: nothing was written; retry',
  503: 'The shared store (Redis) could not be read or written: nothing was written; retry when it is back',
} as const;

/** An override change that was not stored, as the 409/503 the route documents. */
function overrideNotSaved(error: unknown): never {
  if (DocumentConflictError.isInstance(error)) {
    throw new ApiError(409, 'override_conflict', `the override change was not saved: ${error.message}`);
  }
  if (StoreError.isInstance(error)) {
    throw new ApiError(
      503,
      'store_unavailable',
      `the override change was not saved (retry when the store is back): ${error.message}`,
    );
  }
  throw error;
}

const Target = z
  .object({
    provider: z.string().regex(/^(all|[a-z0-9][a-z0-9-]{0,63})$/, 'must be a provider slug or "all"'),
    cascade: z.boolean().default(true),
  })
  .strict();
const WarmBody = z
  .object({
    providers: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/))
      .max(100)
      .optional(),
  })
  .strict();
const RolloutChange = z.union([
  z
    .object({
      provider: z.string().regex(/^(\*|[a-z0-9][a-z0-9-]{0,63})$/, 'must be a provider slug or "*" (the default)'),
      mode: z.enum(['legacy', 'kernel', 'dual']),
      readFrom: z.enum(['legacy', 'kernel']).optional(),
    })
    .strict()
    .refine((change) => change.readFrom === undefined || change.mode === 'dual', {
      message: 'readFrom is only for dual mode',
      path: ['readFrom'],
    }),
  z.object({ rollout: z.string().max(4096) }).strict(),
]);
const OverrideKey = z
  .object({ provider: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), modelId: z.string().min(1).max(512) })
  .strict();

/** Admin routes (bearer ADMIN_TOKEN; not registered at all without one). */
export function adminRoutes(ctx: RouteContext) {
  const known = (slug: string) => {
    if (slug !== 'all' && !ctx.catalog.providerSlugs().includes(slug)) {
      throw new ApiError(404, 'provider_not_found', `no provider \`${slug}\` in this catalog`);
    }
  };
  return [
    defineRoute({
      method: 'POST',
      url: '/admin/invalidate',
      tag: 'admin',
      admin: true,
      summary: 'Invalidate one provider or all (cascade rebuilds the merged catalog at once)',
      body: Target,
      handler: async ({ body }) => {
        known(body.provider);
        const invalidated = await ctx.catalog.invalidate(body.provider, { cascade: body.cascade });
        return { invalidated };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/admin/warm',
      tag: 'admin',
      admin: true,
      summary: 'Warm providers now (all configured ones when none are named); answers when done',
      body: WarmBody,
      handler: async ({ body }) => {
        for (const slug of body.providers ?? []) known(slug);
        const results = await ctx.catalog.warm(body.providers);
        return { results };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/admin/cache',
      tag: 'admin',
      admin: true,
      summary: 'Cache statistics per provider',
      handler: () => ({ ...ctx.catalog.cacheStatus(), health: ctx.catalog.health() }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/admin/rollout',
      tag: 'admin',
      admin: true,
      summary:
        'Switch a provider\'s (or, with "*", the default) legacy cache calls between legacy, kernel and dual mode, or replace every switch ({"rollout": CACHE_ROLLOUT format}); stored for every instance',
      body: RolloutChange,
      handler: async ({ body }) => {
        let result: { stored: boolean };
        if ('rollout' in body) {
          result = await ctx.rollout.replace(body.rollout).catch((error: unknown) => {
            if (error instanceof RolloutConfigError) throw new ApiError(400, 'invalid_rollout', error.message);
            throw error;
          });
        } else {
          if (body.provider !== '*') known(body.provider);
          result = await ctx.rollout.change(body.provider, body.mode, body.readFrom);
        }
        return { rollout: ctx.rollout.snapshot(), ...result };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/admin/rollout',
      tag: 'admin',
      admin: true,
      summary: 'Drop the stored rollout switches: every instance goes back to its own CACHE_ROLLOUT',
      handler: async () => ({ ...(await ctx.rollout.reset()), rollout: ctx.rollout.snapshot() }),
    }),
    defineRoute({
      method: 'GET',
      url: '/admin/overrides',
      tag: 'admin',
      admin: true,
      summary: 'List operator overrides',
      handler: () => ({ data: ctx.catalog.listOverrides() }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/admin/overrides',
      tag: 'admin',
      admin: true,
      summary: "Hide a provider's model or correct its price, context or name; kept across refreshes",
      body: OverrideInput,
      errors: OVERRIDE_WRITE_ERRORS,
      handler: async ({ body }) => {
        known(body.provider);
        return { override: await ctx.catalog.setOverride(body).catch(overrideNotSaved) };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/admin/overrides',
      tag: 'admin',
      admin: true,
      summary: 'Remove an operator override',
      body: OverrideKey,
      errors: OVERRIDE_WRITE_ERRORS,
      handler: async ({ body }) => {
        const removed = await ctx.catalog.clearOverride(body.provider, body.modelId).catch(overrideNotSaved);
        if (!removed) throw new ApiError(404, 'override_not_found', `no override for ${body.provider} ${body.modelId}`);
        return { removed };
      },
    }),
  ];
}
