const MARKER = Symbol.for('@catalog/error');

/**
 * Base class of every error the catalog packages throw. `code` is stable; `isInstance` works
 * across duplicated copies of this package (it checks a global symbol, not the prototype).
 */
export class CatalogError extends Error {
  readonly [MARKER] = true;
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CatalogError';
    this.code = code;
  }

  static isInstance(value: unknown): value is CatalogError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Builds a guard for one error class that also works across duplicated package copies. */
export function hasErrorCode<T extends CatalogError>(value: unknown, code: string): value is T {
  return CatalogError.isInstance(value) && value.code === code;
}
