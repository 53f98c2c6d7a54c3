/** A refused sign-in, told as the user can act on it: the AADSTS meaning and fix, the OIDC claims. */
import { UserError } from '../errors';
import { aadstsHint } from './aadsts';
import { describeAssertion } from './oidc';
import type { SignInMethod } from './provider';

/** Turns a failed sign-in into a UserError with the AADSTS fix and, for OIDC, the assertion's claims. */
export function signInError(err: unknown, method: SignInMethod, scope: string): UserError {
  // Our own errors (e.g. from the assertion callback) may come back wrapped by MSAL / @azure/identity.
  const failure = method.assertion?.failure();
  if (failure instanceof UserError) return failure;
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e instanceof UserError) return e;
  const raw = err instanceof Error ? err.message : String(err);
  // MSAL messages run to many lines (trace ids, timestamps); the first meaningful one is enough.
  const firstLine =
    raw
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l) ?? raw;
  const hint = aadstsHint(raw);
  const lines = [
    `Sign-in failed (${method.description}) for ${scope}: ${hint ? `AADSTS${hint.code}: ${hint.meaning}` : firstLine}`,
  ];
  const claims = describeAssertion(method.assertion?.last());
  if (claims) lines.push(`  ${method.assertion!.label} token presented: ${claims}`);
  if (hint) lines.push(`  Entra ID said: ${firstLine}`);
  const field = hint?.field ?? method.field;
  let fix = hint?.fix;
  if (!fix) {
    if (method.kind === 'azure-cli') {
      fix = /could not be found|not installed|not recognized/i.test(raw)
        ? 'Install the Azure CLI (https://aka.ms/azure-cli) and run `az login`, or choose another auth kind.'
        : /az login/i.test(raw)
          ? 'Run `az login` (with --tenant if needed) and try again.'
          : 'Check that the Azure CLI is logged in (`az account show`).';
    } else if (method.kind === 'managed-identity')
      fix =
        'Run where a managed identity is assigned (Azure VM, App Service, Container Apps, self-hosted agent on Azure), or choose another auth kind.';
    else fix = 'Check network access to the authority host (proxy, firewall) and the cloud setting.';
  }
  return new UserError(lines.join('\n'), { field, fix, cause: err, code: 'SignInFailed' });
}

/**
 * `signInError`, after asking Entra itself when MSAL only says the authority did not resolve: the
 * tenant's metadata answers AADSTS90002 for a tenant that does not exist, which MSAL hides behind
 * endpoints_resolution_error (read as a network problem otherwise).
 */
export async function diagnosedSignInError(
  err: unknown,
  method: SignInMethod,
  scope: string,
): Promise<UserError> {
  const raw = err instanceof Error ? err.message : String(err);
  if (method.tenantDiscovery && /endpoints_resolution_error/.test(raw)) {
    const said = await fetch(method.tenantDiscovery, { signal: AbortSignal.timeout(5000) })
      .then(async (r) => (r.ok ? undefined : ((await r.json()) as { error_description?: unknown })))
      .catch(() => undefined);
    if (typeof said?.error_description === 'string' && /AADSTS\d+/.test(said.error_description))
      return signInError(new Error(said.error_description, { cause: err }), method, scope);
  }
  return signInError(err, method, scope);
}
