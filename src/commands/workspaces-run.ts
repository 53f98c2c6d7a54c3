/** Runs one `workspaces` operation: sign in as a deploy does, print its table or JSON, report failures. */
import type { Host } from '../hosts/host';
import { directoryFor } from '../connect';
import { withSignedIn } from './signed-in';
import type { Shown, WorkspacesContext } from './workspaces';

export async function runOne(
  host: Host,
  opts: { json?: unknown },
  fn: (ctx: WorkspacesContext) => Promise<Shown>,
): Promise<number> {
  const code = await withSignedIn(host, async (ctx) => {
    const directory = directoryFor(host, ctx.settings.connection, ctx.tokens);
    const shown = await fn({ ...ctx, directory });
    process.stdout.write((opts.json ? JSON.stringify(shown.json, null, 2) : shown.text) + '\n');
    if (ctx.audit.path) host.log.info(`audit log: ${ctx.audit.path}`);
    return 0;
  });
  return code ?? 1;
}
