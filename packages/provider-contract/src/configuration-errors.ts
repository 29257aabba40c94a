import { CatalogError, hasErrorCode } from './catalog-error.ts';

/** A provider that needs an API key has none. Raised before any network call. */
export class MissingApiKeyError extends CatalogError {
  static readonly code = 'MISSING_API_KEY';
  readonly provider: string;
  readonly envVar: string;

  constructor(provider: string, envVar: string) {
    super(
      MissingApiKeyError.code,
      `${provider}: no API key. Pass the \`apiKey\` setting or set the ${envVar} environment variable.`,
    );
    this.name = 'MissingApiKeyError';
    this.provider = provider;
    this.envVar = envVar;
  }

  static override isInstance(value: unknown): value is MissingApiKeyError {
    return hasErrorCode(value, MissingApiKeyError.code);
  }
}

/** A setting has a value the provider cannot use (e.g. a base URL that is not a URL). */
export class InvalidSettingError extends CatalogError {
  static readonly code = 'INVALID_SETTING';
  readonly provider: string;
  readonly setting: string;

  constructor(provider: string, setting: string, reason: string) {
    super(InvalidSettingError.code, `${provider}: setting \`${setting}\` is invalid: ${reason}`);
    this.name = 'InvalidSettingError';
    this.provider = provider;
    this.setting = setting;
  }

  static override isInstance(value: unknown): value is InvalidSettingError {
    return hasErrorCode(value, InvalidSettingError.code);
  }
}

/** A provider package was built for another contract version than the one in use. */
export class ContractVersionError extends CatalogError {
  static readonly code = 'CONTRACT_VERSION';
  readonly provider: string;
  readonly expected: number;
  readonly actual: unknown;

  constructor(provider: string, expected: number, actual: unknown) {
    super(
      ContractVersionError.code,
      `${provider}: provider implements contract version ${String(actual)}, this catalog needs ${expected}. ` +
        'Upgrade the provider package (or the catalog) so both use the same @catalog/provider-contract major.',
    );
    this.name = 'ContractVersionError';
    this.provider = provider;
    this.expected = expected;
    this.actual = actual;
  }

  static override isInstance(value: unknown): value is ContractVersionError {
    return hasErrorCode(value, ContractVersionError.code);
  }
}
