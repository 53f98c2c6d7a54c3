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
 * One undici: @actions/http-client imports `ProxyAgent` from its own undici 6 (800 kB), used only by
 * `getAgentDispatcher()`, which the GitHub host never calls; it gets the project's undici, whose
 * ProxyAgent takes the same options.
 */
export function oneUndici(root, { mustMatch }) {
  const undici = path.join(root, 'node_modules', 'undici', 'index.js');
  return {
    name: 'one-undici',
    setup(build) {
      let hit = false;
      build.onResolve({ filter: /^undici$/ }, (args) => {
        if (!/[\\/]@actions[\\/]http-client[\\/]/.test(args.importer)) return undefined;
        hit = true;
        return { path: undici };
      });
      build.onEnd((result) => {
        if (!result.errors.length && !hit && mustMatch)
          return {
            errors: [{ text: 'one-undici matched nothing: does @actions/http-client still import undici?' }],
          };
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
