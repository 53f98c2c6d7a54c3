/**
 * Issue #2's bad inputs: each gets a clear message (file and line where there is one), exit code 1 and no
 * write to Fabric. Runs the real `run()` with an in-memory host against the simulator.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { run } from '../../src/main';
import { MemoryHost } from '../support/memory-host';
import { fabricWrites, stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));

const platform = (type: string, name: string, logicalId: string) =>
  JSON.stringify(
    {
      $schema:
        'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json',
      metadata: { type, displayName: name },
      config: { version: '2.0', logicalId },
    },
    null,
    2,
  );

/** A project in a temp dir: fabric-deploy.yml plus item folders. */
function project(config: string | undefined, items: Record<string, Record<string, string>> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-bad-'));
  if (config !== undefined) writeFileSync(path.join(dir, 'fabric-deploy.yml'), config);
  for (const [folder, files] of Object.entries(items)) {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, 'items', folder, file)), { recursive: true });
      writeFileSync(path.join(dir, 'items', folder, file), text);
    }
  }
  return dir;
}

const GOOD_CONFIG = 'version: 1\nworkspace:\n  name: bad-input-ws\nitems:\n  directory: items\n';
const NB = { 'notebook-content.py': '# Fabric notebook source\nprint(1)\n' };

async function runWith(dir: string, inputs: Record<string, string> = {}) {
  const before = (await fabricWrites(sim)).length;
  const host = new MemoryHost({
    config: path.join(dir, 'fabric-deploy.yml'),
    auth: 'token',
    token,
    'fabric-api-url': sim.fabricApiUrl,
    ...inputs,
  });
  await run(host);
  const writes = (await fabricWrites(sim)).length - before;
  const error = host.errors()[0];
  return { host, writes, error };
}

function expectRejected(r: Awaited<ReturnType<typeof runWith>>, pattern: RegExp) {
  expect(r.host.result?.result).toBe('failed');
  expect(r.error?.message).toMatch(pattern);
  expect(r.writes).toBe(0);
  expect(r.host.outputs.result).toBe('failed');
}

describe('bad input is refused before any write', () => {
  it('no config file', async () => {
    const dir = project(undefined);
    const r = await runWith(dir);
    expectRejected(r, /config file not found/);
    expect(r.error!.annotation?.file).toBe(path.join(dir, 'fabric-deploy.yml'));
    expect(r.error!.message).toMatch(/fix: create/);
  });

  it('YAML syntax error, with line and column', async () => {
    const r = await runWith(project('version: 1\nworkspace:\n  name: "unterminated\nitems: {}\n'));
    expectRejected(r, /YAML syntax error/);
    expect(r.error!.annotation).toMatchObject({ line: expect.any(Number), col: expect.any(Number) });
    expect(r.error!.annotation!.line).toBeGreaterThanOrEqual(3);
  });

  it('unknown top-level key, naming the allowed keys', async () => {
    const r = await runWith(
      project(GOOD_CONFIG + 'itemz:\n  directory: x\n', {
        'A.Notebook': {
          '.platform': platform('Notebook', 'A', '11111111-1111-1111-1111-111111111111'),
          ...NB,
        },
      }),
    );
    expectRejected(r, /unknown key 'itemz' at the top level/);
    expect(r.error!.annotation).toMatchObject({ line: 6, col: 1 });
    expect(r.error!.message).toMatch(/use one of: .*items/);
  });

  it('workspace with neither id nor name', async () => {
    const r = await runWith(
      project('version: 1\nworkspace:\n  description: no name\nitems:\n  directory: items\n'),
    );
    expectRejected(r, /workspace needs an id or a name/);
    expect(r.error!.annotation).toMatchObject({ line: 3 });
  });

  it('missing items directory, pointing at the config line', async () => {
    const r = await runWith(project('version: 1\nworkspace:\n  name: x\nitems:\n  directory: nowhere\n'));
    expectRejected(r, /items directory 'nowhere' does not exist|does not exist/);
    expect(r.error!.annotation).toMatchObject({ line: 5 });
  });

  it('item folder without .platform', async () => {
    const r = await runWith(project(GOOD_CONFIG, { 'Lonely.Notebook': NB }));
    expectRejected(r, /has no \.platform file/);
    expect(r.error!.annotation?.file).toMatch(/Lonely\.Notebook/);
  });

  it('.platform without type', async () => {
    const bad = JSON.stringify(
      { metadata: { displayName: 'X' }, config: { logicalId: '22222222-2222-2222-2222-222222222222' } },
      null,
      2,
    );
    const r = await runWith(project(GOOD_CONFIG, { 'X.Notebook': { '.platform': bad, ...NB } }));
    expectRejected(r, /\.platform has no metadata\.type/);
    expect(r.error!.annotation?.file).toMatch(/X\.Notebook\/\.platform$/);
  });

  it('.platform without displayName', async () => {
    const bad = JSON.stringify(
      { metadata: { type: 'Notebook' }, config: { logicalId: '33333333-3333-3333-3333-333333333333' } },
      null,
      2,
    );
    const r = await runWith(project(GOOD_CONFIG, { 'Y.Notebook': { '.platform': bad, ...NB } }));
    expectRejected(r, /\.platform has no metadata\.displayName/);
  });

  it('two items with the same logicalId', async () => {
    const id = '44444444-4444-4444-4444-444444444444';
    const r = await runWith(
      project(GOOD_CONFIG, {
        'One.Notebook': { '.platform': platform('Notebook', 'One', id), ...NB },
        'Two.Notebook': { '.platform': platform('Notebook', 'Two', id), ...NB },
      }),
    );
    expectRejected(r, /same logicalId 44444444/);
    expect(r.error!.annotation?.line).toBeGreaterThan(1);
  });

  it('an input with an unknown value lists the allowed ones', async () => {
    const r = await runWith(project(GOOD_CONFIG), { auth: 'foo' });
    expectRejected(r, /input 'auth' has the unknown value 'foo'/);
    expect(r.error!.message).toMatch(
      /auto, oidc, client-secret, certificate, managed-identity, azure-cli, token/,
    );
  });

  it('auth: token without a token', async () => {
    const dir = project(GOOD_CONFIG, {
      'A.Notebook': { '.platform': platform('Notebook', 'A', '55555555-5555-5555-5555-555555555555'), ...NB },
    });
    const r = await runWith(dir, { token: '' });
    expectRejected(r, /auth token needs token/);
    expect(r.error!.message).toMatch(/fix: .*token/);
  });
});

describe('more inputs checked before any network call', () => {
  it('a boolean input with another value', async () => {
    const r = await runWith(project(GOOD_CONFIG), { 'destroy-workspace': 'ture' });
    expectRejected(r, /input 'destroy-workspace' must be true or false, not 'ture'/);
  });

  it('lock-wait-seconds that is not a number', async () => {
    const r = await runWith(project(GOOD_CONFIG), { 'lock-wait-seconds': 'soon' });
    expectRejected(r, /lock-wait-seconds' must be a number/);
  });

  it('a graph-url over plain http to a host that is not loopback', async () => {
    const r = await runWith(project(GOOD_CONFIG), { 'graph-url': 'http://graph.example.com/v1.0' });
    expectRejected(r, /graph-url/);
  });

  it('an environment the config does not define', async () => {
    const dir = project(
      'version: 1\nworkspace:\n  name: x\nitems:\n  directory: items\nenvironments:\n  dev: {}\n',
    );
    const r = await runWith(dir, { environment: 'prdo' });
    expectRejected(r, /environment 'prdo' is not defined/);
    expect(r.error!.annotation?.line).toBe(6);
  });
});
