/**
 * The `workspaces` command group of the CLI: sign in as a deploy does (same inputs, client and audit
 * log), run one operation of workspaces.ts, print its table (or `--json`) on stdout; the log goes to
 * stderr so the output can be piped. Exit 1 on any error, with the fix.
 */
import type { Command } from 'commander';
import type { Host } from '../hosts/host';
import type { PrincipalRef, Shown, WorkspacesContext } from './workspaces';

// The operations, sign-in and reporting load only when a `workspaces` command runs (start-up time).
const ops = () => import('./workspaces');

type Opts = Record<string, string | boolean>;

export interface CliSupport {
  /** Adds the sign-in and connection options (and --json, --verbose) to a subcommand. */
  withConnection(cmd: Command): Command;
  /** A CLI host for these options, logging to stderr. */
  host(opts: Opts): Host;
  setExitCode(code: number): void;
}

export function registerWorkspaces(program: Command, cli: CliSupport): void {
  const group = program
    .command('workspaces')
    .description('Manage workspaces: list, show, create, delete, assign-capacity, principals, items');
  const leaf = (
    cmd: Command,
    fn: (ctx: WorkspacesContext, opts: Opts, ...args: string[]) => Promise<Shown>,
  ) =>
    cli.withConnection(cmd).action(async (...args: unknown[]) => {
      // commander passes the positional arguments, then the options, then the command.
      const positional = args.slice(0, -2) as string[];
      const opts = args[args.length - 2] as Opts;
      cli.setExitCode(
        await (
          await import('./workspaces-run')
        ).runOne(cli.host(opts), opts, (ctx) => fn(ctx, opts, ...positional)),
      );
    });

  leaf(
    group
      .command('list')
      .description('Workspaces this identity can see')
      .option('--name <text>', 'only names containing this (case-insensitive)')
      .option('--capacity <id|name>', 'only workspaces on this capacity')
      .option(
        '--role <roles>',
        "only workspaces where the identity has one of these roles (e.g. 'Admin,Member')",
      ),
    async (ctx, o) =>
      (await ops()).listWorkspaces(ctx, {
        name: str(o.name),
        capacity: str(o.capacity),
        role: str(o.role),
      }),
  );
  leaf(
    group
      .command('show')
      .description('One workspace: capacity, principals, item counts')
      .argument('<workspace>', 'id or name'),
    async (ctx, _o, ws) => (await ops()).showWorkspace(ctx, ws!),
  );
  leaf(
    group
      .command('create')
      .description('Create a workspace')
      .argument('<name>', 'display name')
      .option('--capacity <id|name>', 'assign it to this capacity')
      .option('--description <text>', 'its description'),
    async (ctx, o, name) =>
      (await ops()).createWorkspace(ctx, name!, {
        capacity: str(o.capacity),
        description: str(o.description),
      }),
  );
  leaf(
    group
      .command('delete')
      .description('Delete a workspace and everything in it (asks first; --yes in CI)')
      .argument('<workspace>', 'id or name')
      .option('--yes', 'do not ask (required when there is no terminal, e.g. in CI)'),
    async (ctx, o, ws) =>
      (await ops()).deleteWorkspace(ctx, ws!, async (w, n) =>
        (await import('./confirm'))
          .confirmOnTerminal(
            {
              question: `Delete workspace '${w.displayName}' (${w.id}) and its ${n} item${n === 1 ? '' : 's'}?`,
              expected: w.displayName,
              action: `delete workspace '${w.displayName}'`,
            },
            Boolean(o.yes),
          )
          .then((answer) => answer !== 'declined'),
      ),
  );
  leaf(
    group
      .command('assign-capacity')
      .description("Assign a workspace to a capacity ('none' unassigns it)")
      .argument('<workspace>', 'id or name')
      .argument('<capacity>', "capacity id or name, or 'none'"),
    async (ctx, _o, ws, cap) => (await ops()).assignCapacity(ctx, ws!, cap!),
  );
  const principals = group.command('principals').description('Role assignments: list, add, remove');
  const principalOptions = (cmd: Command) =>
    cmd
      .argument('<workspace>', 'id or name')
      .option('--upn <upn>', 'a user by user principal name')
      .option('--group <name>', 'a group by display name')
      .option('--app-id <id>', 'a service principal by application id')
      .option('--id <objectId>', 'an object id (with --type)')
      .option('--type <type>', 'User, Group, ServicePrincipal or ServicePrincipalProfile (with --id)');
  leaf(
    principals.command('list').description('Who has which role').argument('<workspace>', 'id or name'),
    async (ctx, _o, ws) => (await ops()).listPrincipals(ctx, ws!),
  );
  leaf(
    principalOptions(
      principals.command('add').description('Give a principal a role (or change its role)'),
    ).option('--role <role>', 'Admin, Member, Contributor or Viewer'),
    async (ctx, o, ws) => (await ops()).addPrincipal(ctx, ws!, principalRef(o), str(o.role)),
  );
  leaf(
    principalOptions(principals.command('remove').description("Remove a principal's role")),
    async (ctx, o, ws) => (await ops()).removePrincipal(ctx, ws!, principalRef(o)),
  );
  leaf(
    group
      .command('items')
      .description('Items of a workspace')
      .argument('<workspace>', 'id or name')
      .option('--type <type>', 'only items of this type (e.g. Notebook)')
      .option('--folder <path>', "only items in this folder and below ('/' = top level only)"),
    async (ctx, o, ws) =>
      (await ops()).listWorkspaceItems(ctx, ws!, { type: str(o.type), folder: str(o.folder) }),
  );
}

function str(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function principalRef(o: Opts): PrincipalRef {
  const type = str(o.type) as PrincipalRef['type'];
  return {
    ...(str(o.upn) ? { upn: str(o.upn) } : {}),
    ...(str(o.group) ? { group: str(o.group) } : {}),
    ...(str(o.appId) ? { appId: str(o.appId) } : {}),
    ...(str(o.id) ? { id: str(o.id) } : {}),
    ...(type ? { type } : {}),
  };
}
