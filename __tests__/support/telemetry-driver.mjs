// Child-process driver for telemetry.child.test.ts. argv: <transpiled dir> <mode>; SIM_* in env.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, mode] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const loaded = () =>
  Object.keys(require.cache).filter((k) =>
    /[\\/]node_modules[\\/](applicationinsights|@opentelemetry|@azure[\\/]monitor-opentelemetry)/.test(k),
  ).length;
const { createTelemetry } = await import(pathToFileURL(path.join(dir, 'src/report/telemetry.js')).href);
const log = {
  info() {},
  warn: (m) => lines.push(`warn: ${m}`),
  error() {},
  debug: (m) => lines.push(`debug: ${m}`),
  group: (_n, fn) => fn(),
};
const lines = [];
const base = {
  deploymentId: '0d3c2b1a-0000-4000-8000-000000000001',
  environment: 'test',
  host: 'cli',
  log,
  scrub: (s) => s,
};
const out = { mode, before: loaded() };
if (mode === 'off') {
  const t = await createTelemetry({ ...base, enabled: false, connectionString: process.env.SIM_CS });
  t.event('DeploymentStarted');
  await t.flush();
  // Also the misconfigured case: on, but no connection string.
  const t2 = await createTelemetry({ ...base, enabled: true });
  t2.event('DeploymentStarted');
  await t2.flush();
} else {
  const t = await createTelemetry({
    ...base,
    enabled: true,
    connectionString: process.env.SIM_CS,
    caCertificates: process.env.SIM_CA,
    // 'on' checks delivery (a loaded machine may need more than 2 s); 'hang' checks the default budget.
    flushTimeoutMs: mode === 'on' ? 20_000 : undefined,
  });
  t.event('DeploymentStarted', { n: 1 });
  t.dependency({
    name: 'GET /v1/workspaces',
    target: 'api.fabric.microsoft.com',
    durationMs: 5,
    resultCode: 200,
    success: true,
  });
  const started = performance.now();
  await t.flush();
  out.flushMs = Math.round(performance.now() - started);
}
out.after = loaded();
out.lines = lines;
process.stdout.write(JSON.stringify(out) + '\n');
const t0 = performance.now();
// What keeps the process alive after this point is what the test measures.
process.on('exit', () => process.stderr.write(`exit-after-ms ${Math.round(performance.now() - t0)}\n`));
