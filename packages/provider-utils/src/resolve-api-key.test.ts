import { MissingApiKeyError, type ProviderAuth } from '@catalog/provider-contract';
import { describe, expect, it } from 'vitest';
import { resolveApiKey } from './resolve-api-key.ts';

const required: ProviderAuth = {
  kind: 'header',
  envVar: 'X_API_KEY',
  header: 'authorization',
  scheme: 'Bearer',
  required: true,
};
const optional: ProviderAuth = { ...required, required: false };

describe('resolveApiKey', () => {
  it('prefers the setting, then the environment', () => {
    expect(resolveApiKey('x', required, 'from-setting', { X_API_KEY: 'from-env' })).toBe('from-setting');
    expect(resolveApiKey('x', required, undefined, { X_API_KEY: 'from-env' })).toBe('from-env');
  });

  it('throws a MissingApiKeyError naming the option and the variable when a required key is missing', () => {
    let caught: unknown;
    try {
      resolveApiKey('x', required, undefined, {});
    } catch (error) {
      caught = error;
    }
    expect(MissingApiKeyError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toContain('X_API_KEY');
    expect((caught as Error).message).toContain('apiKey');
  });

  it('treats a blank key as missing, and an optional missing key as undefined', () => {
    expect(() => resolveApiKey('x', required, '  ', {})).toThrow(/X_API_KEY/);
    expect(resolveApiKey('x', optional, undefined, {})).toBeUndefined();
    expect(resolveApiKey('x', { kind: 'none' }, 'ignored', {})).toBeUndefined();
  });
});
