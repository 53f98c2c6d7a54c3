import type { Host } from './hosts/host';

/** Picks the host from the environment: GitHub Actions, Azure Pipelines, else the CLI. */
export function detectHost(env: NodeJS.ProcessEnv = process.env): 'github' | 'azure-devops' | 'cli' {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.TF_BUILD || env.AGENT_ID) return 'azure-devops';
  return 'cli';
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const kind = detectHost();
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
