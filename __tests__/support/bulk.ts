/**
 * Test support for the bulk strategy (__tests__/deploy/bulk-*.test.ts): a bundle run that reports the
 * plan JSON, the summary and the import / create / update calls it made, and a comparable view of a
 * workspace's deployed definitions.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from '../../src/deploy/plan/model';
import type { RunningSimulator } from '../../src/simulator';
import { runBundle } from './bundle';
import { snapshot } from './deploy';
import { clearLog, requestLog } from './fabric';
import { RETAIL } from './paths';
import { tokenEnv } from './sim';

export function bulkSupport(sim: () => RunningSimulator) {
  const IMPORT = /\/items\/bulkImportDefinitions$/;
  const CREATE = /^\/v1\/workspaces\/[^/]+\/items$/;
  const UPDATE = /\/updateDefinition$/;

  /** A copy of the retail repository (27 types, every kind of reference) deployed with `strategy`. */
  function retailProject(workspace: string, strategy: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-bulk-'));
    cpSync(RETAIL, path.join(dir, 'retail'), { recursive: true });
    writeFileSync(
      path.join(dir, 'fabric-deploy.yml'),
      `version: 1\nworkspace:\n  name: ${workspace}\n  capacity:\n    name: F64 Production\nitems:\n  directory: retail\n  parameterFile: retail/parameter.yml\n  strategy: ${strategy}\n`,
    );
    return dir;
  }

  async function run(command: string, dir: string, extra: string[] = [], env: Record<string, string> = {}) {
    await clearLog(sim());
    const summaryFile = path.join(dir, `summary-${Date.now()}.md`);
    const r = await runBundle(
      [
        command,
        '--config',
        path.join(dir, 'fabric-deploy.yml'),
        '--json',
        '--summary-file',
        summaryFile,
        ...extra,
      ],
      { ...tokenEnv(sim()), ...env },
    );
    const out = JSON.parse(r.stdout || '{}') as Record<string, unknown>;
    const planFile = out['plan-file'] as string | undefined;
    const plan = planFile ? (JSON.parse(readFileSync(planFile, 'utf8')) as Plan) : undefined;
    const log = await requestLog(sim());
    const posts = (re: RegExp) => log.filter((x) => x.method === 'POST' && re.test(x.path)).length;
    return {
      code: r.code,
      output: r.stdout + r.stderr,
      out,
      plan,
      summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '',
      imports: posts(IMPORT),
      creates: posts(CREATE),
      updates: posts(UPDATE),
    };
  }

  /**
   * What the workspace holds, item by item (`Type/name`: folder, description, each part's text), with
   * every id of the workspace written as the item it names and the workspace id as `<workspace>`: two
   * workspaces deployed from one repository compare equal exactly when every reference resolved to the
   * same item.
   */
  function deployed(workspace: string): Record<string, unknown> {
    const snap = snapshot(sim(), workspace)!;
    const names = new Map(snap.items.map((i) => [i.id.toLowerCase(), `<${i.type}/${i.name}>`]));
    names.set(snap.id.toLowerCase(), '<workspace>');
    // What the service derives from an id (a SQL endpoint's host, a query URI) stands for that item too.
    const made = new Map<string, string>();
    for (const [id, name] of names) made.set(id.replace(/-/g, '').slice(0, 20), name);
    const ids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
    const service = (text: string) => text.replace(/[0-9a-f]{20}/g, (h) => made.get(h) ?? h);
    const out: Record<string, unknown> = { folders: snap.folders };
    for (const i of snap.items) {
      const parts: Record<string, string> = {};
      for (const p of i.parts) {
        const at = p.indexOf(':');
        const bytes = Buffer.from(p.slice(at + 1), 'base64');
        parts[p.slice(0, at)] = service(bytes.toString('utf8')).replace(
          ids,
          (g) => names.get(g.toLowerCase()) ?? g,
        );
      }
      out[`${i.type}/${i.name}`] = { folder: i.folder, description: i.description, parts };
    }
    return out;
  }

  return { run, deployed, retailProject };
}
