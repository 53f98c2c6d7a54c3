/**
 * `command: promote` through the committed bundle on each host (the Action, the Azure Pipelines task,
 * the CLI) against the simulator's deployment pipelines: a preview that compares the stages and changes
 * nothing, the stage deploy with progress and a per-item result, the plain "no undo" statement, a
 * selective promote; and each bad input failing with exit 1, a clear message and no deploy started.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { spawn } from 'node:child_process';
import { adoSummary, parseGitHubOutputs, parseVso, runBundle } from '../support/bundle';
import { DIST } from '../support/paths';
import { fabricRequests, stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));

async function api<T = any>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim.fabricApiUrl}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const notebook = (name: string, src: string) => ({
  displayName: name,
  type: 'Notebook',
  definition: { parts: [{ path: 'notebook-content.py', payload: b64(src), payloadType: 'InlineBase64' }] },
});

async function createItem(wsId: string, body: unknown): Promise<void> {
  const r = await fetch(`${sim.fabricApiUrl}/workspaces/${wsId}/items`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (r.status === 202) {
    const loc = r.headers.get('location')!;
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 20));
      const s: any = await (await fetch(loc, { headers: { authorization: `Bearer ${token}` } })).json();
      if (s.status === 'Succeeded') return;
      if (s.status === 'Failed') throw new Error(JSON.stringify(s));
    }
  }
  if (r.status >= 300) throw new Error(await r.text());
}

/** A pipeline Development → Test → Production; Production has no workspace. */
async function pipeline(tag: string) {
  const dev = await api('POST', '/workspaces', { displayName: `Sales Dev ${tag}` });
  const test = await api('POST', '/workspaces', { displayName: `Sales Test ${tag}` });
  const p = await api('POST', '/deploymentPipelines', {
    displayName: `Sales ${tag}`,
    stages: [{ displayName: 'Development' }, { displayName: 'Test' }, { displayName: 'Production' }],
  });
  await api('POST', `/deploymentPipelines/${p.id}/stages/${p.stages[0].id}/assignWorkspace`, {
    workspaceId: dev.id,
  });
  await api('POST', `/deploymentPipelines/${p.id}/stages/${p.stages[1].id}/assignWorkspace`, {
    workspaceId: test.id,
  });
  await createItem(dev.id, notebook('Load', 'print("load v2")'));
  await createItem(dev.id, notebook('Clean', 'print("clean")'));
  await createItem(test.id, notebook('Load', 'print("load v1")'));
  await createItem(test.id, notebook('Scratch', 'print("only in test")'));
  return { name: `Sales ${tag}`, dev, test };
}

async function contentOf(wsId: string): Promise<Record<string, string>> {
  const items = (await api('GET', `/workspaces/${wsId}/items`)).value as {
    id: string;
    displayName: string;
  }[];
  const out: Record<string, string> = {};
  for (const i of items) {
    const r = await fetch(`${sim.fabricApiUrl}/workspaces/${wsId}/items/${i.id}/getDefinition`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    let body: any = await r.json().catch(() => undefined);
    if (r.status === 202) {
      const loc = r.headers.get('location')!;
      for (;;) {
        await new Promise((ok) => setTimeout(ok, 20));
        const s: any = await (await fetch(loc, { headers: { authorization: `Bearer ${token}` } })).json();
        if (s.status === 'Succeeded') {
          body = await (
            await fetch(`${loc}/result`, { headers: { authorization: `Bearer ${token}` } })
          ).json();
          break;
        }
      }
    }
    const part = body.definition.parts.find((x: any) => x.path === 'notebook-content.py');
    out[i.displayName] = Buffer.from(part.payload, 'base64').toString('utf8');
  }
  return out;
}

const deploys = async () =>
  (await fabricRequests(sim)).filter((r) => r.method === 'POST' && r.path.endsWith('/deploy')).length;

type Host = 'github' | 'azure-devops' | 'cli';

/** The `items` output: a JSON string from the hosts, already parsed in the CLI's --json. */
const itemsOf = (outputs: Record<string, unknown>) =>
  (typeof outputs.items === 'string' ? JSON.parse(outputs.items) : outputs.items) as {
    name: string;
    action: string;
  }[];

async function runOn(
  host: Host,
  inputs: Record<string, string>,
): Promise<{ code: number | null; outputs: Record<string, string>; log: string; summary: string }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `promote-${host}-`));
  const all: Record<string, string> = { auth: 'token', token, 'fabric-api-url': sim.fabricApiUrl, ...inputs };
  if (host === 'github') {
    const out = path.join(tmp, 'output');
    const summary = path.join(tmp, 'summary.md');
    writeFileSync(out, '');
    writeFileSync(summary, '');
    const e: Record<string, string> = {
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: out,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: tmp,
      INPUT_COMMAND: 'promote',
    };
    for (const [k, v] of Object.entries(all)) e[`INPUT_${k.toUpperCase()}`] = v;
    const r = await runBundle([], e, undefined, undefined, tmp);
    return {
      code: r.code,
      outputs: parseGitHubOutputs(out),
      log: r.stdout + r.stderr,
      summary: readFileSync(summary, 'utf8'),
    };
  }
  if (host === 'azure-devops') {
    const e: Record<string, string> = {
      TF_BUILD: 'True',
      AGENT_TEMPDIRECTORY: tmp,
      INPUT_COMMAND: 'promote',
    };
    for (const [k, v] of Object.entries(all))
      e[`INPUT_${k.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()).toUpperCase()}`] = v;
    const r = await runBundle([], e, undefined, undefined, tmp);
    const outputs: Record<string, string> = {};
    let summary = '';
    const cmds = parseVso(r.stdout);
    for (const c of cmds) if (c.command === 'task.setvariable') outputs[c.props.variable!] = c.message;
    const attached = adoSummary(cmds);
    if (attached) summary = readFileSync(attached.file, 'utf8');
    return { code: r.code, outputs, log: r.stdout + r.stderr, summary };
  }
  const summaryFile = path.join(tmp, 'summary.md');
  const args = ['promote', '--json', '--summary-file', summaryFile];
  for (const [k, v] of Object.entries(all)) args.push(`--${k}`, v);
  const r = await runBundle(args, { TMPDIR: tmp }, undefined, undefined, tmp);
  let outputs: Record<string, string> = {};
  try {
    outputs = JSON.parse(r.stdout);
  } catch {}
  let summary = '';
  try {
    summary = readFileSync(summaryFile, 'utf8');
  } catch {}
  return { code: r.code, outputs, log: r.stdout + r.stderr, summary };
}

describe.each<Host>(['github', 'azure-devops', 'cli'])('promote on %s', (host) => {
  test('preview changes nothing; the promote deploys every item and reports each; a selective one finds it the same', async () => {
    const { name, test } = await pipeline(host);
    const before = await contentOf(test.id);
    const n = await deploys();

    const preview = await runOn(host, {
      pipeline: name,
      'source-stage': 'Development',
      'preview-only': 'true',
    });
    expect(preview.log).not.toMatch(/::error|##vso\[task.logissue type=error/);
    expect(preview.code).toBe(0);
    expect(preview.log).toMatch(/new\s+Clean \(Notebook\)/);
    expect(preview.log).toMatch(/different\s+Load \(Notebook\)/);
    expect(preview.summary).toContain('1 new, 1 different, 0 the same');
    expect(preview.summary).toContain('Only in the target stage');
    expect(preview.summary).toContain('preview only: nothing deployed');
    expect(await deploys()).toBe(n);
    expect(await contentOf(test.id)).toEqual(before);

    const run = await runOn(host, { pipeline: name, 'source-stage': '0', note: `release from ${host}` });
    expect(run.code).toBe(0);
    expect(run.log).toMatch(/\d\/2 item\(s\) done/);
    expect(run.outputs.result).toBe('succeeded');
    expect(run.outputs[host === 'azure-devops' ? 'pipelineOperationId' : 'pipeline-operation-id']).toMatch(
      /^[0-9a-f-]{36}$/,
    );
    const items = itemsOf(run.outputs);
    expect(items.map((i) => [i.name, i.action]).sort()).toEqual([
      ['Clean', 'create'],
      ['Load', 'update'],
    ]);
    expect(run.summary).toContain('Fabric Promotion succeeded');
    expect(run.summary).toMatch(/\| Clean \| Notebook \| create \| done \|/);
    expect(run.summary).toMatch(/\| Load \| Notebook \| update \| done \|/);
    expect(run.summary).toContain('Fabric offers no undo for a stage deploy');
    expect(run.summary).toContain(`release from ${host}`);
    expect(await contentOf(test.id)).toEqual({
      Load: 'print("load v2")',
      Clean: 'print("clean")',
      Scratch: 'print("only in test")',
    });
    const history = await api(
      'GET',
      `/deploymentPipelines/${(await api('GET', '/deploymentPipelines')).value.find((p: any) => p.displayName === name).id}/operations`,
    );
    expect(history.value[0]).toMatchObject({
      status: 'Succeeded',
      note: { content: `release from ${host}` },
    });

    const again = await runOn(host, {
      pipeline: name,
      'source-stage': 'development',
      'target-stage': 'Test',
      'promote-items': 'Load.Notebook',
    });
    expect(again.code).toBe(0);
    expect(itemsOf(again.outputs)).toEqual([expect.objectContaining({ name: 'Load', action: 'unchanged' })]);
    expect(again.summary).toContain('0 new, 0 different, 1 the same');
  });
});

describe('promote refuses bad input, changing nothing', () => {
  let name: string;
  let testWs: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    const p = await pipeline('bad');
    name = p.name;
    testWs = p.test.id;
    before = await contentOf(testWs);
  });

  test.each([
    [
      'the target stage has no workspace',
      { 'source-stage': 'Test' },
      /stage 'Production' of pipeline 'Sales bad' has no workspace assigned.*Assign a workspace/s,
    ],
    [
      'from the last stage',
      { 'source-stage': 'Production' },
      /'Production' is the last stage of pipeline 'Sales bad'; there is no stage to promote it to/,
    ],
    [
      'an unknown stage',
      { 'source-stage': 'Staging' },
      /pipeline 'Sales bad' has no stage 'Staging'.*use one of: Development \(0\), Test \(1\), Production \(2\)/s,
    ],
    [
      'a target that is not the next stage',
      { 'source-stage': 'Development', 'target-stage': 'Production' },
      /'Production' is not the stage after 'Development'/,
    ],
    [
      'an item that is not in the stage',
      { 'source-stage': 'Development', 'promote-items': 'Lod.Notebook, *.Report' },
      /2 problems.*'Lod.Notebook' matches no item.*'\*\.Report' matches no item.*Clean\.Notebook, Load\.Notebook/s,
    ],
  ])('%s', async (_what, inputs, message) => {
    const n = await deploys();
    const r = await runOn('cli', { pipeline: name, ...inputs });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(message);
    expect(await deploys()).toBe(n);
    expect(await contentOf(testWs)).toEqual(before);
  });

  test('a deploy that fails part-way: exit 1, each item step reported, no undo claimed', async () => {
    const p = await pipeline('partial');
    // The target workspace has no capacity: Fabric refuses to create a notebook in it.
    await fetch(`${sim.url}/_sim/config`, {
      method: 'PATCH',
      body: JSON.stringify({ requireCapacity: true }),
    });
    try {
      const r = await runOn('cli', { pipeline: p.name, 'source-stage': 'Development' });
      expect(r.code).toBe(1);
      expect(r.summary).toContain('Fabric Promotion failed');
      expect(r.summary).toMatch(
        /\| Clean \| Notebook \| create \| failed: WorkspaceHasNoCapacityAssigned: .*no capacity assigned/,
      );
      expect(r.summary).toMatch(/\| Load \| Notebook \| update \| skipped \|/);
      expect(r.summary).toContain('Fabric offers no undo for a stage deploy');
      expect(r.log).toMatch(
        /the stage deploy Development → Test ended Failed: .*0 item\(s\) were deployed before it stopped/,
      );
      expect(r.summary).not.toMatch(/rolled back/i);
    } finally {
      await fetch(`${sim.url}/_sim/config`, {
        method: 'PATCH',
        body: JSON.stringify({ requireCapacity: false }),
      });
    }
  });

  test('cancelled while Fabric deploys: says the deploy goes on in Fabric, which finishes it', async () => {
    const p = await pipeline('cancel');
    await fetch(`${sim.url}/_sim/config`, { method: 'PATCH', body: JSON.stringify({ lroDelayMs: 4000 }) });
    try {
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'promote-cancel-'));
      const summaryFile = path.join(tmp, 'summary.md');
      const child = spawn(
        process.execPath,
        [
          path.join(DIST, 'index.js'),
          'promote',
          '--pipeline',
          p.name,
          '--source-stage',
          'Development',
          '--auth',
          'token',
          '--token',
          token,
          '--fabric-api-url',
          sim.fabricApiUrl,
          '--summary-file',
          summaryFile,
        ],
        { env: { PATH: process.env.PATH, TMPDIR: tmp }, cwd: tmp },
      );
      let log = '';
      const started = new Promise<void>((ok) => {
        const see = (b: Buffer) => {
          log += b.toString();
          if (log.includes('deploy started')) ok();
        };
        child.stdout.on('data', see);
        child.stderr.on('data', see);
      });
      const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
      await started;
      child.kill('SIGINT');
      expect(await exited).toBe(1);
      expect(log).toMatch(/SIGINT received: no longer following the deploy\. It goes on in Fabric/);
      const summary = readFileSync(summaryFile, 'utf8');
      expect(summary).toMatch(
        /cancelled while Fabric was deploying Development → Test: the deploy goes on in Fabric/,
      );
      expect(summary).toContain('Fabric offers no undo for a stage deploy');
      // And Fabric does finish it.
      const id = (await api('GET', '/deploymentPipelines')).value.find(
        (x: any) => x.displayName === p.name,
      ).id;
      for (let i = 0; ; i++) {
        const ops = (await api('GET', `/deploymentPipelines/${id}/operations`)).value;
        if (ops[0]?.status === 'Succeeded') break;
        if (i > 400) throw new Error(`deploy never finished: ${JSON.stringify(ops)}`);
        await new Promise((ok) => setTimeout(ok, 25));
      }
      expect(await contentOf(p.test.id)).toMatchObject({ Load: 'print("load v2")', Clean: 'print("clean")' });
    } finally {
      await fetch(`${sim.url}/_sim/config`, { method: 'PATCH', body: JSON.stringify({ lroDelayMs: 15 }) });
    }
  });

  test('an unknown pipeline names the ones there are (GitHub)', async () => {
    const r = await runOn('github', { pipeline: 'Sales nope', 'source-stage': 'Development' });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(
      /::error.*no deployment pipeline 'Sales nope' that this identity administers.*Sales bad/,
    );
  });

  test('missing inputs are all reported before signing in (Azure DevOps)', async () => {
    const r = await runOn('azure-devops', { 'preview-only': 'maybe' });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(
      /3 problems.*'pipeline' is required.*'sourceStage' is required.*'previewOnly' must be true or false/s,
    );
    expect(r.log).not.toMatch(/signed in/);
  });
});
