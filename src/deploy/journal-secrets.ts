/**
 * A journal written with secret values replaced by their `${secret:NAME}` references (journal.ts,
 * `redact`) is replayed with the values resolved again from the sources its header names — Key Vault,
 * the environment and the host's secret variables, `.env` on the CLI — so the undo restores byte for byte.
 */
import type { CommandContext } from '../context';
import { ConfigError, errorMessage } from '../errors';
import { restoreSecrets, secretNamesIn } from '../identity/secret-redaction';
import { SecretManager } from '../identity/secrets';
import type { BaseSettings } from '../settings/settings';
import type { ParsedJournal } from './journal-file';

export type JournalSecretsContext = Pick<CommandContext<BaseSettings>, 'host'> &
  Partial<Pick<CommandContext<BaseSettings>, 'tokens'>>;

/** Puts the secret values back into the journal's steps; a reference that cannot be resolved is an error before any undo. */
export async function resolveJournalSecrets(
  ctx: JournalSecretsContext,
  journal: ParsedJournal,
  file: string,
): Promise<void> {
  const sources = journal.header?.secrets;
  if (!sources) return;
  const data = journal.steps.map((s) => [s.target, s.undo, s.before, s.after]);
  const names = secretNamesIn(data);
  if (names.length === 0) return;
  const manager = new SecretManager({
    keyVaultUrl: sources.keyVault,
    enabled: Boolean(sources.keyVault),
    required: false,
    credential: ctx.tokens?.credential,
    env: { ...process.env, ...ctx.host.secretVariables?.() },
    dotenvPath: sources.dotenv,
    host: ctx.host,
  });
  const values = new Map<string, string>();
  for (const name of names) {
    try {
      values.set(name, await manager.get(name, { field: 'journal' }));
    } catch (err) {
      throw new ConfigError(
        `the journal holds \${secret:${name}} in place of a secret value, and it cannot be resolved: ${errorMessage(err)}`,
        {
          location: { file },
          field: 'journal',
          fix: `run the rollback where the deploy ran, with the same secret sources (${[
            sources.keyVault && `Key Vault ${sources.keyVault}`,
            'the environment variable or pipeline secret',
            sources.dotenv,
          ]
            .filter(Boolean)
            .join(', ')})`,
        },
      );
    }
  }
  for (const s of journal.steps) {
    s.target = restoreSecrets(s.target, values);
    s.undo = restoreSecrets(s.undo, values);
    if (s.before) s.before = restoreSecrets(s.before, values);
    if (s.after) s.after = restoreSecrets(s.after, values);
  }
}
