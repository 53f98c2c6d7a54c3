/**
 * A run that fails before it has a report (bad settings, a refused sign-in) still writes its summary,
 * on both hosts, through the committed bundle: the failed result and the error as a table (code,
 * message, file:line, field, fix), never a secret. On Azure Pipelines the summary is an attachment of
 * the summary type named "Fabric Deploy (<environment>)", the heading of its section.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS } from '../../src/simulator/state';
import { adoSummary, parseGitHubOutputs, parseVso, runBundle } from '../support/bundle';
import { fileSimulator } from '../support/sim';

const sim = fileSimulator();

const WRONG_SECRET = 'wrong-secret-4b7e1c9a';

/** A project whose config has a workspace id that is not a GUID (line 3, column 7). */
function badConfig(): { dir: string; config: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-failure-summary-'));
  mkdirSync(path.join(dir, 'items'));
  const config = path.join(dir, 'fabric-deploy.yml');
  writeFileSync(config, 'version: 1\nworkspace:\n  id: not-a-guid\nitems:\n  directory: items\n');
  return { dir, config };
}

/** A valid project (no item yet), for a run that fails at sign-in. */
function goodConfig(): { dir: string; config: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-failure-summary-'));
  mkdirSync(path.join(dir, 'items'));
  const config = path.join(dir, 'fabric-deploy.yml');
  writeFileSync(config, 'version: 1\nworkspace:\n  name: failure-summary-ws\nitems:\n  directory: items\n');
  return { dir, config };
}

/** Runs the bundle as the GitHub Action with these inputs (kebab-case names). */
async function github(dir: string, inputs: Record<string, string>, extra: Record<string, string> = {}) {
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    ...extra,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = await runBundle([], env);
  return { ...r, summary: readFileSync(summaryFile, 'utf8'), outputs: parseGitHubOutputs(outputFile) };
}

/** Runs the bundle as the Azure Pipelines task with these inputs (camelCase names). */
async function ado(dir: string, inputs: Record<string, string>, extra: Record<string, string> = {}) {
  const env: Record<string, string> = { TF_BUILD: 'True', AGENT_TEMPDIRECTORY: dir, ...extra };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = await runBundle([], env, process.execPath, undefined, dir);
  const cmds = parseVso(r.stdout);
  const attached = adoSummary(cmds);
  return {
    ...r,
    cmds,
    attached,
    summary: attached ? readFileSync(attached.file, 'utf8') : '',
    result: cmds.find((c) => c.command === 'task.setvariable' && c.props.variable === 'result')?.message,
  };
}

test('GitHub: bad settings still write the job summary: failed, the error as code, where, field and fix', async () => {
  const { dir, config } = badConfig();
  const r = await github(dir, { config, environment: 'prod', auth: 'token', token: 'unused' });
  expect(r.code).toBe(1);
  expect(r.outputs.result).toBe('failed');
  expect(r.outputs['summary-file']).toBe(path.join(dir, 'summary.md'));
  expect(r.summary).toMatch(/^## ❌ Fabric Deployment failed — prod/m);
  expect(r.summary).toContain('### Error');
  expect(r.summary).toContain('| Code | `ConfigError` |');
  expect(r.summary).toContain("| Message | workspace.id 'not-a-guid' is not a GUID |");
  expect(r.summary).toContain(`| Where | \`${config}:3:7\` |`);
  expect(r.summary).toContain('| Field | `workspace.id` |');
  expect(r.summary).toContain('| Fix | use a GUID like 00000000-0000-0000-0000-000000000000 |');
});

test('GitHub: a refused sign-in writes the summary with SignInFailed, the AADSTS fix, and no secret', async () => {
  const { dir, config } = goodConfig();
  const r = await github(
    dir,
    {
      config,
      environment: 'dev',
      auth: 'client-secret',
      'tenant-id': sim.tenantId,
      'client-id': DEFAULTS.deployApp.clientId,
      'client-secret': WRONG_SECRET,
      'authority-host': sim.authorityHost,
      'fabric-api-url': sim.fabricApiUrl,
    },
    { NODE_EXTRA_CA_CERTS: sim.caCertPath },
  );
  expect(r.code).toBe(1);
  expect(r.outputs.result).toBe('failed');
  expect(r.summary).toMatch(/Fabric Deployment failed — dev/);
  expect(r.summary).toContain('| Code | `SignInFailed` |');
  expect(r.summary).toMatch(/\| Message \| Sign-in failed .*AADSTS7000215/);
  expect(r.summary).toContain('| Field | `client-secret` |');
  expect(r.summary).toMatch(/\| Fix \| .+/);
  expect(r.summary + r.stdout.replace(/^::add-mask::.*$/gm, '') + r.stderr).not.toContain(WRONG_SECRET);
});

test('Azure Pipelines: bad settings attach the summary as "Fabric Deploy (prod)" with the error table', async () => {
  const { dir, config } = badConfig();
  const r = await ado(dir, { config, environment: 'prod', auth: 'token', token: 'unused' });
  expect(r.code).toBe(1);
  expect(r.result).toBe('failed');
  expect(r.attached?.name).toBe('Fabric Deploy (prod)');
  // uploadsummary would name the section after the file: not used.
  expect(r.cmds.some((c) => c.command === 'task.uploadsummary')).toBe(false);
  expect(r.summary).toMatch(/Fabric Deployment failed — prod/);
  expect(r.summary).toContain('| Code | `ConfigError` |');
  expect(r.summary).toContain(`| Where | \`${config}:3:7\` |`);
  expect(r.summary).toContain('| Field | `workspace.id` |');
});

test('Azure Pipelines: a refused sign-in attaches the summary (SignInFailed, clientSecret), no secret', async () => {
  const { dir, config } = goodConfig();
  const r = await ado(
    dir,
    {
      config,
      auth: 'client-secret',
      tenantId: sim.tenantId,
      clientId: DEFAULTS.deployApp.clientId,
      clientSecret: WRONG_SECRET,
      authorityHost: sim.authorityHost,
      fabricApiUrl: sim.fabricApiUrl,
    },
    { NODE_EXTRA_CA_CERTS: sim.caCertPath },
  );
  expect(r.code).toBe(1);
  expect(r.result).toBe('failed');
  // No environment: the section is headed "Fabric Deploy".
  expect(r.attached?.name).toBe('Fabric Deploy');
  expect(r.summary).toContain('| Code | `SignInFailed` |');
  expect(r.summary).toMatch(/AADSTS7000215/);
  // Inputs named as Azure Pipelines spells them, in the summary as in the log.
  expect(r.summary).toContain('| Field | `clientSecret` |');
  expect(r.summary).toMatch(/\| Fix \| .*this clientId\./);
  // The summary is attached before the task completes (the agent ends the step there).
  const at = (name: string) => r.cmds.findIndex((c) => c.command === name);
  expect(at('task.addattachment')).toBeLessThan(at('task.complete'));
  expect(r.summary + r.stdout.replace(/##vso\[task\.setsecret\][^\n]*/g, '') + r.stderr).not.toContain(
    WRONG_SECRET,
  );
});
