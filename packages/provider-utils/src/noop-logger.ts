import type { Logger } from '@catalog/provider-contract';

const ignore = (): void => {};

/** A logger that drops everything: the default when the caller gives none. */
export const noopLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
