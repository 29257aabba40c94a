import { describe, expect, it } from 'vitest';
import { parseRateLimitReset } from './rate-limit-reset.ts';

describe('parseRateLimitReset', () => {
  it("reads Hugging Face's RateLimit header (draft 9): t is the seconds until the reset", () => {
    expect(parseRateLimitReset('"api";r=0;t=55')).toBe(55_000);
    expect(parseRateLimitReset('"resolvers";r=12;t=8')).toBe(8_000);
  });

  it('lets the exhausted limit decide when several are listed, the longest of them', () => {
    expect(parseRateLimitReset('"burst";r=4;t=2, "api";r=0;t=40, "pages";r=0;t=90')).toBe(90_000);
    expect(parseRateLimitReset('"burst";r=4;t=2, "api";r=0;t=40')).toBe(40_000);
  });

  it('reads the older draft (limit, remaining, reset)', () => {
    expect(parseRateLimitReset('limit=500, remaining=0, reset=30')).toBe(30_000);
  });

  it("falls back to the policy's window when the limit gives no reset time", () => {
    expect(parseRateLimitReset('"api";r=0', '"fixed window";"api";q=500;w=300')).toBe(300_000);
    expect(parseRateLimitReset(undefined, '"fixed window";"api";q=500;w=300')).toBe(300_000);
  });

  it('caps at one hour and answers undefined for absent or unreadable headers', () => {
    expect(parseRateLimitReset('"api";r=0;t=999999')).toBe(3_600_000);
    expect(parseRateLimitReset(undefined)).toBeUndefined();
    expect(parseRateLimitReset('')).toBeUndefined();
    expect(parseRateLimitReset('garbage', 'also garbage')).toBeUndefined();
  });
});
