/**
 * The auth plan: the `auth` inputs turned into one of a few validated shapes, without any network call.
 * Built in the Settings phase, so a missing client id or an unreadable certificate fails before telemetry
 * starts or anything is sent; `identity/credentials.ts` only constructs what the plan names.
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Host } from '../hosts/host';
import { ConfigError } from '../errors';
import { isGuid } from '../guid';
import { loadCertificate, type LoadedCertificate } from '../identity/certificate';
import type { CloudEndpoints } from '../identity/clouds';
import { maskSecret } from '../identity/masking';
import type { NetworkOptions } from '../identity/network';
import { githubOidcUnavailable, secondsToExpiry } from '../identity/oidc';
import { AUTH_KINDS } from './inputs';

export type AuthKind = (typeof AUTH_KINDS)[number];

/** The `auth` inputs as given (strings straight from the host), plus what validation needs to know. */
export interface AuthOptions {
  /** Typed as string too: it comes straight from an input and unknown values are refused with the list. */
  kind: AuthKind | (string & {});
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Path to a PEM or PFX file, the PEM itself, or a base64 PFX. */
  certificate?: string;
  certificatePassword?: string;
  token?: string;
  /** OIDC audience; defaults to the cloud's (api://AzureADTokenExchange on the public cloud). */
  audience?: string;
  connectedServiceName?: string;
  cloud: CloudEndpoints;
  /** Environment used for detection and the Azure DevOps OIDC request (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Extra CA / proxy; the proxy defaults to host.proxyUrl(). */
  network?: NetworkOptions;
  /** Base for a relative certificate path (default process.cwd()). */
  cwd?: string;
}

/** What every plan records: the `auth` input it came from (`auto` or the kind itself). */
interface Requested {
  readonly requested: AuthKind;
}

/** How the run will sign in: one shape per kind, each with exactly the inputs that kind needs. */
export type AuthPlan =
  | (Requested & {
      readonly kind: 'client-secret';
      readonly tenantId: string;
      readonly clientId: string;
      readonly clientSecret: string;
    })
  | (Requested & {
      readonly kind: 'certificate';
      readonly tenantId: string;
      readonly clientId: string;
      /** Read and opened (PEM, PFX with its password) during validation. */
      readonly certificate: LoadedCertificate;
    })
  | (Requested & {
      readonly kind: 'oidc';
      readonly tenantId: string;
      readonly clientId: string;
      readonly audience: string;
      /** auth: auto chose OIDC although a client secret or certificate was given too (warned about). */
      readonly ignoresCredential: boolean;
    })
  | (Requested & { readonly kind: 'managed-identity'; readonly clientId?: string })
  | (Requested & { readonly kind: 'azure-cli'; readonly tenantId?: string })
  | (Requested & { readonly kind: 'token'; readonly token: string })
  /** An Azure DevOps service connection: what it holds is read from the host when signing in. */
  | (Requested & { readonly kind: 'service-connection'; readonly name: string });

export type SignInKind = Exclude<AuthKind, 'auto'>;

const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
/** Kinds an Azure DevOps service connection can stand for. */
const CONNECTION_KINDS = new Set<string>([
  'auto',
  'oidc',
  'client-secret',
  'certificate',
  'managed-identity',
]);

function given(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

/** Is `cmd` an executable on PATH? A file check only: spawning `az` would cost a second at start-up. */
export function onPath(cmd: string, env: NodeJS.ProcessEnv): boolean {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const names = process.platform === 'win32' ? [`${cmd}.cmd`, `${cmd}.exe`, `${cmd}.bat`] : [cmd];
  return dirs.some((d) =>
    names.some((n) => {
      try {
        return existsSync(join(d, n)) && statSync(join(d, n)).isFile();
      } catch {
        return false;
      }
    }),
  );
}

type Choice = { kind: 'service-connection'; requested: AuthKind } | { kind: SignInKind; requested: AuthKind };

/**
 * The `auto` order (docs/identity.md): Azure DevOps service connection → GitHub OIDC → client secret →
 * certificate → token → managed identity → Azure CLI. Inputs the user gave win over what the machine
 * happens to offer, so `token` sits before the environment-detected kinds.
 */
function choose(o: AuthOptions, host: Host, env: NodeJS.ProcessEnv): Choice {
  if (!(AUTH_KINDS as readonly string[]).includes(o.kind)) {
    throw new ConfigError(`Unknown auth kind "${o.kind}".`, {
      field: 'auth',
      fix: `Use one of: ${AUTH_KINDS.join(', ')}.`,
    });
  }
  const requested = o.kind as AuthKind;
  if (host.kind === 'azure-devops' && given(o.connectedServiceName) && CONNECTION_KINDS.has(requested)) {
    if (!host.getServiceConnection) {
      throw new ConfigError('This host cannot read Azure DevOps service connections.', {
        field: 'connected-service-name',
        fix: 'Give tenant-id, client-id and a credential instead.',
      });
    }
    return { kind: 'service-connection', requested };
  }
  if (requested === 'oidc') {
    if (host.kind === 'azure-devops') {
      throw new ConfigError('auth is oidc but no service connection is given.', {
        field: 'connected-service-name',
        fix: 'Set connectedServiceName to an Azure Resource Manager service connection that uses workload identity federation.',
      });
    }
    const reason = githubOidcUnavailable(host, env);
    if (reason) {
      throw new ConfigError(`auth is oidc, but OIDC is not available: ${reason}.`, {
        field: 'auth',
        fix:
          host.kind === 'github'
            ? 'Add `permissions: { id-token: write, contents: read }` to the job (or workflow).'
            : 'Use client-secret, certificate, managed-identity, azure-cli or token on this host.',
      });
    }
    return { kind: 'oidc', requested };
  }
  if (requested !== 'auto') return { kind: requested, requested };

  const auto = (kind: SignInKind): Choice => ({ kind, requested });
  if (host.kind === 'github' && !githubOidcUnavailable(host, env) && given(o.tenantId) && given(o.clientId)) {
    return auto('oidc');
  }
  if (given(o.clientSecret)) return auto('client-secret');
  if (given(o.certificate)) return auto('certificate');
  if (given(o.token)) return auto('token');
  if (given(env.IDENTITY_ENDPOINT) || given(env.MSI_ENDPOINT)) return auto('managed-identity');
  if (onPath('az', env)) return auto('azure-cli');
  throw new ConfigError('No credentials found for auth: auto.', {
    field: 'auth',
    fix:
      host.kind === 'github'
        ? 'Use OIDC: give tenant-id and client-id and add `permissions: id-token: write` to the job; or give client-secret, certificate or token.'
        : host.kind === 'azure-devops'
          ? 'Set connectedServiceName to an Azure Resource Manager service connection, or give tenant-id, client-id and client-secret.'
          : 'Run `az login`, or give tenant-id and client-id with client-secret or certificate, or a token.',
  });
}

type Required = 'tenant-id' | 'client-id' | 'client-secret' | 'certificate' | 'token';

/** Every missing input of `kind` at once, naming the first as the field to fix. */
function requireInputs(kind: string, o: AuthOptions, names: Array<[Required, string | undefined]>): void {
  const missing = names.filter(([, v]) => !given(v)).map(([n]) => n);
  if (missing.length) {
    throw new ConfigError(
      `auth ${kind} needs ${missing.join(', ')}${o.kind === 'auto' ? ' (chosen by auth: auto)' : ''}.`,
      {
        field: missing[0],
        fix: `Give ${missing.join(' and ')} (as inputs, or FABRIC_DEPLOY_${missing[0]!.toUpperCase().replace(/-/g, '_')} on the command line).`,
      },
    );
  }
}

function checkIds(o: AuthOptions): void {
  if (given(o.tenantId) && !TENANT.test(o.tenantId.trim())) {
    throw new ConfigError(`tenant-id "${o.tenantId}" is not a tenant id or domain.`, {
      field: 'tenant-id',
      fix: 'Use the Directory (tenant) ID GUID from the app registration overview.',
    });
  }
  if (given(o.clientId) && !isGuid(o.clientId.trim())) {
    throw new ConfigError(`client-id "${o.clientId}" is not a GUID.`, {
      field: 'client-id',
      fix: 'Use the Application (client) ID GUID, not the app name or object id.',
    });
  }
}

/**
 * Checks the auth inputs and returns the plan, without any network call; throws ConfigError naming the
 * input and the fix. Reads a certificate file (local) to prove it is PEM or PFX and that the password
 * opens it. Every secret among the inputs is masked before anything could log it.
 */
export function planAuth(o: AuthOptions, host: Host): AuthPlan {
  const env = o.env ?? process.env;
  const choice = choose(o, host, env);
  checkIds(o);
  const tenantId = o.tenantId?.trim();
  const clientId = o.clientId?.trim();
  const requested = choice.requested;
  let plan: AuthPlan;
  switch (choice.kind) {
    case 'client-secret':
      requireInputs(choice.kind, o, [
        ['tenant-id', tenantId],
        ['client-id', clientId],
        ['client-secret', o.clientSecret],
      ]);
      plan = {
        kind: 'client-secret',
        requested,
        tenantId: tenantId!,
        clientId: clientId!,
        clientSecret: o.clientSecret!.trim(),
      };
      break;
    case 'certificate': {
      requireInputs(choice.kind, o, [
        ['tenant-id', tenantId],
        ['client-id', clientId],
        ['certificate', o.certificate],
      ]);
      const certificate = loadCertificate(o.certificate!, o.certificatePassword || undefined, o.cwd);
      plan = { kind: 'certificate', requested, tenantId: tenantId!, clientId: clientId!, certificate };
      break;
    }
    case 'oidc':
      requireInputs('oidc', o, [
        ['tenant-id', tenantId],
        ['client-id', clientId],
      ]);
      plan = {
        kind: 'oidc',
        requested,
        tenantId: tenantId!,
        clientId: clientId!,
        audience: o.audience?.trim() || o.cloud.oidcAudience,
        ignoresCredential: requested === 'auto' && (given(o.clientSecret) || given(o.certificate)),
      };
      break;
    case 'token': {
      requireInputs(choice.kind, o, [['token', o.token]]);
      const token = o.token!.trim();
      const left = secondsToExpiry(token);
      if (left !== undefined && left <= 0) {
        throw new ConfigError(`The token expired ${Math.round(-left / 60)} minute(s) ago.`, {
          field: 'token',
          fix: 'Get a new token (tokens live about an hour), or use a credential that can refresh itself.',
        });
      }
      plan = { kind: 'token', requested, token };
      break;
    }
    case 'azure-cli':
      if (!onPath('az', env)) {
        throw new ConfigError('auth is azure-cli but `az` is not on PATH.', {
          field: 'auth',
          fix: 'Install the Azure CLI and run `az login`, or choose another auth kind.',
        });
      }
      plan = { kind: 'azure-cli', requested, tenantId: tenantId || undefined };
      break;
    case 'managed-identity':
      plan = { kind: 'managed-identity', requested, clientId: clientId || undefined };
      break;
    case 'service-connection':
      plan = { kind: 'service-connection', requested, name: o.connectedServiceName!.trim() };
      break;
  }
  // A certificate given as a path stays readable in messages; given inline it is the key itself.
  const certificateFile = plan.kind === 'certificate' && plan.certificate.fromFile;
  for (const s of [
    o.clientSecret,
    certificateFile ? undefined : o.certificate,
    o.certificatePassword,
    o.token,
  ])
    maskSecret(host, s);
  return plan;
}

/** Checks the auth inputs without any network call (see planAuth); throws ConfigError. */
export function validateAuthOptions(o: AuthOptions, host: Host): void {
  planAuth(o, host);
}
