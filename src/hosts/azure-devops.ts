import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Annotation, Host, Logger, RunResult, ServiceConnection } from './host';
import { adoName, INPUTS } from './inputs';
import { Masker } from './masker';

/**
 * Azure Pipelines adapter. azure-pipelines-task-lib is imported here only (it is heavy and, on import,
 * moves INPUT_* variables out of the environment), so the GitHub and CLI hosts never load it.
 */
export async function createAzureDevOpsHost(): Promise<Host> {
  // Inputs are read from a snapshot taken before the import: task-lib moves them into its vault and its
  // getInput writes every value, secrets included, to the debug log before we could mask it.
  const inputs = new Map<string, string>();
  for (const [k, v] of Object.entries(process.env))
    if (k.startsWith('INPUT_') && v !== undefined) inputs.set(k, v);
  const tl = await import('azure-pipelines-task-lib/task.js');
  const masker = new Masker();
  for (const spec of INPUTS) {
    const v = inputs.get(inputKey(adoName(spec.name)));
    if (spec.secret && v) for (const p of masker.add(v)) tl.setSecret(p);
  }
  const issue = (type: 'error' | 'warning', m: string, a?: Annotation) => {
    const text = masker.mask(m);
    if (a)
      tl.logIssue(type === 'error' ? tl.IssueType.Error : tl.IssueType.Warning, text, a.file, a.line, a.col);
    else if (type === 'error') tl.error(text);
    else tl.warning(text);
  };
  const log: Logger = {
    info: (m) => console.log(masker.mask(m)),
    warn: (m, a) => issue('warning', m, a),
    error: (m, a) => issue('error', m, a),
    debug: (m) => tl.debug(masker.mask(m)),
    async group(name, fn) {
      console.log(`##[group]${masker.mask(name)}`);
      try {
        return await fn();
      } finally {
        console.log('##[endgroup]');
      }
    },
  };
  // Workload identity federation asks the agent for fresh OIDC tokens with the job's access token, which
  // tasks receive through the SystemVssConnection endpoint rather than the environment.
  if (!process.env.SYSTEM_ACCESSTOKEN) {
    const token = tl.getEndpointAuthorizationParameter('SystemVssConnection', 'AccessToken', true);
    if (token) {
      for (const p of masker.add(token)) tl.setSecret(p);
      process.env.SYSTEM_ACCESSTOKEN = token;
    }
  }
  const tempDir = () =>
    tl.getVariable('Agent.TempDirectory') || process.env.AGENT_TEMPDIRECTORY || os.tmpdir();
  return {
    kind: 'azure-devops',
    log,
    getInput: (name) => {
      // Azure DevOps names are camelCase; accept the kebab form too for hand-written YAML.
      const v = inputs.get(inputKey(adoName(name))) || inputs.get(inputKey(name));
      return v ? v : undefined;
    },
    setOutput: (name, value) => tl.setVariable(adoName(name), masker.mask(value), false, true),
    mask: (text) => masker.mask(text),
    setSecret: (value) => {
      for (const piece of masker.add(value)) tl.setSecret(piece);
    },
    async writeSummary(markdown) {
      const file = path.join(tempDir(), `fabric-deploy-summary-${process.pid}.md`);
      await fs.writeFile(file, masker.mask(markdown));
      tl.uploadSummary(file);
      return file;
    },
    async getServiceConnection(name): Promise<ServiceConnection | undefined> {
      const scheme = tl.getEndpointAuthorizationScheme(name, true);
      if (!scheme) return undefined;
      const param = (key: string) => tl.getEndpointAuthorizationParameter(name, key, true) || undefined;
      const conn: ServiceConnection = {
        id: name,
        scheme,
        tenantId: param('tenantid'),
        clientId: param('serviceprincipalid'),
        clientSecret: param('serviceprincipalkey'),
        certificate: param('servicePrincipalCertificate'),
        idToken: param('idToken'),
        environment: tl.getEndpointDataParameter(name, 'environment', true) || undefined,
      };
      for (const secret of [conn.clientSecret, conn.certificate, conn.idToken])
        for (const p of masker.add(secret)) tl.setSecret(p);
      return conn;
    },
    proxyUrl: () => tl.getVariable('Agent.ProxyUrl') || undefined,
    tempDir,
    setResult(result: RunResult, message?: string) {
      const m = masker.mask(message ?? '');
      if (result === 'failed') tl.setResult(tl.TaskResult.Failed, m || 'deployment failed');
      else if (result === 'succeeded-with-issues')
        tl.setResult(tl.TaskResult.SucceededWithIssues, m || 'completed with warnings');
      else tl.setResult(tl.TaskResult.Succeeded, m);
    },
  };
}

/** How the agent names an input's variable (task-lib's rule: upper case, '.' and ' ' become '_'). */
function inputKey(name: string): string {
  return 'INPUT_' + name.replace(/[. ]/g, '_').toUpperCase();
}
