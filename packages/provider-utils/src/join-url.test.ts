import { describe, expect, it } from 'vitest';
import { joinUrl, redactUrl } from './join-url.ts';

describe('joinUrl', () => {
  it('joins without doubling or losing slashes', () => {
    expect(joinUrl('https://x.test/api/v1/', '/models').toString()).toBe('https://x.test/api/v1/models');
    expect(joinUrl('https://x.test/api/v1', 'models').toString()).toBe('https://x.test/api/v1/models');
  });

  it('adds query parameters and skips undefined ones', () => {
    const url = joinUrl('https://x.test', '/m', { limit: 100, after: undefined, verbose: true });
    expect(url.toString()).toBe('https://x.test/m?limit=100&verbose=true');
  });

  it('keeps absolute URLs (pagination links)', () => {
    expect(joinUrl('https://x.test/v1', 'https://y.test/next?page=2').toString()).toBe('https://y.test/next?page=2');
  });
});

describe('redactUrl', () => {
  it('hides secret query parameters', () => {
    const url = new URL('https://x.test/m?key=secret&page=2');
    expect(redactUrl(url, ['key'])).toBe('https://x.test/m?key=REDACTED&page=2');
  });
});
