import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import type { ModuleShape } from './deferred-module.ts';
import { runtimeModuleFile } from './runtime-module-path.ts';

/**
 * Builtins whose loading alone breaks `node --build-snapshot` on Node 24 (V8 aborts with
 * "CheckGlobalAndEternalHandles failed": their bindings keep handles a snapshot cannot hold). Modules
 * that only use them inside functions (prom-client's pushgateway, ioredis) get a deferred stand-in.
 */
export const DEFERRED_BUILTINS = ['http', 'https', 'http2', 'tls'] as const;

/** A module bundled on its own and loaded when the snapshot runs, instead of being evaluated into it. */
export interface RuntimeModule {
  /** A package name, or a file inside a package (matched by the end of its resolved path). */
  specifier: string;
  why: string;
  /**
   * A file (relative to the app's folder) bundled in place of the package: the part of it the app
   * uses, when loading all of it would slow the start. Other exports fail on use, naming this file.
   */
  entry?: string;
}

export const RUNTIME_MODULES: readonly RuntimeModule[] = [
  {
    specifier: 'undici',
    why: 'reads node:http (IncomingMessage, STATUS_CODES, maxHeaderSize) and node:http2 constants at module level',
    entry: 'src/snapshot/undici-runtime.cjs',
  },
  { specifier: 'fastify', why: 'light-my-request and fastify read node:http at module level' },
  { specifier: 'ioredis', why: 'only loaded with REDIS_URL: kept out of the snapshot and loaded from its own bundle' },
  {
    specifier: 'prom-client/lib/metrics/processStartTime.js',
    why: 'computes process_start_time_seconds at module level (it would report the build time)',
  },
];

const NAMESPACE = 'snapshot-deferred';
const DEFERRED_MODULE = path.join(import.meta.dirname, 'deferred-module.ts');
const builtinFilter = new RegExp(`^(node:)?(${DEFERRED_BUILTINS.join('|')})$`);

function shapeOf(value: unknown): ModuleShape {
  return {
    keys: Object.keys(value as object),
    callable: typeof value === 'function',
    esModule: (value as { __esModule?: unknown }).__esModule === true,
  };
}

function shim(specifier: string, loader: string, shape: ModuleShape): string {
  return [
    `const { deferredModule } = require(${JSON.stringify(DEFERRED_MODULE)});`,
    `module.exports = deferredModule(${JSON.stringify(specifier)}, () => ${loader}, ${JSON.stringify(shape)});`,
  ].join('\n');
}

/**
 * The esbuild plugin that makes the start bundle safe to evaluate into a startup snapshot:
 * DEFERRED_BUILTINS and RUNTIME_MODULES become stand-ins loading the real module at run time
 * (RUNTIME_MODULES from `runtime/<name>.cjs` beside the bundle), and `import.meta.dirname`,
 * `filename` and `url` in TypeScript sources become the source file's own (CommonJS output has no
 * import.meta; the web page's files are read from src/web).
 */
export function snapshotPlugin(appDir: string, outDir: string): Plugin {
  const appRequire = createRequire(path.join(appDir, 'package.json'));
  const files = RUNTIME_MODULES.filter((m) => m.specifier.includes('/')).map((m) => ({
    module: m,
    path: appRequire.resolve(m.specifier),
  }));
  const packages = new Set(RUNTIME_MODULES.filter((m) => !m.specifier.includes('/')).map((m) => m.specifier));
  const runtimeLoader = (specifier: string) => {
    const relative = path.relative(outDir, runtimeModuleFile(outDir, specifier));
    return `require('node:module').createRequire(__filename)(require('node:path').join(__dirname, ${JSON.stringify(relative)}))`;
  };
  return {
    name: 'snapshot',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace === NAMESPACE) return undefined;
        if (builtinFilter.test(args.path))
          return { path: `node:${args.path.replace(/^node:/, '')}`, namespace: NAMESPACE };
        if (packages.has(args.path)) return { path: args.path, namespace: NAMESPACE };
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const isBuiltin = args.path.startsWith('node:');
        const loader = isBuiltin ? `require(${JSON.stringify(args.path)})` : runtimeLoader(args.path);
        const entry = RUNTIME_MODULES.find((m) => m.specifier === args.path)?.entry;
        const shape = { ...shapeOf(appRequire(args.path)), ...(entry ? { runtimeEntry: entry } : {}) };
        return { contents: shim(args.path, loader, shape), loader: 'js', resolveDir: appDir };
      });
      for (const file of files) {
        const filter = new RegExp(`${file.path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        build.onLoad({ filter }, () => ({
          contents: shim(file.module.specifier, runtimeLoader(file.module.specifier), shapeOf(appRequire(file.path))),
          loader: 'js',
          resolveDir: appDir,
        }));
      }
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta')) return undefined;
        const contents = text
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path))
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
        return { contents, loader: 'ts' };
      });
    },
  };
}
