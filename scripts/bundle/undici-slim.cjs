// What the product calls of undici (bundle only: `undici` imported from src/ and @actions/http-client
// resolves here). Its index also evaluates fetch, WebSocket, EventSource, cookies, mocks and caches at
// import, a tenth of a second of start-up before the first request; `fetch` (identity with an extra CA
// or a proxy) loads the full index, a chunk of its own, on first call.
'use strict';
const Dispatcher = require('undici/lib/dispatcher/dispatcher');

// As undici's index does: `dispatcher.request()` and the other API methods on every dispatcher.
Object.assign(Dispatcher.prototype, require('undici/lib/api'));

exports.Dispatcher = Dispatcher;
exports.Agent = require('undici/lib/dispatcher/agent');
exports.ProxyAgent = require('undici/lib/dispatcher/proxy-agent');
exports.EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent');
// A split chunk of a CommonJS module has only a default export; Node's loader gives named ones too.
exports.fetch = (input, init) =>
  import('undici/index.js').then((undici) => (undici.fetch ?? undici.default.fetch)(input, init));
