/**
 * The committed bundle, run the way GitHub Actions and Azure Pipelines run it (INPUT_* variables,
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, ##vso logging commands), under Node 20 and Node 24,
 * deploying examples/ into the simulator. Asserts outputs, summary and the simulator's resulting state.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { adoSummary, NODES, parseGitHubOutputs, parseVso, requireNode24, runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { stopSimulator, withSimulator } from '../support/sim';

const EXAMPLES = path.join(ROOT, 'examples');
const exampleItems = readdirSync(path.join(EXAMPLES, 'workspace'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && /\.[A-Za-z]+$/.test(d.name))
  .map((d) => d.name);

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  requireNode24();
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));

async function workspaceItems(name: string) {
  const auth = { authorization: `Bearer ${token}` };
  const list = (await (await fetch(`${sim.fabricApiUrl}/workspaces`, { headers: auth })).json()) as {
    value: { id: string; displayName: string }[];
  };
  const ws = list.value.find((w) => w.displayName === name);
  if (!ws) return undefined;
  const items = (await (
    await fetch(`${sim.fabricApiUrl}/workspaces/${ws.id}/items`, { headers: auth })
  ).json()) as { value: { displayName: string; type: string }[] };
  return { ws, items: items.value };
}

describe.each(NODES)('bundle under $name', ({ name, bin }) => {
  it('runs as a GitHub Action: outputs, job summary, simulator state; the token never printed', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), `gh-${name}-`));
    const outputFile = path.join(tmp, 'output');
    const summaryFile = path.join(tmp, 'summary.md');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const wsName = `smoke-gh-${name}`;
    const r = await runBundle(
      [],
      {
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: tmp,
        INPUT_CONFIG: path.join(EXAMPLES, 'fabric-deploy.yml'),
        INPUT_ENVIRONMENT: 'dev',
        'INPUT_WORKSPACE-NAME': wsName,
        INPUT_AUTH: 'token',
        INPUT_TOKEN: token,
        'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
      },
      bin,
    );
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    const outputs = parseGitHubOutputs(outputFile);
    expect(outputs.result).toBe('succeeded');
    const items = JSON.parse(outputs.items!) as { name: string; type: string; id: string; action: string }[];
    expect(items).toHaveLength(exampleItems.length);
    expect(new Set(items.map((i) => i.action))).toEqual(new Set(['create']));
    const state = await workspaceItems(wsName);
    expect(state?.ws.id).toBe(outputs['workspace-id']);
    for (const i of items)
      expect(state!.items).toContainEqual(expect.objectContaining({ displayName: i.name, type: i.type }));
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toMatch(/Fabric Deployment succeeded/);
    for (const i of items) expect(summary).toContain(i.name);
    // The token appears once, in the runner's ::add-mask:: command, and nowhere else.
    expect(r.stdout).toContain(`::add-mask::${token}`);
    const visible =
      r.stdout.replace(/^::add-mask::.*$/gm, '') + r.stderr + summary + readFileSync(outputFile, 'utf8');
    expect(visible).not.toContain(token);
  });

  it('runs as an Azure Pipelines task: ##vso output variables, summary upload, result', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), `ado-${name}-`));
    const wsName = `smoke-ado-${name}`;
    const r = await runBundle(
      [],
      {
        TF_BUILD: 'True',
        AGENT_TEMPDIRECTORY: tmp,
        INPUT_CONFIG: path.join(EXAMPLES, 'fabric-deploy.yml'),
        INPUT_ENVIRONMENT: 'dev',
        INPUT_WORKSPACENAME: wsName,
        INPUT_AUTH: 'token',
        INPUT_TOKEN: token,
        INPUT_FABRICAPIURL: sim.fabricApiUrl,
      },
      bin,
      undefined,
      tmp,
    );
    expect(r.code).toBe(0);
    const cmds = parseVso(r.stdout);
    const vars = Object.fromEntries(
      cmds
        .filter((c) => c.command === 'task.setvariable')
        .map((c) => [c.props.variable, { value: c.message, isOutput: c.props.isOutput ?? c.props.isoutput }]),
    );
    expect(vars.result).toEqual({ value: 'succeeded', isOutput: 'true' });
    expect(vars.workspaceId?.value).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(vars.items!.value)).toHaveLength(exampleItems.length);
    // The run's summary section is headed "Fabric Deploy (dev)" (an attachment of the summary type).
    const upload = adoSummary(cmds);
    expect(upload?.name).toBe('Fabric Deploy (dev)');
    expect(readFileSync(upload!.file, 'utf8')).toMatch(/Fabric Deployment succeeded/);
    expect(cmds.find((c) => c.command === 'task.complete')?.props.result).toBe('Succeeded');
    expect(cmds.some((c) => c.command === 'task.setsecret' && c.message === token)).toBe(true);
    expect(r.stdout.replace(/##vso\[task\.setsecret\][^\n]*/g, '') + r.stderr).not.toContain(token);
    const state = await workspaceItems(wsName);
    expect(state?.ws.id).toBe(vars.workspaceId!.value);
    expect(state!.items.filter((i) => i.type !== 'SQLEndpoint')).toHaveLength(exampleItems.length);
  });

  it('fails with exit code 1 and an annotation for a broken config', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), `bad-${name}-`));
    const cfg = path.join(tmp, 'fabric-deploy.yml');
    writeFileSync(cfg, 'version: 1\nworkspace:\n  name: x\nfoo: 1\n');
    const outputFile = path.join(tmp, 'output');
    writeFileSync(outputFile, '');
    const r = await runBundle(
      [],
      {
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        INPUT_CONFIG: cfg,
        INPUT_AUTH: 'token',
        INPUT_TOKEN: token,
        'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
      },
      bin,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `::error file=${cfg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},line=4,col=1::unknown key 'foo'`,
      ),
    );
    expect(parseGitHubOutputs(outputFile).result).toBe('failed');
  });
});
