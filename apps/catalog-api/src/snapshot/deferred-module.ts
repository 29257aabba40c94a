import { startupSnapshot } from 'node:v8';

/** A deferred module was used while the startup snapshot was being built (it is only loaded once the snapshot runs). */
export class SnapshotBuildAccessError extends Error {
  override readonly name = 'SnapshotBuildAccessError';

  readonly specifier: string;
  readonly key: string;

  constructor(specifier: string, key: string) {
    super(
      `"${specifier}" (${key}) was used while building the startup snapshot, but it cannot be part of one, so it ` +
        'is loaded only when the snapshot starts: use it inside a function, not at module level, or add the module ' +
        'that uses it to RUNTIME_MODULES (src/snapshot/snapshot-plugin.ts)',
    );
    this.specifier = specifier;
    this.key = key;
  }

  static isInstance(error: unknown): error is SnapshotBuildAccessError {
    return error instanceof Error && error.name === 'SnapshotBuildAccessError';
  }
}

/** What the build saw of a module's exports: its enumerable keys, whether it is a function, its __esModule flag. */
export interface ModuleShape {
  keys: readonly string[];
  callable: boolean;
  esModule: boolean;
  /** The file loaded at run time in place of the whole package (RuntimeModule.entry), if any. */
  runtimeEntry?: string;
}

/** The start bundle used an export its runtime entry (the part of a package loaded at run time) leaves out. */
export class RuntimeExportMissingError extends Error {
  override readonly name = 'RuntimeExportMissingError';

  readonly specifier: string;
  readonly key: string;

  constructor(specifier: string, key: string, entry: string) {
    super(
      `"${specifier}" has no export "${key}" in the start snapshot: only what ${entry} exports is loaded at run ` +
        "time; export it there (from the package's own module) and rebuild with `pnpm build:start`",
    );
    this.specifier = specifier;
    this.key = key;
  }

  static isInstance(error: unknown): error is RuntimeExportMissingError {
    return error instanceof Error && error.name === 'RuntimeExportMissingError';
  }
}

/**
 * A stand-in for a module that cannot be in a startup snapshot: the same export names, each a
 * getter that loads the module on first use once the snapshot runs (and throws
 * SnapshotBuildAccessError if used while it is built). A module that is a function (fastify,
 * ioredis's Redis) gets a callable stand-in that calls or constructs the real one; `extends` of it
 * reads `prototype` through a getter too.
 */
export function deferredModule(specifier: string, load: () => unknown, shape: ModuleShape): unknown {
  let real: Record<string, unknown> | undefined;
  const resolve = (key: string) => {
    if (startupSnapshot.isBuildingSnapshot()) throw new SnapshotBuildAccessError(specifier, key);
    real ??= load() as Record<string, unknown>;
    return real;
  };
  let stand: object = {};
  if (shape.callable) {
    // A bound function has no own `prototype`, so one can be defined as a getter below.
    function call(this: unknown, ...args: unknown[]): unknown {
      const fn = resolve('a call') as unknown as (...a: unknown[]) => unknown;
      if (!new.target) return Reflect.apply(fn, this, args);
      return Reflect.construct(fn, args, new.target === call ? fn : new.target) as unknown;
    }
    stand = call.bind(undefined);
  }
  const keys = shape.callable ? [...new Set([...shape.keys, 'prototype'])] : shape.keys;
  for (const key of keys) {
    Object.defineProperty(stand, key, {
      enumerable: key !== 'prototype',
      configurable: true,
      get: () => {
        const real = resolve(key);
        if (shape.runtimeEntry !== undefined && !(key in real))
          throw new RuntimeExportMissingError(specifier, key, shape.runtimeEntry);
        return real[key];
      },
    });
  }
  if (shape.esModule) Object.defineProperty(stand, '__esModule', { value: true });
  return stand;
}
