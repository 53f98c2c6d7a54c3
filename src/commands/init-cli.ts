/**
 * The `init` command of the CLI: asks for what is missing on a terminal, takes flags otherwise (CI, or
 * no terminal), scaffolds a project or, with --from-workspace, exports a workspace into one.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { CliSupport } from './workspaces-cli';

type Opts = Record<string, string | boolean>;

export function registerInit(program: Command, cli: CliSupport): void {
  cli
    .withConnection(
      program
        .command('init')
        .description(
          'Scaffold fabric-deploy.yml, principals, parameter.yml and CI pipelines; --from-workspace exports a workspace into the project',
        ),
    )
    .option('--directory <dir>', 'where the project goes', '.')
    .option('--name <base>', "the workspace names' base (<base>-<environment>; default: the folder's name)")
    .option('--capacity <name>', 'capacity name for the config')
    .option('--environments <list>', 'comma-separated environments', undefined)
    .option('--items <dir>', 'items folder inside the project', 'workspace')
    .option(
      '--from-workspace <id|name>',
      'export this workspace (folders and item definitions) into the project',
    )
    .option('--force', 'overwrite files that exist')
    .option('--yes', 'ask nothing: take the flags and defaults')
    .action(async (opts: Opts) => cli.setExitCode(await runInit(cli, opts)));
}

async function runInit(cli: CliSupport, opts: Opts): Promise<number> {
  const host = cli.host(opts);
  const [{ inCi, askOnTerminal }, init, { reportFailure }, { noAudit }] = await Promise.all([
    import('./confirm'),
    import('./init'),
    import('../report/publish'),
    import('../report/telemetry-types'),
  ]);
  let audit: import('../report/telemetry-types').AuditLog = noAudit;
  const deploymentId = (await import('node:crypto')).randomUUID();
  try {
    const directory = path.resolve(str(opts.directory) ?? '.');
    const interactive = !opts.yes && !inCi() && Boolean(process.stdin.isTTY);
    const ask = async (question: string, fallback: string | undefined) => {
      if (!interactive) return fallback;
      const a = (await askOnTerminal(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
      return a || fallback;
    };
    const fromWorkspace = str(opts.fromWorkspace);
    const name =
      str(opts.name) ??
      (await ask('Workspace name base (workspaces are <base>-<environment>)', path.basename(directory))) ??
      path.basename(directory);
    const capacity = str(opts.capacity) ?? (await ask('Capacity name (empty: none)', undefined));
    const environments = init.parseEnvironments(
      str(opts.environments) ?? (await ask('Environments', 'dev,test,prod')),
    );
    const o = {
      directory,
      name,
      capacity,
      environments,
      itemsDirectory: str(opts.items) ?? 'workspace',
      force: Boolean(opts.force),
    };
    let result: Awaited<ReturnType<typeof init.initProject>>;
    if (fromWorkspace) {
      const [{ connectBase }, { resolveBaseSettings }] = await Promise.all([
        import('../connect'),
        import('../settings/settings'),
      ]);
      const ctx = await connectBase(host, resolveBaseSettings(host), { deploymentId, startedAt: new Date() });
      audit = ctx.audit;
      result = await init.exportWorkspace(ctx, fromWorkspace, o);
      host.log.info(
        `exported ${result.items} items in ${result.folders} folders of '${result.workspace!.name}' into ${path.join(directory, o.itemsDirectory)}`,
      );
    } else result = await init.initProject(o);
    const rel = result.files.map((f) => path.relative(directory, f) || f);
    process.stdout.write(
      (opts.json
        ? JSON.stringify({ directory, ...result, files: rel }, null, 2)
        : `wrote ${rel.length} files into ${directory}:\n${rel.map((f) => `  ${f}`).join('\n')}\n\nnext: fabric-deploy plan --config ${path.join(path.relative(process.cwd(), directory) || '.', 'fabric-deploy.yml')}${fromWorkspace ? '' : ' --environment ' + environments[0]}`) +
        '\n',
    );
    return 0;
  } catch (err) {
    reportFailure(host, err, deploymentId, audit);
    return 1;
  } finally {
    await audit.close().catch(() => undefined);
  }
}

function str(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
