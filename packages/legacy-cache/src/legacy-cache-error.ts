import { KernelError } from '@catalog/cache-kernel';

/**
 * Base of this package's errors: the kernel's error base (a stable `code`, an `isInstance` guard
 * that works across package copies), with codes starting `LEGACY_`.
 */
export class LegacyCacheError extends KernelError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'LegacyCacheError';
  }

  static override isInstance(value: unknown): value is LegacyCacheError {
    return KernelError.isInstance(value) && value.code.startsWith('LEGACY_');
  }
}

/** A module-level legacy function ran before installLegacyCache(). */
export class LegacyCacheNotInstalledError extends LegacyCacheError {
  static readonly code = 'LEGACY_NOT_INSTALLED';
  constructor() {
    super(
      LegacyCacheNotInstalledError.code,
      'the legacy cache API was called before installLegacyCache(new LegacyCacheLayer({ kernel, rollout })) at start-up',
    );
    this.name = 'LegacyCacheNotInstalledError';
  }
}

/** An initialiser (now a warm-up) could not fetch its provider. */
export class LegacyWarmError extends LegacyCacheError {
  static readonly code = 'LEGACY_WARM_FAILED';
  readonly gateway: string;
  constructor(gateway: string, cause: unknown) {
    super(
      LegacyWarmError.code,
      `warming ${gateway} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'LegacyWarmError';
    this.gateway = gateway;
  }
}

/** A rollout setting that does not parse (CACHE_ROLLOUT, the stored document, or an admin change). */
export class RolloutConfigError extends LegacyCacheError {
  static readonly code = 'LEGACY_ROLLOUT_INVALID';
  constructor(entry: string, reason: string) {
    super(
      RolloutConfigError.code,
      `rollout setting "${entry}" is invalid: ${reason}. Use e.g. "openrouter=kernel,groq=dual:legacy,*=legacy".`,
    );
    this.name = 'RolloutConfigError';
  }
}
