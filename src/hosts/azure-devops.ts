import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Annotation, Host, Logger, RunResult, ServiceConnection } from './host';
import { adoName, adoSpelling, INPUTS } from '../settings/inputs';
import { checkoutRelative } from './annotation-path';
import { annotationBudget } from './annotations';
import { Masker } from './masker';
import { ConfigError, UserError } from '../errors';
import { banner } from '../version';

/** Variables task-lib moves into its vault on import (and whose getters debug-log raw values). */
const VAULTED = /^(INPUT_|ENDPOINT_AUTH_|SECRET_|SECUREFILE_TICKET_|VSTS_TASKVARIABLE_)/;

/**
 * Azure Pipelines adapter. azure-pipelines-task-lib is imported here only (it is heavy and, on import,
 * moves INPUT_*, ENDPOINT_AUTH_* and SECRET_* out of the environment), so the GitHub and CLI hosts never
 * load it. Inputs, service connections and secret variables are read from a snapshot taken before the
 * import: task-lib's getters write every value, secrets included, to the debug log before we could mask it.
 */
export async function createAzureDevOpsHost(): Promise<Host> {
  // Keys are kept lower-case, as task-lib's vault does: the agent upper-cases variable names.
  const vault = new Map<string, string>();
  const secretVariables: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!VAULTED.test(k) || !v) continue;
    vault.set(k.toLowerCase(), v);
    if (k.startsWith('SECRET_')) secretVariables[k.slice('SECRET_'.length)] = v;
  }
  const read = (name: string) => vault.get(name.toLowerCase()) || undefined;
  // CommonJS: Node's loader gives its exports as named exports, a bundle's chunk as `default` only.
  const mod = await import('azure-pipelines-task-lib/task.js');
  const tl = ('setSecret' in mod ? mod : (mod as { default: typeof mod }).default) as typeof mod;
  const masker = new Masker();
  const secret = (value: string | undefined) => {
    // The agent masks line by line and task-lib refuses multi-line secrets: only single lines go to it.
    for (const p of masker.add(value)) tl.setSecret(p);
  };
  // Before anything can be logged: secret inputs, every service-connection credential, secret variables.
  for (const spec of INPUTS) if (spec.secret) secret(read(inputKey(adoName(spec.name))));
  for (const [k, v] of vault) if (/^(endpoint_auth_parameter_|secret_|securefile_ticket_)/.test(k)) secret(v);
  for (const [k, v] of vault)
    if (/^endpoint_auth_[^_]/.test(k) && !k.startsWith('endpoint_auth_scheme_')) {
      for (const p of Object.values(parseJson(v)?.parameters ?? {})) if (typeof p === 'string') secret(p);
    }

  const issue = (type: 'error' | 'warning', m: string, a?: Annotation) => {
    const text = masker.mask(adoSpelling(m));
    if (a)
      tl.logIssue(
        type === 'error' ? tl.IssueType.Error : tl.IssueType.Warning,
        text,
        checkoutRelative(a.file, process.env.BUILD_SOURCESDIRECTORY),
        a.line,
        a.col,
      );
    else if (type === 'error') tl.error(text);
    else tl.warning(text);
  };
  const annotations = annotationBudget({
    annotate: issue,
    line: (text) => console.log(masker.mask(adoSpelling(text))),
  });
  const log: Logger = {
    info: (m) => console.log(masker.mask(adoSpelling(m))),
    warn: annotations.warn,
    error: annotations.error,
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

  /** A service connection's authorization parameter (ENDPOINT_AUTH_PARAMETER_<id>_<KEY>, or the JSON form). */
  const authParam = (id: string, key: string): string | undefined =>
    read(`ENDPOINT_AUTH_PARAMETER_${id}_${key}`) ??
    caseInsensitive(parseJson(read(`ENDPOINT_AUTH_${id}`) ?? '')?.parameters, key);
  const authScheme = (id: string): string | undefined =>
    read(`ENDPOINT_AUTH_SCHEME_${id}`) ??
    (parseJson(read(`ENDPOINT_AUTH_${id}`) ?? '')?.scheme as string | undefined);

  // Workload identity federation asks the agent for fresh OIDC tokens with the job's access token, which
  // tasks receive through the SystemVssConnection endpoint rather than the environment.
  if (!process.env.SYSTEM_ACCESSTOKEN) {
    const token = authParam('SystemVssConnection', 'AccessToken');
    if (token) process.env.SYSTEM_ACCESSTOKEN = token;
  }
  /**
   * A service connection's data (ENDPOINT_DATA_<id>_<KEY>, or the JSON form). The agent writes the id as
   * Guid.ToString() does, lower-case, and the key upper-case: matched without regard to case.
   */
  const endpointData = (id: string, key: string): string | undefined => {
    const want = [`endpoint_data_${id}_${key}`.toLowerCase(), `endpoint_data_${id}`.toLowerCase()];
    let json: string | undefined;
    for (const [k, v] of Object.entries(process.env)) {
      if (!v) continue;
      if (k.toLowerCase() === want[0]) return v;
      if (k.toLowerCase() === want[1]) json = v;
    }
    return caseInsensitive(parseJson(json ?? '') as Record<string, unknown> | undefined, key);
  };
  const tempDir = () => process.env.AGENT_TEMPDIRECTORY || os.tmpdir();
  /** The downloaded certificate-secure-file: what the certificate input then reads. */
  let secureCertificate: string | undefined;
  const host: Host = {
    kind: 'azure-devops',
    log,
    loggedWarnings: annotations.warnings,
    async prepare() {
      const id = host.getInput('certificate-secure-file')?.trim();
      if (!id) return true;
      const startedAt = new Date();
      try {
        if (read(inputKey(adoName('certificate')))?.trim())
          throw new ConfigError('give certificate or certificateSecureFile, not both', {
            field: 'certificateSecureFile',
            fix: 'Keep the secure file and remove the certificate input (or the other way round).',
          });
        const { downloadSecureFile } = await import('./azure-devops-secure-file');
        secureCertificate = await downloadSecureFile({
          id,
          name: envCaseInsensitive(`SECUREFILE_NAME_${id}`),
          ticket: read(`SECUREFILE_TICKET_${id}`),
          collectionUri: process.env.SYSTEM_TEAMFOUNDATIONCOLLECTIONURI?.trim(),
          project: process.env.SYSTEM_TEAMPROJECTID?.trim() || process.env.SYSTEM_TEAMPROJECT?.trim(),
          accessToken: process.env.SYSTEM_ACCESSTOKEN,
          dir: tempDir(),
          proxyUrl: host.proxyUrl?.(),
        });
        return true;
      } catch (err) {
        // Before the run: its banner first, as on every log, then the error as the run reports one.
        log.info(banner('azure-devops'));
        const e = err instanceof UserError ? err : undefined;
        log.error(
          e ? `${e.message}${e.field ? ` [${e.field}]` : ''}${e.fix ? ` — fix: ${e.fix}` : ''}` : String(err),
        );
        // The summary section says why, as for any run that fails before its report (before the verdict,
        // which ends the step); loaded only here, as nothing else before the run needs it.
        const { publishFailure } = await import('../report/publish');
        await publishFailure(
          host,
          {
            command: host.getInput('command')?.trim() || 'deploy',
            deploymentId: randomUUID(),
            startedAt,
            environment: host.getInput('environment')?.trim() || undefined,
            workspace: { id: host.getInput('workspace-id'), name: host.getInput('workspace-name') },
          },
          err,
        );
        host.setOutput('result', 'failed');
        host.setResult('failed');
        return false;
      }
    },
    getInput: (name) => {
      if (name === 'certificate' && secureCertificate) return secureCertificate;
      const value = read(inputKey(adoName(name))) ?? read(inputKey(name));
      return value !== undefined && FILE_PATH_INPUTS.has(name) && isCheckoutRoot(value) ? undefined : value;
    },
    setOutput: (name, value) => tl.setVariable(adoName(name), masker.mask(value), false, true),
    mask: (text) => masker.mask(text),
    setSecret: secret,
    async writeSummary(markdown, options) {
      const file = path.join(tempDir(), `fabric-deploy-summary-${process.pid}.md`);
      await fs.writeFile(file, masker.mask(markdown));
      // `task.uploadsummary` names the run's summary section after the file; an attachment of the
      // summary type takes its name, so the section reads "Fabric Deploy (prod)".
      tl.command(
        'task.addattachment',
        { type: 'Distributedtask.Core.Summary', name: masker.mask(options?.title ?? 'Fabric Deploy') },
        file,
      );
      return file;
    },
    async getServiceConnection(name): Promise<ServiceConnection | undefined> {
      const scheme = authScheme(name);
      if (!scheme) return undefined;
      return {
        id: name,
        scheme,
        tenantId: authParam(name, 'tenantid'),
        clientId: authParam(name, 'serviceprincipalid'),
        clientSecret: authParam(name, 'serviceprincipalkey'),
        certificate: authParam(name, 'servicePrincipalCertificate'),
        idToken: authParam(name, 'idToken'),
        environment: endpointData(name, 'environment'),
      };
    },
    secretVariables: () => ({ ...secretVariables }),
    commentOnPullRequest: async (c) =>
      (await import('./azure-devops-pr')).commentOnAzureRepos(c, process.env, {
        proxyUrl: host.proxyUrl?.(),
      }),
    proxyUrl: () => {
      // The agent's proxy, with its credentials (Agent.ProxyPassword is a secret variable).
      const url = process.env.AGENT_PROXYURL;
      if (!url) return undefined;
      const user = process.env.AGENT_PROXYUSERNAME;
      const password = read('SECRET_AGENT_PROXYPASSWORD') ?? process.env.AGENT_PROXYPASSWORD;
      if (!user) return url;
      const u = new URL(url);
      u.username = user;
      if (password) {
        secret(password);
        u.password = password;
      }
      return u.toString();
    },
    tempDir,
    // A task variable is the task instance's own (its post-job execution sees it, no other step does); the
    // agent reads the command from stdout as it is printed, so it survives the step being killed.
    // `##vso[task.setprogress value=N;]text`: the agent shows it beside the running task.
    setProgress: (percent, text) =>
      tl.command(
        'task.setprogress',
        { value: String(Math.max(0, Math.min(100, Math.round(percent)))) },
        text,
      ),
    saveState: (name, value) =>
      tl.command('task.settaskvariable', { variable: name, issecret: 'false' }, value),
    getState: (name) => read(`VSTS_TASKVARIABLE_${inputKey(name).slice('INPUT_'.length)}`),
    setResult(result: RunResult, message?: string) {
      // Held-back issues first: task-lib's result below adds the last error issue itself.
      annotations.finish();
      const m = masker.mask(message ?? '');
      if (result === 'failed') {
        tl.setResult(tl.TaskResult.Failed, m || 'Fabric Deploy failed: see the errors above');
        // task-lib only reports the result to the agent; the process must fail too.
        process.exitCode = 1;
      } else if (result === 'succeeded-with-issues')
        tl.setResult(tl.TaskResult.SucceededWithIssues, m || 'completed with warnings');
      else tl.setResult(tl.TaskResult.Succeeded, m);
    },
  };
  return host;
}

/** How the agent names an input's variable (task-lib's rule: upper case, '.' and ' ' become '_'). */
/**
 * The agent roots every filePath input in the checkout, and passes an empty one as the checkout folder
 * itself (task-lib's filePathSupplied tells them apart the same way): that value means "not given".
 */
const FILE_PATH_INPUTS = new Set(INPUTS.filter((i) => i.adoType === 'filePath').map((i) => i.name));
function isCheckoutRoot(value: string): boolean {
  const roots = [process.env.BUILD_SOURCESDIRECTORY, process.env.SYSTEM_DEFAULTWORKINGDIRECTORY];
  return roots.some((r) => !!r && path.resolve(r) === path.resolve(value));
}

/** The agent writes a secure file's id as Guid.ToString() does (lower-case); the input may differ in case. */
function envCaseInsensitive(key: string): string | undefined {
  const k = Object.keys(process.env).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : process.env[k] || undefined;
}

function inputKey(name: string): string {
  return 'INPUT_' + name.replace(/[. ]/g, '_').toUpperCase();
}

function parseJson(text: string): { scheme?: string; parameters?: Record<string, unknown> } | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function caseInsensitive(o: Record<string, unknown> | undefined, key: string): string | undefined {
  if (!o) return undefined;
  const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
  const v = k === undefined ? undefined : o[k];
  return typeof v === 'string' && v ? v : undefined;
}
