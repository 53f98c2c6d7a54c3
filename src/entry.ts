import type { Host } from './hosts/host';

/**
 * Picks the host: any command-line argument means the CLI (the Action and the task start the bundle with
 * none, and a `fabric-deploy …` line in a CI script step must stay a CLI run); otherwise GitHub Actions,
 * Azure Pipelines, else the CLI.
 */
export function detectHost(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = [],
): 'github' | 'azure-devops' | 'cli' {
  if (argv.length > 0) return 'cli';
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.TF_BUILD || env.AGENT_ID) return 'azure-devops';
  return 'cli';
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const kind = detectHost(process.env, argv);
  if (kind === 'cli') {
    const { runCli } = await import('./cli');
    process.exitCode = await runCli(argv);
    return;
  }
  let host: Host;
  if (kind === 'github') {
    const { createGitHubHost } = await import('./hosts/github');
    host = createGitHubHost();
  } else {
    const { createAzureDevOpsHost } = await import('./hosts/azure-devops');
    host = await createAzureDevOpsHost();
  }
  const { run } = await import('./main');
  await run(host);
}
