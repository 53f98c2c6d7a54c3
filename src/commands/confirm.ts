/** Asking before something that cannot be undone: on a terminal only; CI must say --yes. */

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
