'use strict';
// What the start snapshot loads of undici when it runs (RUNTIME_MODULES in snapshot-plugin.ts): the
// two exports the catalog uses, `request` (provider-utils' HTTP client) and `Agent` (the upstream
// pool, compose-catalog.ts), from undici's own modules. undici's index also loads fetch, WebSocket,
// EventSource, cookies, caches and mocks: bundled, that took ~60 ms of a cold start before the
// first upstream request could be written; this takes ~30 ms. A use of any other undici export in
// the start bundle fails with a message naming this file (deferred-module.ts).
const Agent = require('undici/lib/dispatcher/agent.js');
const Dispatcher = require('undici/lib/dispatcher/dispatcher.js');
const api = require('undici/lib/api/index.js');
const util = require('undici/lib/core/util.js');
const { InvalidArgumentError } = require('undici/lib/core/errors.js');
const { getGlobalDispatcher } = require('undici/lib/global.js');

// As undici's index does: every dispatcher gets request(), stream(), pipeline()…
Object.assign(Dispatcher.prototype, api);

/** undici's top-level `request(url, opts)`: the same argument handling as its index (makeDispatcher). */
function request(url, opts) {
  if (!url || (typeof url !== 'string' && typeof url !== 'object' && !(url instanceof URL))) {
    throw new InvalidArgumentError('invalid url');
  }
  if (opts != null && typeof opts !== 'object') throw new InvalidArgumentError('invalid opts');
  if (opts && opts.path != null) {
    if (typeof opts.path !== 'string') throw new InvalidArgumentError('invalid opts.path');
    const path = opts.path.startsWith('/') ? opts.path : `/${opts.path}`;
    url = new URL(util.parseOrigin(url).origin + path);
  } else {
    if (!opts) opts = typeof url === 'object' ? url : {};
    url = util.parseURL(url);
  }
  const { agent, dispatcher = getGlobalDispatcher(), ...rest } = opts;
  if (agent) throw new InvalidArgumentError('unsupported opts.agent. Did you mean opts.client?');
  return api.request.call(dispatcher, {
    ...rest,
    origin: url.origin,
    path: url.search ? `${url.pathname}${url.search}` : url.pathname,
    method: opts.method || (opts.body ? 'PUT' : 'GET'),
  });
}

module.exports = { Agent, request };
