/** Asking before something that cannot be undone: on a terminal only; CI must say --yes. */
import { UserError } from '../errors';
import type { Confirmation } from '../hosts/host';

export type { Confirmation };

/** A CI system runs us (no one to ask): GitHub Actions, Azure Pipelines, or any CI setting CI=true. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(
    env.GITHUB_ACTIONS === 'true' || env.TF_BUILD || env.AGENT_ID || /^(1|true)$/i.test(env.CI ?? ''),
  );
}

/** One question on the terminal (the prompt on stderr, so stdout stays the command's output). */
export async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/**
 * `--yes` goes ahead; a terminal is asked to type `expected`; with no one to ask (CI, no TTY) it is
 * refused with the fix, before anything was changed.
 */
export async function confirmOnTerminal(
  c: Confirmation,
  yes: boolean,
): Promise<'asked' | 'yes' | 'declined'> {
  if (yes) return 'yes';
  if (inCi() || !process.stdin.isTTY)
    throw new UserError(`refusing to ${c.action} without --yes`, {
      field: 'yes',
      code: 'NotConfirmed',
      fix: 'there is no terminal to ask on (CI, or input is not a terminal): pass --yes to go ahead; nothing was changed',
    });
  const answer = await askOnTerminal(
    `${c.question} This cannot be undone. Type '${c.expected}' to confirm: `,
  );
  return answer.trim() === c.expected ? 'asked' : 'declined';
}
