import { describe, expect, it } from 'vitest';
import { bearerToken, tokenMatches } from './admin-token.ts';

describe('admin token', () => {
  it('accepts only the exact token', () => {
    expect(tokenMatches('s3cret-token-0123456789', 's3cret-token-0123456789')).toBe(true);
    expect(tokenMatches('s3cret-token-012345678', 's3cret-token-0123456789')).toBe(false);
    expect(tokenMatches('', 's3cret-token-0123456789')).toBe(false);
    expect(tokenMatches(undefined, 's3cret-token-0123456789')).toBe(false);
  });

  it('reads Bearer tokens only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
