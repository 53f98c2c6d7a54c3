/**
 * The seeds' SecretManager: `${secret:NAME}` resolves from Key Vault (cached for an hour), then
 * environment variables, then a `.env` file (CLI only). @azure/keyvault-secrets is imported only
 * when Key Vault is actually used.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { TokenCredential } from '@azure/identity';
import type { Host } from '../hosts/host';
import { ConfigError, UserError, type SourceLocation } from '../errors';
import { isLoopbackUrl, requireSecureUrl } from './clouds';
import { maskSecret } from './masking';
import { azureClientOptions, type NetworkOptions } from './network';

export interface SecretManagerOptions {
  /** `secrets.keyVault` / `key-vault-url`. */
  keyVaultUrl?: string;
  /** Key Vault feature flag (`features: key-vault`, FEATURE_USE_KEY_VAULT). */
  enabled: boolean;
  /** Production profile: Key Vault must be configured and reachable, no fallback. */
  required: boolean;
  credential?: TokenCredential;
  env: NodeJS.ProcessEnv;
  /** `.env` file to read last; honoured on the CLI host only (CI has real secret stores). */
  dotenvPath?: string;
  host: Host;
  /** Key Vault cache lifetime (default one hour). */
  ttlMs?: number;
  /** Extra CA / proxy for Key Vault (proxy defaults to host.proxyUrl()). */
  network?: NetworkOptions;
}

export interface ReferenceContext {
  /** Input or config field the text came from, for the error. */
  field?: string;
  location?: SourceLocation;
}

export const SECRET_REFERENCE = /\$\{secret:([^}]*)\}/g;

/** Does `value` hold a `${secret:NAME}` reference (to be resolved before it is used)? */
export function hasSecretReference(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${secret:');
}
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const HOUR = 60 * 60_000;

interface MinimalSecretClient {
  getSecret(name: string): Promise<{ value?: string }>;
}

/** Key Vault secret names allow only letters, digits and dashes; `DB_PASSWORD` is looked up as `DB-PASSWORD`. */
export function keyVaultName(name: string): string {
  return name.replace(/[_.]/g, '-');
}

/** Environment names tried for a reference: as written, then upper-case with `-`/`.` as `_`. */
export function envNames(name: string): string[] {
  const alt = name.toUpperCase().replace(/[-.]/g, '_');
  return alt === name ? [name] : [name, alt];
}

/**
 * Minimal `.env` reader: KEY=VALUE, `export ` prefix, # comments, single/double quotes (\n, \" in double).
 * Kept over a library on purpose: Node 20's util.parseEnv drops every line after a malformed one, and
 * neither it (Node 20 or 24) nor dotenv reads `\"` inside double quotes as a quote; dotenv also cuts an
 * unquoted value at any `#`, which would truncate passwords this reading keeps whole.
 */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if (value.startsWith('"') && value.lastIndexOf('"') > 0) {
      value = value.slice(1, value.lastIndexOf('"')).replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else if (value.startsWith("'") && value.lastIndexOf("'") > 0) {
      value = value.slice(1, value.lastIndexOf("'"));
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[m[1]!] = value;
  }
  return out;
}

export class SecretManager {
  private readonly opts: SecretManagerOptions;
  private readonly vaultUrl?: URL;
  private readonly ttlMs: number;
  private readonly cache = new Map<string, { value: string; expiresAt: number }>();
  /** NAME → value of every reference resolved so far: files written to disk replace the values by the references. */
  private readonly used = new Map<string, string>();
  private readonly inflight = new Map<string, Promise<string>>();
  private client?: Promise<MinimalSecretClient>;
  /** Why Key Vault is not used (after a failure, or because it is off); shown when a secret is missing. */
  private vaultDown?: string;
  private dotenv?: Record<string, string> | null;

  /** Validates the configuration (no network); throws ConfigError. */
  constructor(opts: SecretManagerOptions) {
    this.opts = opts;
    this.ttlMs = opts.ttlMs ?? HOUR;
    const url = opts.keyVaultUrl?.trim();
    if (url) {
      const parsed = requireSecureUrl(url, 'key-vault-url');
      if (opts.enabled) this.vaultUrl = parsed;
      else
        opts.host.log.debug(
          'key-vault-url is set but the key-vault feature is off; secrets come from the environment.',
        );
    }
    if (opts.required && !opts.enabled) {
      throw new ConfigError('The production profile requires Key Vault, but the key-vault feature is off.', {
        field: 'features',
        fix: 'Remove "-key-vault" from features / FEATURE_USE_KEY_VAULT=false; production always uses Key Vault.',
      });
    }
    if (opts.enabled && !this.vaultUrl) {
      if (opts.required) {
        throw new ConfigError('The production profile requires Key Vault, but no vault is configured.', {
          field: 'key-vault-url',
          fix: 'Set secrets.keyVault in fabric-deploy.yml or the key-vault-url input (https://<name>.vault.azure.net).',
        });
      }
      this.vaultDown = 'not configured';
      opts.host.log.warn(
        'The key-vault feature is on but no vault is configured; secrets come from the environment.',
      );
    }
    if (this.vaultUrl && !opts.credential) {
      throw new ConfigError('Key Vault needs a credential that can sign in, but auth is token.', {
        field: 'auth',
        fix: 'Use oidc, client-secret, certificate, managed-identity or azure-cli, or turn the key-vault feature off.',
      });
    }
  }

  /** The secret's value; throws ConfigError naming every source tried when none has it. */
  async get(name: string, context: ReferenceContext = {}): Promise<string> {
    const trimmed = checkedName(name, context);
    const cached = this.cache.get(trimmed);
    if (cached && Date.now() < cached.expiresAt) return cached.value;
    const pending = this.inflight.get(trimmed);
    if (pending) return pending;
    const p = this.lookup(trimmed, context).finally(() => this.inflight.delete(trimmed));
    this.inflight.set(trimmed, p);
    return p;
  }

  /** Replaces every `${secret:NAME}` in `text`. */
  async resolveReferences(text: string, context: ReferenceContext = {}): Promise<string> {
    const names = [...new Set([...text.matchAll(SECRET_REFERENCE)].map((m) => m[1]!))];
    if (names.length === 0) return text;
    const values = new Map<string, string>();
    for (const n of names) values.set(n, await this.get(n, context));
    for (const [n, v] of values) this.used.set(n, v);
    return text.replace(SECRET_REFERENCE, (_m, n: string) => values.get(n)!);
  }

  /**
   * Replaces every `${secret:NAME}` from the environment and `.env` only: no Key Vault, no network, so
   * the sign-in inputs can be resolved while settings are read (Key Vault itself needs the credential).
   */
  resolveLocalReferences(text: string, context: ReferenceContext = {}): string {
    return text.replace(SECRET_REFERENCE, (_m, n: string) => {
      const value = this.lookupLocal(checkedName(n, context), context, []);
      this.used.set(n, value);
      return value;
    });
  }

  /** The references resolved so far, NAME → value. */
  resolved(): ReadonlyMap<string, string> {
    return this.used;
  }

  /** Where this manager looks (no values): recorded in a journal so that a replay can resolve the same names. */
  sources(): { keyVault?: string; dotenv?: string } {
    return {
      keyVault: this.vaultUrl?.toString(),
      dotenv: this.opts.host.kind === 'cli' ? this.opts.dotenvPath : undefined,
    };
  }

  private async lookup(name: string, context: ReferenceContext): Promise<string> {
    const tried: string[] = [];
    if (this.vaultUrl && !this.vaultDown) {
      const kvName = keyVaultName(name);
      const value = await this.fromVault(kvName);
      if (value !== undefined) {
        maskSecret(this.opts.host, value);
        this.cache.set(name, { value, expiresAt: Date.now() + this.ttlMs });
        return value;
      }
      tried.push(
        `Key Vault ${this.vaultUrl.origin} (secret "${kvName}"${this.vaultDown ? `: ${this.vaultDown}` : ' not found'})`,
      );
    } else if (this.opts.enabled) {
      tried.push(
        this.vaultUrl
          ? `Key Vault ${this.vaultUrl.origin} (skipped: ${this.vaultDown})`
          : `Key Vault (${this.vaultDown})`,
      );
    }

    return this.lookupLocal(name, context, tried);
  }

  /** Environment variables, then `.env` on the CLI; `tried` names the sources already tried, for the error. */
  private lookupLocal(name: string, context: ReferenceContext, tried: string[]): string {
    const names = envNames(name);
    for (const n of names) {
      const v = this.opts.env[n];
      if (v !== undefined && v !== '') return this.accept(v);
    }
    tried.push(`environment variable${names.length > 1 ? 's' : ''} ${names.join(', ')}`);

    const dotenvPath = this.opts.host.kind === 'cli' ? this.opts.dotenvPath : undefined;
    if (dotenvPath) {
      const file = this.readDotenv(dotenvPath);
      for (const n of names) {
        const v = file?.[n];
        if (v !== undefined && v !== '') return this.accept(v);
      }
      tried.push(`${dotenvPath}${file ? '' : ' (not found)'}`);
    }

    throw new ConfigError(`Secret "${name}" was not found. Tried: ${tried.join('; ')}.`, {
      field: context.field,
      location: context.location,
      fix: this.vaultUrl
        ? `Add secret "${keyVaultName(name)}" to the vault (the identity needs "Key Vault Secrets User"), or set environment variable ${names.at(-1)}.`
        : `Set environment variable ${names.at(-1)} (a pipeline secret), or configure Key Vault (key-vault-url + features: key-vault).`,
    });
  }

  private accept(value: string): string {
    maskSecret(this.opts.host, value);
    return value;
  }

  private readDotenv(path: string): Record<string, string> | null {
    if (this.dotenv === undefined) {
      this.dotenv = existsSync(path) ? parseDotenv(readFileSync(path, 'utf8')) : null;
      for (const v of Object.values(this.dotenv ?? {})) maskSecret(this.opts.host, v);
    }
    return this.dotenv;
  }

  private secretClient(): Promise<MinimalSecretClient> {
    this.client ??= (async () => {
      const { SecretClient } = await import('@azure/keyvault-secrets');
      const url = this.vaultUrl!.toString();
      return new SecretClient(url, this.opts.credential!, {
        // The simulator's vault lives on loopback, not on *.vault.azure.net.
        disableChallengeResourceVerification: isLoopbackUrl(url),
        retryOptions: { maxRetries: 2 },
        ...azureClientOptions({
          ...this.opts.network,
          proxyUrl: this.opts.network?.proxyUrl ?? this.opts.host.proxyUrl?.(),
        }),
      });
    })();
    return this.client;
  }

  /** The value, or undefined when the vault has no such secret; other failures fall back or fail. */
  private async fromVault(kvName: string): Promise<string | undefined> {
    try {
      const secret = await (await this.secretClient()).getSecret(kvName);
      return secret.value ?? '';
    } catch (err) {
      const e = err as { statusCode?: number; code?: string; message?: string };
      if (e.statusCode === 404 || e.code === 'SecretNotFound') return undefined;
      const why = describeVaultError(err);
      if (this.opts.required) {
        const inner = err instanceof UserError ? err : undefined;
        throw new UserError(
          `Key Vault ${this.vaultUrl!.origin} failed: ${why}. The production profile does not fall back to the environment.`,
          {
            field: inner?.field ?? 'key-vault-url',
            code: 'KeyVaultFailed',
            fix:
              inner?.fix ??
              'Grant the deploying identity "Key Vault Secrets User" on the vault and check network access (firewall, private endpoint).',
            cause: err,
          },
        );
      }
      // One warning and no further attempts: every secret would otherwise wait for the same retries.
      this.vaultDown = `failed: ${why}`;
      this.opts.host.log.warn(
        `Key Vault ${this.vaultUrl!.origin} failed (${why}); falling back to environment variables.`,
      );
      return undefined;
    }
  }
}

function checkedName(name: string, context: ReferenceContext): string {
  const trimmed = name.trim();
  if (!ENV_NAME.test(trimmed)) {
    throw new ConfigError(`"${name}" is not a valid secret name.`, {
      field: context.field,
      location: context.location,
      fix: 'Use letters, digits, "-", "_" or "." and start with a letter or "_", e.g. ${secret:SQL_PASSWORD}.',
    });
  }
  return trimmed;
}

function describeVaultError(err: unknown): string {
  const e = err as { statusCode?: number; code?: string; message?: string };
  const first = (e.message ?? String(err)).split(/\r?\n/)[0]!;
  return e.statusCode ? `HTTP ${e.statusCode}${e.code ? ` ${e.code}` : ''}: ${first}` : first;
}
