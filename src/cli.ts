import { Command, Option } from 'commander';
import { COMMANDS, envName, INPUTS } from './settings/inputs';
import type { Confirmation } from './hosts/host';
import { createLocalHost } from './hosts/local';
import { VERSION } from './version';

/** CLI over the same commands as the Action and the task; flags are the input names. Returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('fabric-deploy')
    .description('Provision Microsoft Fabric workspaces and deploy their items from Git')
    .version(VERSION)
    .exitOverride();

  // No arguments: the command FABRIC_DEPLOY_COMMAND names, else the help (never a deploy nobody asked for).
  const envCommand = process.env[envName('command')]?.trim();
  const args = argv.length === 0 && envCommand ? [envCommand] : argv;
  // Only the command that runs gets the ~50 input options (six commands' worth is start-up time).
  const invoked = args[0] === 'help' ? args[1] : args[0];
  const addInputs = (cmd: Command) => {
    if (cmd.name() !== invoked) return cmd;
    for (const spec of INPUTS) {
      if (spec.only === 'azure-devops' || spec.name === 'command') continue;
      // A true/false input alone means true (`--fail-on-drift`); `--fail-on-drift false` still reads.
      const value = spec.adoType === 'boolean' ? '[value]' : '<value>';
      const opt = new Option(`--${spec.name} ${value}`, spec.description);
      if (spec.options) opt.choices([...spec.options]);
      cmd.addOption(opt);
    }
    cmd.option('--json', 'print the result as JSON on stdout (logs go to stderr)');
    cmd.option('--verbose', 'debug logging');
    cmd.option('--summary-file <path>', 'also write the markdown summary to this file');
    return cmd;
  };

  // Sign-in and connection inputs only, for the commands that read no config file (`workspaces …`).
  const addConnection = (cmd: Command) => {
    for (const spec of INPUTS) {
      if (spec.only === 'azure-devops' || !CONNECTION_INPUTS.has(spec.name)) continue;
      const opt = new Option(`--${spec.name} <value>`, spec.description);
      if (spec.options) opt.choices([...spec.options]);
      cmd.addOption(opt);
    }
    cmd.option('--json', 'print the result as JSON on stdout (logs go to stderr)');
    cmd.option('--verbose', 'debug logging');
    return cmd;
  };

  // `rollback` is a command of its own below (a journal, no config file).
  for (const name of COMMANDS.filter((c) => c !== 'rollback')) {
    const cmd = addInputs(program.command(name).description(describe(name)));
    if (name === 'plan' && invoked === name)
      cmd.option(
        '--detailed-exitcode',
        'exit 0 when nothing would change, 2 when something would, 1 on error',
      );
    if (name === 'destroy' && invoked === name)
      cmd.option('--yes', 'do not ask (required when there is no terminal, e.g. in CI)');
    cmd.action(async (opts: Record<string, string | boolean>) => {
      exitCode = await runCommand(name, opts);
    });
  }

  addInputs(
    program.command('rollback').description('Undo what a killed or failed run left, from its journal'),
  )
    .option('--journal <file>', 'the journal a deploy wrote (fabric-deploy-journal-<deployment id>.jsonl)')
    .action(async (opts: Record<string, string | boolean>) => {
      const host = localHost('rollback', opts);
      // The CLI has no job whose journal it could pick: it must be named (--journal or --journal-file).
      const journal = typeof opts.journal === 'string' ? opts.journal : host.getInput('journal-file');
      if (!journal) {
        process.stderr.write(
          "error: required option '--journal <file>' not specified (the journal a deploy printed: journal: …)\n",
        );
        exitCode = 1;
        return;
      }
      const { rollbackCommand } = await import('./commands/rollback');
      const report = await rollbackCommand(host, journal);
      printJson(opts, host, report?.result);
      exitCode = host.exitCode;
    });

  addInputs(
    program
      .command('serve-health')
      .description('Serve /health and /readiness (the checks, cached) for long-running agents'),
  )
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--listen <address>', 'address to listen on', '127.0.0.1')
    .action(async (opts: Record<string, string | boolean>) => {
      const host = localHost('health', opts);
      const { serveHealthCommand } = await import('./commands/serve-health');
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`error: --port must be a port number (0-65535), not '${opts.port}'\n`);
        exitCode = 1;
        return;
      }
      const server = await serveHealthCommand(host, port, String(opts.listen));
      if (!server) {
        exitCode = 1;
        return;
      }
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  const [{ registerWorkspaces }, { registerInit }] = await Promise.all([
    import('./commands/workspaces-cli'),
    import('./commands/init-cli'),
  ]);
  for (const [name, register] of [
    ['workspaces', registerWorkspaces],
    ['init', registerInit],
  ] as const)
    register(program, {
      withConnection: (cmd) => (invoked === name ? addConnection(cmd) : cmd),
      // Logs on stderr: stdout carries only the table or the JSON.
      host: (opts) => createLocalHost({ ...localHostOptions(name, opts), json: true }),
      setExitCode: (code) => (exitCode = code),
    });

  program
    .command('simulate')
    .description('Run the Fabric API simulator on loopback (prints READY <url>)')
    .allowUnknownOption(true)
    .helpOption(false)
    .argument('[args...]')
    .action(async (args: string[]) => {
      exitCode = await runSimulatorBundle(args);
    });

  hintAfterErrors(program);
  if (args.length === 0) {
    // A usage error like any other (git, npm): the help on stderr, exit 1.
    program.outputHelp({ error: true });
    return 1;
  }
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // commander already printed its message (usage error, help, version).
      const exit = (err as { exitCode?: number }).exitCode;
      // `help` exits 0 (commander.help, exitCode 0), a usage error 1.
      return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : (exit ?? 1);
    }
    // Anything else escaped `run`, which reports every expected failure itself: a bug, shown in full.
    process.stderr.write(
      `fabric-deploy: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
  return exitCode;
}

/**
 * A usage error (unknown flag or command, missing value) prints commander's one line, its did-you-mean
 * when there is one, and where the help is: not the whole help, which buries the line that matters.
 */
function hintAfterErrors(cmd: Command, path: string[] = []): void {
  const name = [...path, cmd.name()];
  const full = name.join(' ');
  cmd.showHelpAfterError(`(run '${full} --help' to see ${path.length ? 'its options' : 'the commands'})`);
  for (const sub of cmd.commands) hintAfterErrors(sub, name);
}

function describe(name: string): string {
  switch (name) {
    case 'deploy':
      return 'Deploy the items';
    case 'plan':
      return 'Show what a deploy would change, changing nothing';
    case 'drift':
      return 'Report what in the workspace differs from the repository (exit 2 when anything does), changing nothing';
    case 'health':
      return 'Check API reachability, authentication, capacity and workspace access';
    case 'branch-up':
      return "Create or reuse the feature branch's workspace and deploy into it";
    case 'branch-down':
      return "Delete the feature branch's workspace (only one branch-up made for it)";
    case 'matrix':
      return "The config's targets (workspaces × environments) as JSON for a CI fan-out";
    case 'promote':
      return "Deploy a Fabric deployment pipeline's stage to the next, after a preview (--preview-only true: only the preview)";
    case 'branch-gc':
      return 'Delete branch workspaces whose branch is gone (--live-branches) or that are old (--max-age-days)';
    default:
      return 'Delete the workspace items managed by this configuration';
  }
}

const CONNECTION_INPUTS = new Set([
  ...INPUTS.filter((i) => i.group === 'auth').map((i) => i.name),
  'cloud',
  'fabric-api-url',
  'authority-host',
  'graph-url',
]);

function localHost(command: string, opts: Record<string, string | boolean>) {
  return createLocalHost(localHostOptions(command, opts));
}

function localHostOptions(command: string, opts: Record<string, string | boolean>) {
  const inputs: Record<string, string | undefined> = { command };
  for (const spec of INPUTS) {
    const key = spec.name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const v = opts[key];
    if (typeof v === 'string') inputs[spec.name] = v;
    else if (v === true) inputs[spec.name] = 'true';
  }
  return {
    inputs,
    json: Boolean(opts.json),
    verbose: Boolean(opts.verbose),
    summaryFile: typeof opts.summaryFile === 'string' ? opts.summaryFile : undefined,
  };
}

function printJson(
  opts: Record<string, string | boolean>,
  host: ReturnType<typeof createLocalHost>,
  result?: string,
): void {
  if (!opts.json) return;
  const items = host.outputs.items ? JSON.parse(host.outputs.items) : [];
  const health = host.outputs.health ? JSON.parse(host.outputs.health) : undefined;
  if (host.outputs.matrix) {
    const m = JSON.parse(host.outputs.matrix) as Record<string, unknown>;
    process.stdout.write(
      JSON.stringify({ ...m, 'ado-matrix': JSON.parse(host.outputs['ado-matrix']!) }, null, 2) + '\n',
    );
    return;
  }
  const final = result ?? host.outputs.result;
  const json: Record<string, unknown> = { ...host.outputs, items, health, result: final };
  if (host.outputs['has-changes'] !== undefined) json['has-changes'] = host.outputs['has-changes'] === 'true';
  // A failed run says why: the error that ended it (else the last logged) and, when there were several, all.
  if (final !== 'succeeded' && (host.failure || host.errors.length)) {
    json.error = host.failure ?? host.errors[host.errors.length - 1];
    if (host.errors.length > 1) json.errors = host.errors;
  }
  process.stdout.write(JSON.stringify(json, null, 2) + '\n');
}

async function runCommand(command: string, opts: Record<string, string | boolean>): Promise<number> {
  const host = createLocalHost({
    ...localHostOptions(command, opts),
    ...(command === 'destroy'
      ? {
          confirm: async (c: Confirmation) =>
            (await import('./commands/confirm')).confirmOnTerminal(c, Boolean(opts.yes)),
        }
      : {}),
  });
  const { run } = await import('./main');
  const report = await run(host);
  printJson(opts, host, report?.result);
  // terraform's convention, for a scheduled "is anything pending?" job: 2 means changes, 1 an error.
  if (opts.detailedExitcode && host.exitCode === 0 && report?.hasChanges) return 2;
  // Drift found (drift, plan --fail-on-drift) is 2 as well; a run that could not look is 1.
  if (report?.drift?.length && report.result === 'failed') return 2;
  return host.exitCode;
}

/**
 * `fabric-deploy simulate` runs the simulator's own bundle (dist/simulator.js, beside this one) in a child
 * process, so the simulator is built once and never loaded into a deploy. Signals are passed on.
 */
async function runSimulatorBundle(args: string[]): Promise<number> {
  const { spawn } = await import('node:child_process');
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const path = await import('node:path');
  // Resolved at run time beside the running bundle (a `new URL(…)` literal would be bundled as an asset):
  // this code runs from dist/chunks/, the simulator is dist/simulator.js.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '..', 'simulator.js'), path.join(here, 'simulator.js')];
  const script = candidates.find((f) => existsSync(f)) ?? candidates[0]!;
  if (!existsSync(script)) {
    process.stderr.write(
      `fabric-deploy: the simulator bundle is missing (${script}); run \`npm run bundle\`\n`,
    );
    return 1;
  }
  const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
