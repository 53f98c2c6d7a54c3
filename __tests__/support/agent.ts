/**
 * Runs an Azure Pipelines task folder the way the agent (microsoft/azure-pipelines-agent, TaskRunner and
 * Handler) runs a Node handler: every input of task.json gets its trimmed default, the step's inputs
 * (aliases resolved, as the server does when it compiles the YAML) override them, a connectedService
 * input carries the connection's id, filePath inputs are rooted in Build.SourcesDirectory, and the
 * environment holds INPUT_<NAME>, ENDPOINT_* (ids lower-case, as Guid.ToString() writes them, plus
 * SystemVssConnection), pipeline variables (`a.b` → `A_B`), SECRET_* and TF_BUILD. The handler's target is
 * run from the task folder with cwd = System.DefaultWorkingDirectory, and its ##vso commands are read.
 * Secure files: SECUREFILE_NAME_<id> / SECUREFILE_TICKET_<id>, a secureFile input resolved to the id.
 * `stage: 'postjobexecution'` runs the post-job handler instead, given the task variables the step set
 * (`task.settaskvariable` → VSTS_TASKVARIABLE_<NAME>, as the agent hands them to the same task instance).
 */
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parseVso } from './bundle';
import { DIST, ROOT } from './paths';
import { runProcess, type RunResult } from './run';

export interface AgentConnection {
  /** The name a pipeline author writes in the step (`azureSubscription: fabric-prod`). */
  name: string;
  /** Lower-case GUID, the form the agent writes into variable names. */
  id: string;
  url: string;
  scheme: string;
  parameters: Record<string, string>;
  data?: Record<string, string>;
}

export interface AgentJob {
  /** The agent's work folder: _tasks/, 1/s (sources), _temp. */
  workFolder: string;
  /** The task's folder as the agent extracted it (…/_tasks/<Name>_<id>/<version>). */
  taskDir: string;
  /** The execution handler to run (`Node24`, `Node20_1`) and the Node binary the agent has for it. */
  handler: string;
  node: string;
  /** The step's `inputs:` as written in the pipeline. */
  inputs: Record<string, string>;
  connections?: AgentConnection[];
  variables?: Record<string, string>;
  secretVariables?: Record<string, string>;
  /**
   * The project's secure files the job may use: a secureFile input names one (or gives its id) and gets
   * its id; the agent sets SECUREFILE_NAME_<id> and SECUREFILE_TICKET_<id> (Handler.AddSecureFilesToEnvironment).
   */
  secureFiles?: { id: string; name: string; ticket: string }[];
  /** The job access token (SystemVssConnection). */
  accessToken?: string;
  /** Extra process environment (e.g. NODE_EXTRA_CA_CERTS for a test authority). */
  env?: Record<string, string>;
  /**
   * Which of task.json's handlers: `execution` (the step) or `postjobexecution` (the agent runs it at the
   * end of the job, with the same inputs and the task variables the step set).
   */
  stage?: 'execution' | 'postjobexecution';
  /** Task variables the step set (`task.settaskvariable`): the agent gives them as VSTS_TASKVARIABLE_<NAME>. */
  taskVariables?: Record<string, string>;
  /** Given the handler's process as soon as it started (a test kills it, as a cancelled job does). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface AgentRun extends RunResult {
  /** The task's result as the agent records it: task.complete's, else Failed for a non-zero exit. */
  result: string;
  commands: ReturnType<typeof parseVso>;
  /** Output variables set with isOutput=true: what `$(step.name)` reads. */
  outputs: Record<string, string>;
  /** The INPUT_* variables the task received. */
  inputEnv: Record<string, string>;
  /** Task variables it set, for its post-job execution (`taskVariables`). */
  taskVariables: Record<string, string>;
}

interface TaskInput {
  name: string;
  type: string;
  defaultValue?: string;
  aliases?: string[];
}

const envName = (key: string) => key.replace(/[. ]/g, '_').toUpperCase();

export function jobDirectories(workFolder: string) {
  return {
    sources: path.join(workFolder, '1', 's'),
    temp: path.join(workFolder, '_temp'),
    artifacts: path.join(workFolder, '1', 'a'),
    binaries: path.join(workFolder, '1', 'b'),
  };
}

/**
 * The repository's task folder as the agent extracts it under `workFolder` (_tasks/<Name>_<id>/<version>):
 * its task.json and the built bundle (dist/ linked, so run `npm run bundle` first).
 */
export function extractTask(workFolder: string): string {
  const task = JSON.parse(readFileSync(path.join(ROOT, 'tasks', 'FabricDeployV0', 'task.json'), 'utf8')) as {
    id: string;
    version: { Major: number; Minor: number; Patch: number };
  };
  const v = task.version;
  const dir = path.join(workFolder, '_tasks', `FabricDeploy_${task.id}`, `${v.Major}.${v.Minor}.${v.Patch}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(ROOT, 'tasks', 'FabricDeployV0', 'task.json'), path.join(dir, 'task.json'));
  symlinkSync(DIST, path.join(dir, 'dist'));
  for (const d of Object.values(jobDirectories(workFolder))) mkdirSync(d, { recursive: true });
  return dir;
}

export async function runTaskAsAgent(job: AgentJob): Promise<AgentRun> {
  const task = JSON.parse(
    readFileSync(path.join(job.taskDir, 'task.json'), 'utf8').replace(/^\uFEFF/, ''),
  ) as {
    inputs: TaskInput[];
    execution: Record<string, { target: string }>;
    postjobexecution?: Record<string, { target: string }>;
  };
  const dirs = jobDirectories(job.workFolder);
  const connections = job.connections ?? [];

  // Defaults first, then the step's inputs; the server refuses an input the task does not declare.
  const inputs = new Map<string, string>();
  for (const i of task.inputs) inputs.set(i.name, (i.defaultValue ?? '').trim());
  for (const [given, value] of Object.entries(job.inputs)) {
    const spec = task.inputs.find(
      (i) =>
        i.name.toLowerCase() === given.toLowerCase() ||
        i.aliases?.some((a) => a.toLowerCase() === given.toLowerCase()),
    );
    if (!spec) throw new Error(`the task declares no input "${given}": the pipeline would not compile`);
    let v = value.trim();
    if (spec.type.startsWith('connectedService:') && v) {
      const conn = connections.find((c) => c.name === v || c.id === v);
      if (!conn) throw new Error(`no service connection "${v}"`);
      v = conn.id;
    }
    if (spec.type === 'secureFile' && v) {
      const file = job.secureFiles?.find((f) => f.name === v || f.id === v);
      // The server resolves a name it knows to the id; an unknown one reaches the task as written.
      if (file) v = file.id;
    }
    inputs.set(spec.name, v);
  }
  for (const i of task.inputs)
    if (i.type === 'filePath') {
      const v = inputs.get(i.name) ?? '';
      inputs.set(i.name, path.isAbsolute(v) ? path.resolve(v) : path.join(dirs.sources, v));
    }

  const variables: Record<string, string> = {
    'agent.workFolder': job.workFolder,
    'agent.buildDirectory': path.join(job.workFolder, '1'),
    'agent.tempDirectory': dirs.temp,
    'agent.os': 'Linux',
    'agent.osArchitecture': 'X64',
    'agent.version': '4.266.2',
    'agent.name': 'Azure Pipelines 3',
    'agent.jobName': 'Deploy',
    'build.sourcesDirectory': dirs.sources,
    'build.artifactStagingDirectory': dirs.artifacts,
    'build.binariesDirectory': dirs.binaries,
    'build.buildId': '4711',
    'build.buildNumber': '20261203.1',
    'build.reason': 'IndividualCI',
    'build.repository.name': 'sales-analytics',
    'build.sourceBranch': 'refs/heads/main',
    'build.sourceBranchName': 'main',
    'system.defaultWorkingDirectory': dirs.sources,
    'system.teamFoundationCollectionUri': 'https://dev.azure.com/contoso/',
    'system.teamProject': 'Sales',
    'system.hostType': 'build',
    'system.jobId': '12f1170f-54f2-53f3-20dd-22fc7dff55f9',
    'system.planId': '7c4b3b84-3c4e-4f5e-9f58-0e1f6a2b3c4d',
    'system.culture': 'en-US',
    ...job.variables,
  };
  const env: Record<string, string> = { TF_BUILD: 'True', ...job.env };
  for (const [k, v] of Object.entries(variables)) env[envName(k)] = v;
  env.VSTS_PUBLIC_VARIABLES = JSON.stringify(Object.keys(variables));
  for (const [k, v] of Object.entries(job.secretVariables ?? {})) env[`SECRET_${envName(k)}`] = v;
  env.VSTS_SECRET_VARIABLES = JSON.stringify(Object.keys(job.secretVariables ?? {}));

  // Only the connections the task's inputs reference, and always the job's own connection.
  const referenced = new Set(
    task.inputs.filter((i) => i.type.startsWith('connectedService:')).map((i) => inputs.get(i.name)),
  );
  const endpoint = (key: string, c: Omit<AgentConnection, 'name' | 'id'>) => {
    env[`ENDPOINT_URL_${key}`] = c.url;
    env[`ENDPOINT_AUTH_${key}`] = JSON.stringify({ parameters: c.parameters, scheme: c.scheme });
    env[`ENDPOINT_AUTH_SCHEME_${key}`] = c.scheme;
    for (const [p, v] of Object.entries(c.parameters))
      env[`ENDPOINT_AUTH_PARAMETER_${key}_${envName(p)}`] = v;
    if (c.data) {
      env[`ENDPOINT_DATA_${key}`] = JSON.stringify(c.data);
      for (const [p, v] of Object.entries(c.data)) env[`ENDPOINT_DATA_${key}_${envName(p)}`] = v;
    }
  };
  for (const c of connections) if (referenced.has(c.id)) endpoint(c.id.toLowerCase(), c);
  endpoint('SYSTEMVSSCONNECTION', {
    url: variables['system.teamFoundationCollectionUri']!,
    scheme: 'OAuth',
    parameters: { AccessToken: job.accessToken ?? 'job-access-token-not-for-fabric' },
  });

  for (const f of job.secureFiles ?? []) {
    env[`SECUREFILE_NAME_${f.id.toLowerCase()}`] = f.name;
    env[`SECUREFILE_TICKET_${f.id.toLowerCase()}`] = f.ticket;
  }

  const inputEnv: Record<string, string> = {};
  for (const [k, v] of inputs) inputEnv[`INPUT_${envName(k)}`] = v;
  Object.assign(env, inputEnv);

  for (const [k, v] of Object.entries(job.taskVariables ?? {})) env[`VSTS_TASKVARIABLE_${envName(k)}`] = v;

  const stage = job.stage ?? 'execution';
  const handler = task[stage]?.[job.handler];
  if (!handler) throw new Error(`task.json has no ${stage} ${job.handler} handler`);
  const r = await runProcess(job.node, [path.join(job.taskDir, handler.target)], {
    cwd: variables['system.defaultWorkingDirectory'],
    env,
    onSpawn: job.onSpawn,
  });
  const commands = parseVso(r.stdout);
  const complete = commands.filter((c) => c.command === 'task.complete').at(-1)?.props.result;
  const outputs: Record<string, string> = {};
  for (const c of commands)
    if (c.command === 'task.setvariable' && /^true$/i.test(c.props.isOutput ?? c.props.isoutput ?? ''))
      outputs[c.props.variable!] = c.message;
  const taskVariables: Record<string, string> = {};
  for (const c of commands)
    if (c.command === 'task.settaskvariable') taskVariables[c.props.variable!] = c.message;
  return {
    ...r,
    // A killed handler has no exit code: the agent records it as failed (or canceled, when it cancelled it).
    result: r.code !== 0 ? 'Failed' : (complete ?? 'Succeeded'),
    commands,
    outputs,
    inputEnv,
    taskVariables,
  };
}
