/** The longest delay an upstream's headers may ask for (the same cap as Retry-After). */
const MAX_MS = 3_600_000;

/**
 * The delay until a rate limit resets, in milliseconds, from the IETF `RateLimit` header fields
 * (draft-ietf-httpapi-ratelimit-headers), for a 429 that carries no Retry-After. Hugging Face
 * sends draft 9: `RateLimit: "api";r=0;t=55` (r = remaining, t = seconds until the window
 * resets) and `RateLimit-Policy: "fixed window";"api";q=500;w=300` (q = quota, w = window in
 * seconds). Also read: the older draft's `RateLimit: limit=500, remaining=0, reset=55`.
 *
 * Of several limits, the exhausted ones (r=0) decide, the longest of them; without any `t`, the
 * policy's window is the upper bound. Undefined when neither says anything usable.
 */
export function parseRateLimitReset(rateLimit: string | undefined, policy?: string | undefined): number | undefined {
  const limits = items(rateLimit);
  const exhausted = limits.filter((item) => item.r === 0);
  const resets = (exhausted.length > 0 ? exhausted : limits)
    .map((item) => item.t ?? item.reset)
    .filter((t): t is number => t !== undefined);
  if (resets.length > 0) return toMs(Math.max(...resets));
  const windows = items(policy)
    .map((item) => item.w)
    .filter((w): w is number => w !== undefined);
  return windows.length > 0 ? toMs(Math.max(...windows)) : undefined;
}

/**
 * The members of a header as parameter maps. Draft 9 lists `"name";key=value;…` items separated
 * by commas; the older draft puts `key=value` pairs of one limit after one another.
 */
function items(header: string | undefined): Record<string, number>[] {
  if (!header?.trim()) return [];
  const members = header.split(',').map((member) => params(member));
  const structured = header.includes(';');
  if (structured) return members.filter((member) => Object.keys(member).length > 0);
  const merged = Object.assign({}, ...members) as Record<string, number>;
  if ('remaining' in merged) merged.r = merged.remaining!;
  return Object.keys(merged).length > 0 ? [merged] : [];
}

function params(member: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of member.split(';')) {
    const match = /^\s*([a-z][a-z0-9_-]*)\s*=\s*"?(\d+(?:\.\d+)?)"?\s*$/i.exec(part);
    if (match) out[match[1]!.toLowerCase()] = Number(match[2]);
  }
  return out;
}

function toMs(seconds: number): number {
  return Math.min(Math.max(0, Math.round(seconds * 1000)), MAX_MS);
}
