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

/**
 * `phase: 'post'` is the post-job step (`dist/post.js`: GitHub `post:`, Azure DevOps `postjobexecution`),
 * a file of its own so that a step killed before it saved anything can never be taken for a new run.
 */
export async function main(
  argv: string[] = process.argv.slice(2),
  phase: 'main' | 'post' = 'main',
): Promise<void> {
  const kind = detectHost(process.env, phase === 'post' ? [] : argv);
  if (phase === 'post' && kind === 'cli') {
    process.stderr.write(
      'dist/post.js is the post-job step of the Action and the task: nothing to do here\n',
    );
    return;
  }
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
  // false: it failed and said so (the step has failed); nothing else may run.
  if ((await host.prepare?.()) === false) return;
  if (phase === 'post') {
    const { postJob } = await import('./commands/post-job');
    await postJob(host);
    return;
  }
  const { run } = await import('./main');
  await run(host);
}
