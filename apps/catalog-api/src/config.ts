import { RolloutSwitches } from '@catalog/legacy-cache';
import { CatalogError } from '@catalog/provider-contract';
import { z } from 'zod';
import { DEFAULT_ADMIN_RATE_LIMIT } from './http/admin-rate-limiter.ts';
import { PROVIDER_FACTORIES } from './provider-factories.ts';

/** The part of the kernel's KeyPolicy an operator may override per provider. */
const PolicyOverride = z
  .object({
    freshTtlMs: z.number().int().positive().optional(),
    staleTtlMs: z.number().int().min(0).optional(),
    maxStaleMs: z.number().int().positive().optional(),
    timeoutMs: z.number().int().positive().optional(),
    retry: z
      .object({ maxAttempts: z.number().int().min(0).max(10).optional() })
      .strict()
      .optional(),
    breaker: z
      .object({
        threshold: z.number().int().min(1).optional(),
        halfOpenAfterMs: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    guard: z
      .object({ rejectEmpty: z.boolean().optional(), maxShrinkRatio: z.number().gt(0).max(1).optional() })
      .strict()
      .optional(),
  })
  .strict();

const ms = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3_600_000)
    .default(fallback);
const slugList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .refine((list) => list.every((slug) => slug in PROVIDER_FACTORIES), {
    message: `unknown provider; known: ${Object.keys(PROVIDER_FACTORIES).join(', ')}`,
  });

/** The API's configuration, from the environment. Every variable is optional. */
export const AppConfig = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Absent: the embedded in-memory store. redis://…, rediss://…, or a comma list (cluster nodes, sentinels). */
    REDIS_URL: z
      .string()
      .refine(
        (text) => text.split(',').every((url) => /^rediss?:\/\/[^\s/,]+(\/\d*)?$/.test(url.trim())),
        'must be a redis:// or rediss:// URL, or a comma list of them (cluster nodes or sentinels)',
      )
      .optional(),
    REDIS_MODE: z.enum(['standalone', 'cluster', 'sentinel']).default('standalone'),
    /** Sentinel: the master group name (REDIS_URL lists the sentinels). */
    REDIS_SENTINEL_NAME: z.string().default('mymaster'),
    REDIS_KEY_PREFIX: z.string().default('catalog:'),
    /** Admin routes are off when unset. At least 16 characters. */
    ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Admin requests one client (IP address) may make per ADMIN_RATE_WINDOW_MS; beyond it a 429. */
    ADMIN_RATE_LIMIT: z.coerce.number().int().min(1).default(DEFAULT_ADMIN_RATE_LIMIT.requestsPerWindow),
    /** Failed admin authentications one client may make per window; beyond it every admin request gets a 429. */
    ADMIN_AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).default(DEFAULT_ADMIN_RATE_LIMIT.failuresPerWindow),
    ADMIN_RATE_WINDOW_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .max(24 * 3_600_000)
      .default(DEFAULT_ADMIN_RATE_LIMIT.windowMs),
    /** Comma list of provider slugs to serve (default: all). */
    PROVIDERS: slugList.optional(),
    /** Serve every provider from `<base>/<slug>` (the demo's mock upstream, or a gateway proxy). */
    UPSTREAM_BASE_URL: z.string().url().optional(),
    FRESH_TTL_MS: ms(15 * 60_000),
    STALE_TTL_MS: ms(60 * 60_000),
    MAX_STALE_MS: ms(24 * 60 * 60_000),
    /** A request waits at most this long for providers that have no value yet. */
    REQUEST_WAIT_MS: ms(2_000),
    /**
     * How often operator overrides are re-read from the store (0: only at start and on this instance's
     * own changes): an override set on one instance is served by every other within this bound.
     */
    OVERRIDES_RELOAD_MS: ms(5_000),
    /**
     * How often the legacy-cache rollout switches are re-read from the store: a switch changed on one
     * instance (PUT /admin/rollout) is followed by every other within this bound.
     */
    CACHE_ROLLOUT_RELOAD_MS: ms(5_000).pipe(
      z.number().min(1, 'must be at least 1 ms (the switches are re-read on a timer)'),
    ),
    UPSTREAM_TIMEOUT_MS: ms(30_000),
    /**
     * Per-provider cache policy overrides, JSON: {"featherless":{"freshTtlMs":3600000},"groq":{"breaker":{"threshold":3}}}.
     */
    PROVIDER_POLICIES: z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"groq":{"freshTtlMs":600000}}' });
          return z.NEVER;
        }
      })
      .pipe(
        z.record(
          z.string().refine((slug) => slug in PROVIDER_FACTORIES, 'unknown provider'),
          PolicyOverride,
        ),
      )
      .optional(),
    SHUTDOWN_GRACE_MS: ms(10_000),
    /** Migration rollout switches for the legacy cache API: "openrouter=kernel,groq=dual:legacy,*=legacy". */
    CACHE_ROLLOUT: z
      .string()
      .refine(
        (text) => {
          try {
            RolloutSwitches.parse(text);
            return true;
          } catch {
            return false;
          }
        },
        {
          message:
            'expected e.g. "openrouter=kernel,groq=dual:legacy,*=legacy" (modes: legacy, kernel, dual[:legacy|:kernel])',
        },
      )
      .default('*=kernel'),
  })
  .refine((config) => config.REDIS_MODE !== 'standalone' || !config.REDIS_URL?.includes(','), {
    path: ['REDIS_URL'],
    message: 'a comma list needs REDIS_MODE=cluster or REDIS_MODE=sentinel (standalone takes one URL)',
  });
export type AppConfig = z.infer<typeof AppConfig>;

export class ConfigError extends CatalogError {
  static readonly code = 'CONFIG';
  constructor(issues: string[]) {
    super(ConfigError.code, `invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** What is wrong with an API key's shape, or undefined. Never includes the key itself. */
function apiKeyProblem(key: string): string | undefined {
  if (key.trim() === '') return 'is only whitespace';
  if (/[\r\n]/.test(key)) return 'contains a line break (a copy-paste error?)';
  if (/\s/.test(key)) return 'contains whitespace (a copy-paste error?)';
  if (/[^\x21-\x7e]/.test(key)) return 'contains characters other than printable ASCII, which no HTTP header carries';
  if (key.length > 4096) return 'is longer than 4096 characters';
  return undefined;
}

/**
 * The API key variables of the providers served whose key goes into a header or the query string,
 * checked for shape at start (empty means unset). Messages name the variable, never the value.
 */
function apiKeyIssues(served: readonly string[], env: Record<string, string | undefined>): string[] {
  const providersOf = new Map<string, string[]>();
  for (const slug of served) {
    const auth = PROVIDER_FACTORIES[slug]!({ env: {} }).auth;
    if (auth.kind !== 'header' && auth.kind !== 'query') continue;
    providersOf.set(auth.envVar, [...(providersOf.get(auth.envVar) ?? []), slug]);
  }
  const issues: string[] = [];
  for (const [envVar, slugs] of providersOf) {
    const key = env[envVar];
    const problem = key ? apiKeyProblem(key) : undefined;
    if (problem) issues.push(`${envVar}: the API key of ${slugs.join(' and ')} ${problem}; the value is not shown`);
  }
  return issues;
}

/**
 * Reads and validates the configuration (and the shape of the served providers' API keys); every
 * problem is listed at once, naming the variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = AppConfig.safeParse(present);
  // The keys are checked even when other variables are wrong (of every provider if PROVIDERS is).
  const served = slugList.safeParse(present.PROVIDERS ?? '').data;
  const issues = [
    ...(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...apiKeyIssues(served?.length ? served : Object.keys(PROVIDER_FACTORIES), present),
  ];
  if (result.success && issues.length === 0) return result.data;
  throw new ConfigError(issues);
}
