/**
 * The bulk path's rollback snapshot: the definitions the plan read from the pre-deploy export for the
 * items a bulk import updates, written once, beside the journal, before the first import is sent. The
 * journal's `restore-definition` undos then name the file instead of holding each definition, and a
 * replay (`rollback --journal`, the post-job step) reads them back from it, so an update is restored
 * byte for byte even after a kill. Resolved secret values are written as their references, as in the
 * journal, and resolved again by the replay (deploy/journal-secrets.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigError, errorMessage } from '../../errors';
import type { ItemDefinition } from '../../fabric/types';
import type { ParsedJournal } from '../journal-file';

interface SnapshotFile {
  snapshot: 'fabric-deploy';
  version: 1;
  deploymentId: string;
  workspaceId: string;
  /** Item id → its definition as the pre-deploy export gave it. */
  definitions: Record<string, ItemDefinition>;
}

/** `…/fabric-deploy-journal-<id>.jsonl` → `…/fabric-deploy-journal-<id>.snapshot.json`. */
export function snapshotPath(journalFile: string): string {
  return journalFile.replace(/\.jsonl$/, '') + '.snapshot.json';
}

/** Writes the snapshot (mode 0600, fsync'd) and resolves once it is on disk. */
export async function writeSnapshot(
  file: string,
  head: { deploymentId: string; workspaceId: string },
  definitions: ReadonlyMap<string, ItemDefinition>,
  redact?: <T>(value: T) => T,
): Promise<void> {
  const body: SnapshotFile = {
    snapshot: 'fabric-deploy',
    version: 1,
    ...head,
    definitions: Object.fromEntries(definitions),
  };
  const h = await fs.open(file, 'w', 0o600);
  try {
    await h.writeFile(JSON.stringify(redact ? redact(body) : body) + '\n');
    await h.datasync();
  } finally {
    await h.close();
  }
}

/**
 * Puts each snapshot-backed undo's definition back from its file, before anything is undone: a
 * snapshot that cannot be read is an error naming it (the updates it holds could not be restored).
 */
export async function inlineSnapshots(journal: ParsedJournal, journalFile: string): Promise<void> {
  const files = new Map<string, SnapshotFile>();
  for (const s of journal.steps) {
    const u = s.undo;
    if (u.kind !== 'restore-definition' || !u.snapshot || u.definition) continue;
    let snap = files.get(u.snapshot);
    if (!snap) {
      // Where the run wrote it, else beside the journal (both downloaded from an artifact elsewhere).
      const beside = path.join(path.dirname(journalFile), path.basename(u.snapshot));
      try {
        snap = JSON.parse(
          await fs.readFile(u.snapshot, 'utf8').catch(() => fs.readFile(beside, 'utf8')),
        ) as SnapshotFile;
      } catch (err) {
        throw new ConfigError(
          `the journal's rollback snapshot '${u.snapshot}' cannot be read: ${errorMessage(err)}`,
          {
            location: { file: journalFile },
            field: 'journal',
            fix: 'keep the snapshot beside its journal (upload both as the artifact: fabric-deploy-journal-<id>.*) and run the rollback again',
          },
        );
      }
      files.set(u.snapshot, snap);
    }
    const def = snap.definitions?.[u.itemId];
    if (!def)
      throw new ConfigError(
        `the rollback snapshot '${u.snapshot}' has no definition of ${u.type} '${u.name}'`,
        {
          location: { file: journalFile },
          field: 'journal',
          fix: 'restore that item by hand from its Git history; the rest of the journal is intact',
        },
      );
    s.undo = { ...u, definition: def };
  }
}
