import { z } from 'zod';

/** What the mock upstream does to one provider's answers (all optional; none = serve the fixture). */
export const Knobs = z
  .object({
    /** Delay before answering, ms; a [min, max] pair draws uniformly. */
    latencyMs: z.union([z.number().min(0), z.tuple([z.number().min(0), z.number().min(0)])]).optional(),
    /** Fraction of requests (0..1) answered with `errorStatus` (default 503). */
    errorRate: z.number().min(0).max(1).optional(),
    errorStatus: z.number().int().min(400).max(599).optional(),
    /** Answer every request with this status (and `body`, when set). */
    status: z.number().int().min(100).max(599).optional(),
    /** Replace the body with this text (e.g. malformed JSON). */
    body: z.string().optional(),
    /** Retry-After (seconds) sent with 429/503 answers. */
    retryAfterSec: z.number().min(0).optional(),
    /** Never answer. */
    hang: z.boolean().optional(),
    /** Send the body this slowly (bytes per second). */
    trickleBytesPerSec: z.number().positive().optional(),
    /** Drop the connection without an answer. */
    reset: z.boolean().optional(),
    /** Repeat the model list this many times (ids suffixed), for large-catalog tests. */
    inflate: z.number().int().min(1).max(1000).optional(),
    /** Keep only this fraction of the model list (e.g. 0.1 for "shrunk by 90%"). */
    keepRatio: z.number().min(0).max(1).optional(),
    /** Append a copy of every entry, ids unchanged (the list then repeats each id). */
    duplicateIds: z.boolean().optional(),
    /** Append this many entries no provider schema accepts (null, a string, {}, a numeric id, an empty id…). */
    invalidEntries: z.number().int().min(0).max(1000).optional(),
    /** Append a copy of the first entry under each of these ids (a model added upstream). */
    extraModelIds: z.array(z.string().min(1)).max(100).optional(),
    /**
     * Put unusual Unicode (see hostile-strings.ts) into the text fields of every entry (`name`,
     * `display_name`, `description`), and append entries with a hostile id, an id over the
     * catalog's limit and a description over it.
     */
    hostileStrings: z.boolean().optional(),
    /** Answer 302 to an address that redirects back here (a redirect loop). */
    redirectLoop: z.boolean().optional(),
    /**
     * Follow the body with this many bytes of whitespace (still valid JSON), sent chunked without
     * Content-Length: a client only learns the size by reading it.
     */
    oversizeBytes: z.number().int().positive().optional(),
  })
  .strict();
export type Knobs = z.infer<typeof Knobs>;

export function drawLatency(latency: Knobs['latencyMs'], random: () => number = Math.random): number {
  if (latency === undefined) return 0;
  if (typeof latency === 'number') return latency;
  const [min, max] = latency;
  return min + (max - min) * random();
}
