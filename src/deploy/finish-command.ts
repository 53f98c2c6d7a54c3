/**
 * The exact command that finishes a rollback which could not (`rollback-incomplete`): the journal and
 * the sign-in and endpoint inputs this run was given. Secret values are never printed: the command
 * names the environment variable the CLI reads them from instead.
 */
import type { Host } from '../hosts/host';
import { envName, INPUTS } from '../settings/inputs';

const ENDPOINT_INPUTS = new Set(['cloud', 'fabric-api-url', 'authority-host', 'graph-url']);

export function finishCommand(host: Pick<Host, 'getInput'>, journal: string): string {
  const args = ['fabric-deploy', 'rollback', '--journal', quote(journal)];
  const secretEnv: string[] = [];
  for (const spec of INPUTS) {
    if (spec.group !== 'auth' && !ENDPOINT_INPUTS.has(spec.name)) continue;
    if (spec.only === 'azure-devops') continue;
    const value = host.getInput(spec.name)?.trim();
    if (!value || value === spec.default) continue;
    if (spec.secret && !(spec.name === 'certificate' && !value.includes('\n') && !/^-----BEGIN/.test(value)))
      secretEnv.push(envName(spec.name));
    else args.push(`--${spec.name}`, quote(value));
  }
  // A service connection is the task's own sign-in: the CLI signs in as the Azure CLI of an AzureCLI@2 step.
  if (host.getInput('connected-service-name')) args.push('--auth', 'azure-cli');
  const cmd = args.join(' ');
  // A given token is the one secret that may be the cause (it expired): the replay needs a fresh one.
  const token = secretEnv.includes(envName('token'));
  return secretEnv.length
    ? `${cmd}   (with ${secretEnv.join(', ')} set as for this run${token ? '; a fresh token if it expired' : ''})`
    : cmd;
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
