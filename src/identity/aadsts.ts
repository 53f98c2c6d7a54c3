/**
 * Entra ID (AADSTS) error codes people hit when signing in from CI, each with the fix (sign-in errors
 * quote it; `npm run docs` writes the same table into docs/reference/errors.md). Codes and
 * meanings: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
export interface AadstsHint {
  code: string;
  meaning: string;
  fix: string;
  /** The input at fault, when the code points at one. */
  field?: string;
}

export const AADSTS_HINTS: Readonly<Record<string, Omit<AadstsHint, 'code'>>> = {
  '700016': {
    field: 'client-id',
    meaning: 'the application (client-id) was not found in the tenant',
    fix: 'Check client-id and tenant-id: the app registration must exist in (or be consented to) that tenant, and in the same cloud.',
  },
  '700024': {
    meaning: 'the client assertion is not within its valid time range',
    fix: 'The OIDC token had expired or the runner clock is off; re-run the job (each sign-in requests a fresh token).',
  },
  '70021': {
    meaning: 'no federated identity credential matches the presented assertion',
    fix: 'Add a federated credential to the app registration whose issuer, subject and audience equal the values printed above.',
  },
  '700211': {
    meaning: 'no federated identity credential matches the assertion issuer',
    fix: 'Set the federated credential issuer to the `iss` printed above (GitHub: https://token.actions.githubusercontent.com).',
  },
  '700212': {
    field: 'audience',
    meaning: 'no federated identity credential matches the assertion audience',
    fix: 'Make the federated credential audience and the `audience` input equal (default api://AzureADTokenExchange).',
  },
  '700213': {
    meaning: 'no federated identity credential matches the assertion subject',
    fix: 'Set the federated credential subject to the `sub` printed above (e.g. repo:OWNER/REPO:environment:NAME or repo:OWNER/REPO:ref:refs/heads/main).',
  },
  '7000215': {
    field: 'client-secret',
    meaning: 'the client secret is invalid',
    fix: "Use the secret's Value (not its Secret ID) from Certificates & secrets, and check it belongs to this client-id.",
  },
  '7000222': {
    field: 'client-secret',
    meaning: 'the client secret has expired',
    fix: 'Create a new client secret (or switch to OIDC, which needs none) and update the pipeline secret.',
  },
  '700027': {
    field: 'certificate',
    meaning: 'the client assertion failed signature validation',
    fix: 'Upload this certificate (public part) to the app registration under Certificates & secrets; the thumbprint must match.',
  },
  '50034': {
    field: 'tenant-id',
    meaning: 'the account does not exist in the directory',
    fix: 'Check tenant-id: the identity belongs to another tenant.',
  },
  '90002': {
    field: 'tenant-id',
    meaning: 'the tenant was not found',
    fix: 'Check tenant-id and cloud: the tenant must exist in the chosen cloud.',
  },
  '900023': {
    field: 'tenant-id',
    meaning: 'the tenant identifier is neither a valid directory id nor a domain',
    fix: 'Set tenant-id to the Directory (tenant) ID GUID.',
  },
  '500011': {
    meaning: 'the resource principal (Fabric) was not found in the tenant',
    fix: 'Check cloud / fabric-api-url: the token scope must match a service available in the tenant.',
  },
  '7000229': {
    meaning: 'the client application has no service principal in the tenant',
    fix: 'Create the enterprise application (service principal) for the app in this tenant, e.g. az ad sp create --id <client-id>.',
  },
  '7000112': {
    meaning: 'the application is disabled',
    fix: 'Enable the enterprise application in the tenant.',
  },
  '70011': {
    meaning: 'the requested scope is invalid',
    fix: 'Check cloud / fabric-api-url; the scope is derived from the cloud.',
  },
  '53003': {
    meaning: 'access was blocked by Conditional Access',
    fix: 'Ask a tenant admin to exclude this workload identity from the Conditional Access policy, or allow the runner locations.',
  },
};

/** The first AADSTS code in a message, with its fix when known. */
export function aadstsHint(message: string): AadstsHint | undefined {
  const m = /AADSTS(\d{5,7})/.exec(message);
  if (!m) return undefined;
  const code = m[1]!;
  const hint = AADSTS_HINTS[code];
  return hint
    ? { code, ...hint }
    : {
        code,
        meaning: 'Entra ID refused the sign-in',
        fix: `Look up AADSTS${code} at https://login.microsoftonline.com/error?code=${code}.`,
      };
}
