/**
 * What the committed bundle weighs: all of dist/, and the JavaScript a run loads when telemetry is off
 * (the default path), measured by running the bundle with a loader hook that records every module:
 * the CLI with a token, the GitHub Action signing in with a client secret (@azure/identity) and the
 * Azure Pipelines task. Prints the figures; fails above the limits.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULTS } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { DIST, ROOT } from '../support/paths';
import { fileSimulator } from '../support/sim';

const MB = 1_000_000;
const LIMITS = { dist: 6 * MB, defaultPathJs: 2 * MB };
const RECORDER = pathToFileURL(path.join(ROOT, '__tests__', 'support', 'record-loads.mjs')).href;

const sim = fileSimulator();

const mb = (n: number) => `${(n / MB).toFixed(2)} MB`;

/** Runs the bundle; returns the dist/ JavaScript files it loaded and their total size. */
async function loadedJs(args: string[], env: Record<string, string>) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'loads-'));
  const log = path.join(tmp, 'loaded.txt');
  writeFileSync(log, '');
  const r = await runBundle(
    args,
    { ...env, FD_LOADED_LOG: log, NODE_OPTIONS: `--import=${RECORDER}` },
    undefined,
    undefined,
    tmp,
  );
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  const files = [
    ...new Set(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((u) => u.startsWith('file:'))
        .map((u) => fileURLToPath(u)),
    ),
  ].filter((f) => f.startsWith(DIST + path.sep) && f.endsWith('.js'));
  return {
    files: files.map((f) => path.relative(DIST, f)).sort(),
    bytes: files.reduce((s, f) => s + statSync(f).size, 0),
  };
}

it('dist/ as a whole stays under 6 MB', () => {
  const files = readdirSync(DIST, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const sizes = files.map((e) => {
    const f = path.join(e.parentPath, e.name);
    return [path.relative(DIST, f), statSync(f).size] as const;
  });
  const total = sizes.reduce((s, [, n]) => s + n, 0);
  const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `dist/: ${mb(total)} in ${sizes.length} files (limit ${mb(LIMITS.dist)}); largest: ` +
      largest.map(([f, n]) => `${f} ${mb(n)}`).join(', '),
  );
  expect(total).toBeLessThanOrEqual(LIMITS.dist);
});

it('a run with telemetry off loads at most 2 MB of JavaScript, and never the telemetry SDK', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'size-'));
  const config = path.join(ROOT, 'examples', 'fabric-deploy.yml');
  const outputFile = path.join(tmp, 'output');
  writeFileSync(outputFile, '');
  const runs = {
    'CLI plan (token)': await loadedJs(['plan', '--config', config, '--environment', 'dev'], {
      NODE_EXTRA_CA_CERTS: sim.caCertPath,
      FABRIC_DEPLOY_AUTH: 'token',
      FABRIC_DEPLOY_TOKEN: sim.issueToken(),
      FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
      FABRIC_DEPLOY_WORKSPACE_NAME: 'size-cli',
    }),
    'GitHub deploy (client secret)': await loadedJs([], {
      NODE_EXTRA_CA_CERTS: sim.caCertPath,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: tmp,
      INPUT_CONFIG: config,
      INPUT_ENVIRONMENT: 'dev',
      'INPUT_WORKSPACE-NAME': 'size-gh',
      INPUT_AUTH: 'client-secret',
      'INPUT_TENANT-ID': sim.tenantId,
      'INPUT_CLIENT-ID': DEFAULTS.deployApp.clientId,
      'INPUT_CLIENT-SECRET': DEFAULTS.deployApp.secret as string,
      'INPUT_AUTHORITY-HOST': sim.authorityHost,
      'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
    }),
    'Azure Pipelines deploy (token)': await loadedJs([], {
      NODE_EXTRA_CA_CERTS: sim.caCertPath,
      TF_BUILD: 'True',
      AGENT_TEMPDIRECTORY: tmp,
      INPUT_CONFIG: config,
      INPUT_ENVIRONMENT: 'dev',
      INPUT_WORKSPACENAME: 'size-ado',
      INPUT_AUTH: 'token',
      INPUT_TOKEN: sim.issueToken(),
      INPUT_FABRICAPIURL: sim.fabricApiUrl,
    }),
  };
  for (const [name, r] of Object.entries(runs))
    console.log(
      `${name}: ${mb(r.bytes)} of JavaScript loaded (limit ${mb(LIMITS.defaultPathJs)}): ${r.files.join(', ')}`,
    );
  for (const r of Object.values(runs)) {
    expect(r.bytes).toBeLessThanOrEqual(LIMITS.defaultPathJs);
    expect(r.files).not.toContain(path.join('chunks', 'app-insights.js'));
    expect(r.files).toContain(path.join('chunks', 'main.js'));
  }
});
