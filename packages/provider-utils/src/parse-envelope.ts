import { UnexpectedShapeError, type HttpResponse } from '@catalog/provider-contract';
import type { z } from 'zod';

/**
 * Parses a response's top-level shape (the envelope, e.g. `{ data: unknown[] }`) with a zod
 * schema. A body of another shape is an UnexpectedShapeError naming the provider, the URL, what
 * was expected and what was wrong. Validate entries one by one afterwards (mapEntries), so one
 * bad entry does not cost the good ones.
 */
export function parseEnvelope<TSchema extends z.ZodType>(
  provider: string,
  response: HttpResponse,
  schema: TSchema,
  expected: string,
): z.output<TSchema> {
  const result = schema.safeParse(response.body);
  if (result.success) return result.data;
  throw new UnexpectedShapeError({ provider, url: response.url, expected, issues: summarizeIssues(result.error) });
}

/** A one-line summary of zod issues: `data: expected array, received object; …`. */
export function summarizeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
  if (error.issues.length > max) parts.push(`and ${error.issues.length - max} more`);
  return parts.join('; ');
}
