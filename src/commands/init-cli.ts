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
    .option(
      '--from-fabric-cicd <config.yml>',
      "convert fabric-cicd's config.yml (deploy_with_config) into fabric-deploy.yml; what has no equivalent is reported with its line",
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
    const fromCicd = str(opts.fromFabricCicd);
    if (fromCicd) {
      // A conversion asks nothing and signs in nowhere: config.yml says it all.
      const { writeFromFabricCicd } = await import('./init-fabric-cicd');
      const r = writeFromFabricCicd(path.resolve(fromCicd), directory, Boolean(opts.force));
      for (const f of r.findings) host.log.warn(f.message, f.location);
      const rel = path.relative(process.cwd(), r.file) || r.file;
      process.stdout.write(
        (opts.json
          ? JSON.stringify({ file: r.file, environments: r.environments, findings: r.findings }, null, 2)
          : `wrote ${rel} (${r.environments.length ? `environments: ${r.environments.join(', ')}` : 'no environments'}; ${r.findings.length} note(s) above and at the top of the file)\n\nnext: fabric-deploy plan --config ${rel}${r.environments[0] ? ` --environment ${r.environments[0]}` : ''}`) +
          '\n',
      );
      return 0;
    }
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
