/**
 * `${secret:NAME}` in the config and the telemetry connection string, resolved after sign-in (Key Vault
 * needs the credential) into a new RunSettings: the settings read before sign-in are never changed.
 */
import { hasSecretReference, type SecretManager } from '../identity/secrets';
import { deepFreeze } from './freeze';
import type { RunSettings } from './settings';

/** Does anything in the config or the service inputs still hold a secret reference? */
export function needsSecrets(settings: RunSettings): boolean {
  const walk = (v: unknown): boolean =>
    hasSecretReference(v) ||
    (Array.isArray(v) ? v.some(walk) : !!v && typeof v === 'object' && Object.values(v).some(walk));
  return walk(settings.config) || hasSecretReference(settings.inputs.telemetryConnectionString);
}

/** The settings with every reference replaced by its value (each value masked once resolved). */
export async function withSecretsResolved(
  settings: RunSettings,
  secrets: SecretManager,
): Promise<RunSettings> {
  if (!needsSecrets(settings)) return settings;
  const walk = async (value: unknown, at: (string | number)[]): Promise<unknown> => {
    if (hasSecretReference(value)) {
      return secrets.resolveReferences(value, { field: at.join('.'), location: settings.loaded.locate(at) });
    }
    if (Array.isArray(value)) return Promise.all(value.map((v, n) => walk(v, [...at, n])));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = await walk(v, [...at, k]);
      return out;
    }
    return value;
  };
  const config = (await walk(settings.config, [])) as RunSettings['config'];
  const cs = settings.inputs.telemetryConnectionString;
  return deepFreeze({
    ...settings,
    config,
    // Values derived from the config before sign-in are derived again from the resolved config.
    workspace: {
      ...settings.workspace,
      description: config.workspace.description,
      name: hasSecretReference(settings.workspace.name) ? config.workspace.name : settings.workspace.name,
    },
    inputs: {
      ...settings.inputs,
      telemetryConnectionString: hasSecretReference(cs)
        ? await secrets.resolveReferences(cs, { field: 'telemetry-connection-string' })
        : cs,
    },
  });
}
