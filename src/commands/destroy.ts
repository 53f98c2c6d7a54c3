/**
 * `destroy`: deletes the items this configuration manages (those of the repository, found by type
 * and name), dependents first, then the folders they leave empty. Never an item the repository
 * does not name. The workspace goes only with `destroy-workspace: true`, and only when nothing
 * unmanaged is left in it. Deletions cannot be undone: each is journalled and audited.
 */
import type { RunContext } from '../context';
import { errorMessage, UserError } from '../errors';
import type { Item } from '../fabric/types';
import type { DeploymentReport, ItemOutcome } from '../report/model';
import { SERVICE_MADE_TYPES } from '../items/types';
import { itemKey } from '../deploy/desired';
import { runGraph } from '../deploy/graph';
import { takeJournalledLock } from '../deploy/journal-lock';
import type { StepRecord } from '../deploy/journal-records';
import { isLockFolder, LOCK_PREFIX } from '../deploy/lock';
import { folderPaths, neededFolders } from '../deploy/plan/folders';
import { findWorkspace } from '../deploy/workspace';
import { openJournal, opsFor, prepare, type CommandOptions } from './prepare';

export async function destroy(ctx: RunContext, options: CommandOptions): Promise<DeploymentReport> {
  const s = ctx.settings;
  const ops = opsFor(ctx, options);
  const prepared = await prepare(ctx, ops, 'items');
  const ws = await findWorkspace(ops, s.workspace);
  const report: DeploymentReport = {
    command: 'destroy',
    deploymentId: ctx.deploymentId,
    environment: s.environment,
    result: 'succeeded',
    workspace: { id: ws?.id, name: ws?.displayName ?? s.workspace.name },
    items: [],
    startedAt: ctx.startedAt,
    durationMs: 0,
    warnings: [],
    hasChanges: false,
  };
  const done = () => {
    report.durationMs = Date.now() - ctx.startedAt.getTime();
    return report;
  };
  if (!ws) {
    ctx.log.info(`workspace '${s.workspace.name ?? s.workspace.id}' does not exist: nothing to destroy`);
    return done();
  }
  const desired = new Map(prepared.items.map((d) => [d.key, d]));
  const isManaged = (i: Item) => desired.has(itemKey(i.type, i.displayName));
  let managed = (await ops.listItems(ws.id)).filter(isManaged);
  const allFolders = await ops.listFolders(ws.id);
  let pathById = folderPaths(allFolders.filter((f) => !isLockFolder(f)));
  const emptyable = new Set(neededFolders(prepared.items));
  const deleteWs = Boolean(options.destroyWorkspace);
  // A deploy holding the lock may be creating managed items right now: then take the lock (wait or
  // refuse, as a deploy does) and look again, instead of saying "nothing to destroy".
  const deployRunning = allFolders.some((f) => f.displayName.startsWith(LOCK_PREFIX));
  if (managed.length === 0 && !deleteWs && !deployRunning) {
    ctx.log.info('none of the items this configuration manages is in the workspace: nothing to destroy');
    return done();
  }
  report.hasChanges = true;

  // Shown on every host; on the CLI it is also asked (or needs --yes) before anything is touched.
  const list = managed.map(
    (i) =>
      `  - ${i.type} '${i.displayName}'${i.folderId && pathById.get(i.folderId) ? ` (in ${pathById.get(i.folderId)})` : ''}`,
  );
  ctx.log.info(
    `destroy will delete ${managed.length} item${managed.length === 1 ? '' : 's'} from workspace '${ws.displayName}'` +
      (managed.length ? ':' : deployRunning ? ' (a deploy is running in it)' : ''),
  );
  for (const line of list) ctx.log.info(line);
  if (deleteWs)
    ctx.log.info(`  then the workspace '${ws.displayName}' itself, if nothing unmanaged is left in it`);
  let confirmed: Set<string> | undefined;
  if (ctx.host.confirm) {
    const what = `${managed.length} item${managed.length === 1 ? '' : 's'}${deleteWs ? ' and the workspace' : ''}`;
    const answer = await ctx.host.confirm({
      question: `Delete ${what} from workspace '${ws.displayName}'?`,
      expected: ws.displayName,
      action: `destroy ${what} in workspace '${ws.displayName}'`,
    });
    if (answer === 'declined')
      throw new UserError(`nothing was destroyed: the answer was not the workspace's name`, {
        field: 'yes',
        code: 'NotConfirmed',
        fix: `type '${ws.displayName}' at the prompt to go ahead, or pass --yes`,
      });
    // Only what was shown is deleted: an item a deploy makes after the answer was never agreed to.
    if (answer === 'asked') confirmed = new Set(managed.map((i) => i.id));
  }

  const tx = await openJournal(ctx, 'destroy', { id: ws.id, name: ws.displayName });
  report.journalFile = tx.file;
  let lock: StepRecord | undefined;
  const outcomes: ItemOutcome[] = [];
  let workspaceDeleted = false;
  try {
    lock = (await takeJournalledLock(tx, ops, ws.id, ctx.deploymentId, { ...options.lock, log: ctx.log }))
      .step;
    // Under the lock: what a deploy that ran meanwhile created is managed too, and nothing changes now.
    managed = (await ops.listItems(ws.id)).filter(isManaged);
    if (confirmed) {
      const unseen = managed.filter((i) => !confirmed.has(i.id));
      if (unseen.length) {
        report.warnings.push(
          `${unseen.length} managed item${unseen.length === 1 ? '' : 's'} appeared after the confirmation and ${unseen.length === 1 ? 'was' : 'were'} kept (run destroy again to delete ${unseen.length === 1 ? 'it' : 'them'}): ${unseen.map((i) => `${i.type} '${i.displayName}'`).join(', ')}`,
        );
        managed = managed.filter((i) => confirmed.has(i.id));
      }
    }
    pathById = folderPaths((await ops.listFolders(ws.id)).filter((f) => !isLockFolder(f)));

    // Reverse graph: an item goes once everything that depends on it is gone.
    const keyOf = (i: Item) => itemKey(i.type, i.displayName);
    const present = new Set(managed.map(keyOf));
    const dependents = new Map<string, string[]>();
    for (const d of prepared.items) {
      if (!present.has(d.key)) continue;
      for (const dep of d.dependsOn)
        if (present.has(dep)) (dependents.get(dep) ?? dependents.set(dep, []).get(dep)!).push(d.key);
    }
    const byKey = new Map(managed.map((i) => [keyOf(i), i]));
    const nodes = managed.map((i) => ({ key: keyOf(i), dependsOn: dependents.get(keyOf(i)) ?? [] }));
    const run = await ctx.log.group('Destroy', () =>
      runGraph(
        nodes,
        async (key) => {
          const it = byKey.get(key)!;
          const started = performance.now();
          const o: ItemOutcome = {
            name: it.displayName,
            type: it.type,
            id: it.id,
            action: 'delete',
            status: 'done',
            folder: it.folderId ? pathById.get(it.folderId) : undefined,
          };
          outcomes.push(o);
          try {
            await tx.record(
              {
                action: 'item.delete',
                target: { type: it.type, name: it.displayName, id: it.id },
                reason: 'a deleted item cannot be restored',
              },
              () => ops.deleteItem(ws.id, it.id),
            );
            ctx.log.info(`deleted ${it.type} '${it.displayName}'`);
          } catch (err) {
            o.status = 'failed';
            o.error = errorMessage(err);
            throw err;
          } finally {
            o.durationMs = performance.now() - started;
          }
        },
        { maxParallel: s.maxParallel, continueOnError: true },
      ),
    );
    for (const k of run.skipped) {
      const it = byKey.get(k)!;
      outcomes.push({
        name: it.displayName,
        type: it.type,
        id: it.id,
        action: 'delete',
        status: 'skipped',
        error: 'an item that depends on it could not be deleted',
      });
    }
    const failed = outcomes.filter((o) => o.status !== 'done');
    if (failed.length) {
      report.result = 'failed';
      report.error = `${failed.length} item${failed.length === 1 ? '' : 's'} could not be deleted: ${failed.map((o) => `${o.type} '${o.name}'`).join(', ')}`;
    }

    // Folders of the repository that are empty now, deepest first.
    const after = await ops.listItems(ws.id);
    const used = new Set(after.map((i) => i.folderId).filter(Boolean) as string[]);
    const foldersNow = (await ops.listFolders(ws.id)).filter((f) => !isLockFolder(f));
    const parents = new Set(foldersNow.map((f) => f.parentFolderId).filter(Boolean) as string[]);
    const candidates = foldersNow
      .filter((f) => emptyable.has(pathById.get(f.id) ?? ''))
      .sort(
        (a, b) => (pathById.get(b.id) ?? '').split('/').length - (pathById.get(a.id) ?? '').split('/').length,
      );
    const gone = new Set<string>();
    for (const f of candidates) {
      const hasChildFolder = foldersNow.some((c) => c.parentFolderId === f.id && !gone.has(c.id));
      if (used.has(f.id) || (parents.has(f.id) && hasChildFolder)) continue;
      try {
        await tx.record(
          {
            action: 'folder.delete',
            target: { type: 'Folder', name: pathById.get(f.id), id: f.id },
            reason: 'an empty folder',
          },
          () => ops.deleteFolder(ws.id, f.id),
        );
        gone.add(f.id);
      } catch (err) {
        report.warnings.push(`folder ${pathById.get(f.id)} not deleted: ${errorMessage(err)}`);
      }
    }

    if (deleteWs && !failed.length) {
      const left = after.filter((i) => !SERVICE_MADE_TYPES.has(i.type));
      if (left.length) {
        report.result = 'failed';
        report.error = `the workspace was not deleted: it still holds ${left.length} item${left.length === 1 ? '' : 's'} this configuration does not manage (${left
          .slice(0, 10)
          .map((i) => `${i.type} '${i.displayName}'`)
          .join(', ')}${left.length > 10 ? ', …' : ''})`;
      } else {
        await tx.record(
          {
            action: 'workspace.delete',
            target: { type: 'Workspace', name: ws.displayName, id: ws.id },
            reason: 'a deleted workspace cannot be restored',
          },
          () => ops.deleteWorkspace(ws.id),
        );
        workspaceDeleted = true;
        report.workspace = { id: ws.id, name: ws.displayName };
        ctx.log.info(`deleted workspace '${ws.displayName}'`);
      }
    }
  } catch (err) {
    report.result = 'failed';
    report.error = errorMessage(err);
  } finally {
    if (lock && !workspaceDeleted && lock.status === 'applied')
      await tx
        .undoNow(ops, lock)
        .catch((err) => ctx.log.warn(`could not release the workspace lock: ${errorMessage(err)}`));
    await tx.end(report.result);
  }
  report.items = outcomes;
  report.sections = [
    {
      title: 'Destroy',
      markdown:
        `${outcomes.filter((o) => o.status === 'done').length} of ${managed.length} managed item${managed.length === 1 ? '' : 's'} deleted` +
        (workspaceDeleted
          ? '; the workspace was deleted.'
          : deleteWs
            ? '; the workspace was kept.'
            : '; the workspace was kept (set destroy-workspace: true to delete it too).'),
    },
  ];
  return done();
}
