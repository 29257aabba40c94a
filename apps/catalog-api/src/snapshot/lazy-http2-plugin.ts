import http2 from 'node:http2';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'lazy-http2';

/**
 * The esbuild plugin for RUNTIME_MODULES bundles: `node:http2` becomes a stand-in holding its
 * `constants` (read by the build, on the Node binary the snapshot is built for and runs on: the
 * manifest checks it) that loads the real module on any other use. undici reads only the constants
 * at module level and speaks HTTP/2 only when asked to (`allowH2`, which the catalog never sets);
 * loading node:http2 took 8–10 ms of a cold start before the warm-up's first request.
 */
export function lazyHttp2Plugin(): Plugin {
  return {
    name: 'lazy-http2',
    setup(build) {
      build.onResolve({ filter: /^(node:)?http2$/ }, (args) =>
        // The stand-in's own require is of the real module.
        args.namespace === NAMESPACE
          ? { path: 'node:http2', external: true }
          : { path: 'node:http2', namespace: NAMESPACE },
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({
        loader: 'js',
        contents: [
          `const constants = Object.freeze(${JSON.stringify(http2.constants)});`,
          'let real;',
          "const load = () => (real ??= require('node:http2'));",
          'module.exports = new Proxy({ constants }, {',
          "  get: (target, key) => (key === 'constants' ? constants : load()[key]),",
          "  has: (target, key) => key === 'constants' || key in load(),",
          '  ownKeys: () => Reflect.ownKeys(load()),',
          '  getOwnPropertyDescriptor: (target, key) =>',
          "    key === 'constants' ? { value: constants, enumerable: true, configurable: true, writable: true }",
          '      : Reflect.getOwnPropertyDescriptor(load(), key),',
          '});',
        ].join('\n'),
      }));
    },
  };
}
