import { describe, expect, it } from 'vitest';
import { nextLinkFromHeader } from './link-header.ts';

describe('nextLinkFromHeader', () => {
  it('finds rel="next" among several links', () => {
    const header = '<https://h.test/api/models?cursor=abc>; rel="next", <https://h.test/api/models>; rel="first"';
    expect(nextLinkFromHeader(header)).toBe('https://h.test/api/models?cursor=abc');
    expect(nextLinkFromHeader('<https://h.test/a>; rel=next')).toBe('https://h.test/a');
  });

  it('returns undefined without a next link', () => {
    expect(nextLinkFromHeader(undefined)).toBeUndefined();
    expect(nextLinkFromHeader('<https://h.test/a>; rel="prev"')).toBeUndefined();
  });
});
