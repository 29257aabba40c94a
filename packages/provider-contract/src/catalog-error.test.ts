import { describe, expect, it } from 'vitest';
import { CatalogError } from './catalog-error.ts';
import { ContractVersionError, InvalidSettingError, MissingApiKeyError } from './configuration-errors.ts';
import { UnexpectedShapeError, UpstreamError, UpstreamHttpError, UpstreamNetworkError } from './upstream-errors.ts';

describe('catalog errors', () => {
  it('carry stable codes and names, and say what to do', () => {
    const error = new MissingApiKeyError('groq', 'GROQ_API_KEY');
    expect(error.code).toBe('MISSING_API_KEY');
    expect(error.name).toBe('MissingApiKeyError');
    expect(error.message).toBe(
      'groq: no API key. Pass the `apiKey` setting or set the GROQ_API_KEY environment variable.',
    );
    expect(new InvalidSettingError('x', 'baseURL', 'not a URL').message).toContain('`baseURL`');
    expect(new ContractVersionError('x', 1, 2).message).toMatch(/contract version 2.*needs 1/);
  });

  it('are recognised across duplicated package copies by a global marker, not the prototype', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('@catalog/error')]: true,
      code: 'MISSING_API_KEY',
    });
    expect(CatalogError.isInstance(foreign)).toBe(true);
    expect(MissingApiKeyError.isInstance(foreign)).toBe(true);
    expect(UpstreamHttpError.isInstance(foreign)).toBe(false);
    expect(CatalogError.isInstance(new Error('plain'))).toBe(false);
    expect(CatalogError.isInstance(null)).toBe(false);
  });

  it('classify HTTP statuses as retryable or not, with a reason for metrics', () => {
    const make = (status: number) =>
      new UpstreamHttpError({ provider: 'p', url: 'https://u', status, bodyExcerpt: '' });
    expect(make(401)).toMatchObject({ retryable: false, reason: 'unauthorized' });
    expect(make(404)).toMatchObject({ retryable: false, reason: 'http_404' });
    expect(make(429)).toMatchObject({ retryable: true, reason: 'rate_limited' });
    expect(make(503)).toMatchObject({ retryable: true, reason: 'http_503' });
    expect(make(404).message).toContain('Check the base URL');
    expect(UpstreamError.isInstance(make(500))).toBe(true);
  });

  it('keep the cause of network failures and tell timeouts apart', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const refused = new UpstreamNetworkError({ provider: 'p', url: 'https://u', timedOut: false, cause });
    expect(refused.cause).toBe(cause);
    expect(refused.message).toContain('ECONNREFUSED');
    expect(refused.reason).toBe('network');
    expect(new UpstreamNetworkError({ provider: 'p', url: 'https://u', timedOut: true, cause }).reason).toBe('timeout');
    const shape = new UnexpectedShapeError({
      provider: 'p',
      url: 'https://u',
      expected: '{ data: [...] }',
      issues: 'data: required',
    });
    expect(shape.retryable).toBe(false);
    expect(shape.message).toContain('expected { data: [...] }');
  });
});
