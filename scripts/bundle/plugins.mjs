// esbuild plugins that keep out of the bundle what the product never calls. Each one names the module it
// replaces and the reason; the build fails when one no longer matches anything (a dependency moved), so an
// upgrade cannot silently bring the weight back or break the telemetry path.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Modules replaced by a stub whose exports throw if ever called. `importer` is the module that requires
 * it; `request` is the specifier as written there.
 */
const STUBS = [
  {
    importer: /applicationinsights[\\/]out[\\/]src[\\/]shim[\\/]telemetryClient\.js$/,
    request: '../main',
    exports: ['useAzureMonitor', 'flushAzureMonitor', 'shutdownAzureMonitor'],
    // The global-provider mode: @azure/monitor-opentelemetry (auto-instrumentation, the OTLP gRPC and proto
    // exporters, Prometheus: ~10 MB). We construct TelemetryClient with `useGlobalProviders: false`.
    why: 'TelemetryClient runs with useGlobalProviders: false',
  },
  ...['logs', 'metrics', 'trace'].map((signal) => ({
    importer: /applicationinsights[\\/]out[\\/]src[\\/]shim[\\/]telemetryClientProvider\.js$/,
    request: `@opentelemetry/exporter-${signal}-otlp-http`,
    exports: [`OTLP${signal === 'logs' ? 'Log' : signal === 'metrics' ? 'Metric' : 'Trace'}Exporter`],
    // Built only when an otlp*ExporterConfig is enabled, which this product never sets.
    why: 'OTLP export is not offered; only Azure Monitor',
  })),
];

/** `mustMatch`: fail the build when a stub matched nothing (true for the bundle that holds telemetry). */
export function stubUnused({ mustMatch }) {
  return {
    name: 'stub-unused',
    setup(build) {
      const hits = new Set();
      for (const [i, s] of STUBS.entries()) {
        const filter = new RegExp(`^${s.request.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        build.onResolve({ filter }, (args) => {
          if (!s.importer.test(args.importer)) return undefined;
          hits.add(i);
          return { path: `${s.request} (${i})`, namespace: 'stub', pluginData: s };
        });
      }
      build.onLoad({ filter: /.*/, namespace: 'stub' }, ({ pluginData: s }) => ({
        loader: 'js',
        contents:
          `const unused = (name) => function () { throw new Error(${JSON.stringify(`${s.request}: not bundled (${s.why})`)} + ': ' + name); };\n` +
          s.exports.map((e) => `exports.${e} = unused(${JSON.stringify(e)});`).join('\n'),
      }));
      build.onEnd((result) => {
        if (result.errors.length || !mustMatch) return;
        const missed = STUBS.filter((_, i) => !hits.has(i));
        if (missed.length)
          return {
            errors: missed.map((s) => ({
              text: `stub for '${s.request}' (imported by ${s.importer}) matched nothing: check what the dependency now loads`,
            })),
          };
      });
    },
  };
}

/**
 * One undici, and only what is called of it. `undici` imported from src/ resolves to undici-slim.cjs
 * (Agent, ProxyAgent, EnvHttpProxyAgent, `dispatcher.request()`; the rest of undici's index is its own
 * chunk, loaded when `fetch` is first called). @actions/http-client imports `ProxyAgent` from its own
 * undici 6 (800 kB), only for `getAgentDispatcher()`, which the GitHub host never calls: it gets the same
 * module. @actions/github's proxy-aware fetch (the pull-request comment) imports `fetch` from a third copy,
 * undici 6: it gets undici-slim's `fetch`, the full index of the one undici, loaded on first call. undici's HTTP/2 client (and so `node:http2`, the costliest built-in to load) is required when
 * an HTTP/2 connection is made, which our dispatchers never allow.
 */
export function slimUndici(root, { mustMatch }) {
  const slim = path.join(root, 'scripts', 'bundle', 'undici-slim.cjs');
  const src = path.join(root, 'src') + path.sep;
  const h2 = "const connectH2 = require('./client-h2.js')";
  return {
    name: 'slim-undici',
    setup(build) {
      const hits = new Set();
      build.onResolve({ filter: /^undici$/ }, (args) => {
        const from = args.importer.startsWith(src)
          ? 'src'
          : /[\\/]@actions[\\/]http-client[\\/]/.test(args.importer)
            ? '@actions/http-client'
            : /[\\/]@actions[\\/]github[\\/]lib[\\/]/.test(args.importer)
              ? '@actions/github'
              : undefined;
        if (!from) return undefined;
        hits.add(from);
        return { path: slim };
      });
      build.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/ }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        if (!code.includes(h2)) return undefined;
        hits.add('client-h2');
        return {
          loader: 'js',
          contents: code.replace(h2, `${h2.split('=')[0]}= (...a) => require('./client-h2.js')(...a)`),
        };
      });
      build.onEnd((result) => {
        if (result.errors.length || !mustMatch || hits.size === 4) return;
        return { errors: [{ text: `slim-undici matched only ${[...hits].join(', ') || 'nothing'}` }] };
      });
    },
  };
}

/**
 * Built-ins that a dependency requires at load but uses only on a path we never take load on first use:
 * commander's `node:child_process` (executable subcommands).
 */
const LAZY_BUILTINS = [{ importer: /[\\/]commander[\\/]lib[\\/]command\.js$/, module: 'node:child_process' }];

export function lazyBuiltins({ mustMatch }) {
  return {
    name: 'lazy-builtins',
    setup(build) {
      const hits = new Set();
      build.onResolve({ filter: /^node:/ }, (args) => {
        const i = LAZY_BUILTINS.findIndex((b) => b.module === args.path && b.importer.test(args.importer));
        if (i < 0) return undefined;
        hits.add(i);
        return { path: args.path, namespace: 'lazy-builtin' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        loader: 'js',
        contents:
          `let m;\nconst load = () => (m ??= require(${JSON.stringify(args.path)}));\n` +
          'module.exports = new Proxy({}, { get: (_, k) => load()[k], has: (_, k) => k in load() });\n',
      }));
      build.onEnd((result) => {
        if (result.errors.length || !mustMatch || hits.size === LAZY_BUILTINS.length) return;
        return { errors: [{ text: 'lazy-builtins: a dependency no longer requires what it did' }] };
      });
    },
  };
}

/**
 * One copy of each Azure core package: the ESM sources import their ESM builds, CommonJS dependencies
 * (the Azure Monitor exporter) `require` the CommonJS builds of the same packages. Requires of these
 * dual packages resolve to the ESM build too, which esbuild wraps for `require`.
 */
export function preferEsmBuilds() {
  return {
    name: 'prefer-esm-builds',
    setup(build) {
      build.onResolve({ filter: /^@(azure|typespec)\/[^/]+$/ }, async (args) => {
        if (args.kind !== 'require-call' || args.pluginData === 'prefer-esm') return undefined;
        const r = await build.resolve(args.path, {
          kind: 'import-statement',
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'prefer-esm',
        });
        return r.errors.length ? undefined : { path: r.path };
      });
    },
  };
}

/**
 * Relative `import()` inside dependencies becomes a lazy `require`: the code stays in its package's chunk
 * instead of a tiny file each (OpenTelemetry's five getMachineId-<platform>.js, the exporter's statsbeat
 * and sender modules). The module is still evaluated only when the call runs.
 */
export function inlineRelativeDynamicImports() {
  return {
    name: 'inline-relative-dynamic-imports',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        if (!code.includes('import(')) return undefined;
        const out = code.replace(
          /\bimport\((['"])(\.{1,2}\/[^'"]+)\1\)/g,
          (_, q, spec) => `Promise.resolve().then(() => require(${q}${spec}${q}))`,
        );
        return out === code ? undefined : { contents: out, loader: 'js' };
      });
    },
  };
}
