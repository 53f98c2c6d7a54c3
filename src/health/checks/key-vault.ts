/** Is the Key Vault reachable (when Key Vault is on)? */
import type { HealthContext, Outcome } from '../model';
import { fetchProbe, probe } from '../probe';

export async function checkKeyVault(
  ctx: HealthContext,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Outcome> {
  if (!ctx.settings.features.keyVault) return { status: 'skip', message: 'Key Vault is off' };
  const vault = ctx.settings.inputs.keyVaultUrl;
  if (!vault)
    return {
      status: 'fail',
      message: 'Key Vault is on but no vault is set (key-vault-url input or secrets.keyVault in the config)',
    };
  let base: URL;
  try {
    base = new URL(vault);
  } catch {
    return { status: 'fail', message: `key-vault-url is not a URL: '${vault}'` };
  }
  const url = `${base.origin}/secrets?api-version=7.4&maxresults=1`;
  // Without a token the vault answers 401 with its challenge: proof that DNS, TLS, the network
  // rules up to the vault and the vault itself are fine, without needing a Key Vault credential here.
  const answer = ctx.client
    ? await probe(ctx.client, 'health: Key Vault', url, signal, timeoutMs)
    : await fetchProbe(url, signal);
  if ('error' in answer)
    return {
      status: 'fail',
      message: `${base.origin} is not reachable: ${answer.error}`,
      details: { vault: base.origin },
    };
  if (answer.status >= 500 || answer.errorCode === 'ForbiddenByFirewall') {
    return {
      status: 'fail',
      message: `${base.origin} answered HTTP ${answer.status}${answer.errorCode ? ` ${answer.errorCode}` : ''}`,
      details: { vault: base.origin, status: answer.status },
    };
  }
  return {
    status: 'pass',
    message: `${base.origin} answered (HTTP ${answer.status}${answer.status === 401 ? ': the expected challenge' : ''})`,
    details: { vault: base.origin, status: answer.status },
  };
}
