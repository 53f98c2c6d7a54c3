/**
 * The steps after an item's definition, planned and journalled as fabric-cicd performs them.
 *
 * parameter.yml `semantic_model_binding` through the Connections API: the model
 * is deployed, then its data source is bound to the connection (`POST …/semanticModels/{id}/bindConnection`);
 * a re-deploy with the binding in place writes nothing; a new binding is planned and applied on an
 * unchanged model; a connection that does not exist stops the run before any write.
 *
 * A VariableLibrary's value set for the environment: activated after the deploy, and set back when the
 * workspace's active set was changed although the library itself is unchanged. Through the bundle.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS, type RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { addFault, clearFaults, requestCount, writesSince } from '../support/deploy';
import { ROOT } from '../support/paths';
import { stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));

const MODEL = 'Sales Model';
const SQL = DEFAULTS.connections.salesSql;
const WEB = DEFAULTS.connections.web;
const MISSING = '0badc0de-0000-4000-8000-000000000bad';

const binding = (models: string) => `# bindings per environment
semantic_model_binding:
  models:
${models}`;
const bind = (id: string) =>
  `    - semantic_model_name: "${MODEL}"\n      connection_id:\n        dev: "${id}"\n`;

/** A checkout with examples' `item` (default: the semantic model) and a parameter.yml of `parameters`. */
function checkout(workspace: string, parameters: string, item = `${MODEL}.SemanticModel`): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-bind-'));
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: ${workspace}\nitems:\n  directory: workspace\n  parameterFile: workspace/parameter.yml\nenvironments:\n  dev: {}\n  test: {}\n`,
  );
  cpSync(path.join(ROOT, 'examples', 'workspace', item), path.join(dir, 'workspace', item), {
    recursive: true,
  });
  writeFileSync(path.join(dir, 'workspace', 'parameter.yml'), parameters);
  return dir;
}

async function deploy(dir: string, environment = 'dev') {
  const out = path.join(dir, 'out');
  writeFileSync(out, '');
  const r = await runBundle([], {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: out,
    RUNNER_TEMP: dir,
    INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
    INPUT_ENVIRONMENT: environment,
    INPUT_AUTH: 'token',
    INPUT_TOKEN: token,
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
  });
  return { ...r, outputs: parseGitHubOutputs(out) };
}

/** The connections the deployed model's data sources are bound to, as the Fabric API lists them. */
async function boundTo(workspace: string): Promise<string[]> {
  const ws = Object.values(sim.state.workspaces).find((w) => w.displayName === workspace)!;
  const model = Object.values(sim.state.items).find(
    (i) => i.workspaceId === ws.id && i.type === 'SemanticModel',
  )!;
  const res = await fetch(`${sim.url}/v1/workspaces/${ws.id}/items/${model.id}/connections`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { value: { id: string }[] };
  return body.value.map((c) => c.id).sort();
}

test('the model is bound after it is deployed; a re-deploy writes nothing; a new binding is planned and applied', async () => {
  const dir = checkout('bind-ok', binding(bind(SQL)));
  const first = await deploy(dir);
  expect(first.code).toBe(0);
  expect(first.stdout).toContain(`~ SemanticModel '${MODEL}': bind to connection 'Sales SQL (sim)' (${SQL}`);
  expect(first.stdout).toContain(`bound SemanticModel '${MODEL}' to connection 'Sales SQL (sim)' (${SQL})`);
  expect(await boundTo('bind-ok')).toEqual([SQL]);

  const before = await requestCount(sim);
  const again = await deploy(dir);
  expect(again.code).toBe(0);
  expect(again.outputs['has-changes']).toBe('false');
  expect(await writesSince(sim, before)).toEqual([]);

  // The model itself is unchanged: only the binding is planned, and applied.
  writeFileSync(path.join(dir, 'workspace', 'parameter.yml'), binding(bind(WEB)));
  const rebound = await deploy(dir);
  expect(rebound.code).toBe(0);
  expect(rebound.stdout).toMatch(/plan: 1 change/);
  expect(rebound.stdout).toContain(
    `~ SemanticModel '${MODEL}': bind to connection 'Contoso Web (sim)' (${WEB}`,
  );
  const writes = (await writesSince(sim, before)).map(
    (w) => `${w.method} ${w.path.replace(/[0-9a-f-]{36}/g, '{id}')}`,
  );
  expect(writes.filter((w) => w.includes('bindConnection'))).toEqual([
    'POST /v1/workspaces/{id}/semanticModels/{id}/bindConnection',
  ]);
  expect(await boundTo('bind-ok')).toEqual([SQL, WEB].sort());
});

test('a failure after the binding rolls it back: the data source is bound to its previous connection again', async () => {
  const REPLICA = '5c000000-0000-4000-8000-00000000c0ff';
  sim.state.connections[REPLICA] = {
    ...sim.state.connections[SQL]!,
    id: REPLICA,
    displayName: 'Sales SQL replica (sim)',
  };
  const dir = checkout('bind-rollback', binding(bind(SQL)));
  expect((await deploy(dir)).code).toBe(0);
  expect(await boundTo('bind-rollback')).toEqual([SQL]);

  // Rebind the same data source to the replica, and bring in the report, whose create (after the model) fails.
  writeFileSync(path.join(dir, 'workspace', 'parameter.yml'), binding(bind(REPLICA)));
  cpSync(
    path.join(ROOT, 'examples', 'workspace', 'Sales Report.Report'),
    path.join(dir, 'workspace', 'Sales Report.Report'),
    { recursive: true },
  );
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items',
    action: { status: 400, errorCode: 'InvalidDefinition' },
  });
  try {
    const r = await deploy(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `bound SemanticModel '${MODEL}' to connection 'Sales SQL replica (sim)' (${REPLICA})`,
    );
    expect(r.outputs.result).toBe('rolled-back');
  } finally {
    await clearFaults(sim);
  }
  expect(await boundTo('bind-rollback')).toEqual([SQL]);
});

test('a binding naming a connection that does not exist: error at its line, exit 1, nothing written', async () => {
  const dir = checkout('bind-missing', binding(bind(MISSING)));
  const before = await requestCount(sim);
  const r = await deploy(dir);
  expect(r.code).toBe(1);
  const text = readFileSync(path.join(dir, 'workspace', 'parameter.yml'), 'utf8').split('\n');
  const line = text.findIndex((l) => l.includes(MISSING)) + 1;
  expect(r.stdout).toMatch(
    new RegExp(
      `::error file=workspace/parameter\\.yml,line=${line},col=\\d+::semantic_model_binding: connection '${MISSING}' for SemanticModel '${MODEL}' does not exist`,
    ),
  );
  expect(r.stdout).toContain('Manage connections and gateways');
  expect(await writesSince(sim, before)).toEqual([]);
  expect(Object.values(sim.state.workspaces).some((w) => w.displayName === 'bind-missing')).toBe(false);
});

describe('VariableLibrary value set', () => {
  const LIB = 'Sales Config';
  const library = (workspace: string) => {
    const ws = Object.values(sim.state.workspaces).find((w) => w.displayName === workspace)!;
    return Object.values(sim.state.items).find(
      (i) => i.workspaceId === ws.id && i.type === 'VariableLibrary',
    )!;
  };
  const active = (workspace: string) => library(workspace).properties?.activeValueSetName;

  test('an unchanged library whose active set was changed in the workspace is set back, as a planned step', async () => {
    const dir = checkout('value-set', '# none\n', `${LIB}.VariableLibrary`);
    expect((await deploy(dir, 'test')).code).toBe(0);
    expect(active('value-set')).toBe('test');

    // Someone activates another set in the workspace.
    const lib = library('value-set');
    const res = await fetch(`${sim.url}/v1/workspaces/${lib.workspaceId}/variableLibraries/${lib.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { activeValueSetName: 'prod' } }),
    });
    expect(res.status).toBe(200);

    const before = await requestCount(sim);
    const again = await deploy(dir, 'test');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/plan: 1 change/);
    expect(again.stdout).toContain(`~ VariableLibrary '${LIB}': activate value set 'test', was 'prod'`);
    expect(again.outputs['has-changes']).toBe('true');
    const writes = await writesSince(sim, before);
    expect(writes.filter((w) => !/fabric-deploy|folders/.test(w.path)).map((w) => w.method)).toEqual([
      'PATCH',
    ]);
    expect(active('value-set')).toBe('test');

    const last = await requestCount(sim);
    const third = await deploy(dir, 'test');
    expect(third.code).toBe(0);
    expect(third.outputs['has-changes']).toBe('false');
    expect(await writesSince(sim, last)).toEqual([]);
  });
});
