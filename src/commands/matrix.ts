/**
 * `command: matrix`: the config's deploy targets (workspaces × environments) as JSON for a fan-out —
 * `strategy.matrix` on GitHub (`matrix` output: `{include: [...]}`) and a runtime matrix on Azure
 * Pipelines (`ado-matrix` output: one leg per target). Reads the config only (no sign-in). Each
 * target is resolved the way its deploy will resolve it (environment overlay, templates), and two
 * targets that would deploy into the same workspace are refused: their deploys would fight.
 */
import path from 'node:path';
import { ConfigError, UserError, type SourceLocation } from '../errors';
import type { Host } from '../hosts/host';
import { loadConfig, type TargetConfig } from '../settings/config';
import { readInput } from '../settings/settings';
import { readYamlFile } from '../settings/yaml';

export interface MatrixTarget {
  target: string;
  environment: string;
  'workspace-name': string;
  'workspace-id': string;
}

/** Every target of the config, resolved; all problems at once. */
export function resolveTargets(configFile: string): MatrixTarget[] {
  const file = path.resolve(configFile);
  // Validates the whole file (schema, environments) once, with the first environment if any.
  const src = readYamlFile(file, 'config file');
  const raw = (src.data ?? {}) as { targets?: TargetConfig[]; environments?: Record<string, unknown> };
  loadConfig(file, Object.keys(raw.environments ?? {})[0]);
  const targets = raw.targets;
  if (!targets?.length)
    throw new ConfigError('the config names no targets', {
      location: src.locate([]),
      field: 'targets',
      fix: "add 'targets:' with one entry per workspace and environment, e.g. targets: [{ environment: dev }, { environment: prod }]",
    });
  const problems: UserError[] = [];
  const out: (MatrixTarget & { location: SourceLocation })[] = [];
  targets.forEach((t, i) => {
    const location = src.locate(['targets', i]);
    const envs = t.environments ?? (t.environment ? [t.environment] : []);
    if (t.environment && t.environments)
      problems.push(
        new ConfigError('a target has both environment and environments', {
          location,
          field: `targets[${i}]`,
          fix: 'keep one: environment: dev, or environments: [dev, test]',
        }),
      );
    if (!envs.length)
      problems.push(
        new ConfigError('a target has no environment', {
          location,
          field: `targets[${i}].environment`,
          fix: 'add environment: <name> (or environments: [...])',
        }),
      );
    for (const env of envs) {
      try {
        const loaded = loadConfig(file, env);
        const fill = (s: string | undefined) => s?.replace(/\{\{\s*environment\s*\}\}/g, env);
        const wsId = t.workspace?.id ?? (t.workspace?.name ? undefined : loaded.config.workspace.id);
        const wsName =
          fill(t.workspace?.name) ?? (t.workspace?.id ? undefined : loaded.config.workspace.name);
        const base = t.name ?? wsName ?? env;
        const name = t.name && envs.length > 1 ? `${t.name}-${env}` : base;
        out.push({
          target: name.replace(/[^A-Za-z0-9._-]+/g, '-'),
          environment: env,
          'workspace-name': wsName ?? '',
          'workspace-id': wsId ?? '',
          location,
        });
      } catch (err) {
        if (err instanceof UserError)
          problems.push(
            new ConfigError(`target ${i + 1} (environment '${env}'): ${err.message}`, {
              location,
              field: `targets[${i}]`,
              fix: err.fix,
            }),
          );
        else throw err;
      }
    }
  });
  // Two targets into one workspace (same id, or same name: Fabric names are case-insensitive).
  const seen = new Map<string, MatrixTarget & { location: SourceLocation }>();
  const names = new Map<string, MatrixTarget & { location: SourceLocation }>();
  for (const t of out) {
    const key = t['workspace-id']
      ? `id:${t['workspace-id'].toLowerCase()}`
      : `name:${t['workspace-name'].toLowerCase()}`;
    const twin = seen.get(key);
    if (twin)
      problems.push(
        new ConfigError(
          `targets '${twin.target}' (${twin.environment}) and '${t.target}' (${t.environment}) both deploy into workspace ${t['workspace-id'] || `'${t['workspace-name']}'`}`,
          {
            location: t.location,
            field: 'targets',
            fix: "give each target its own workspace (e.g. workspace: { name: 'sales-{{ environment }}' }); parallel deploys into one workspace would fight over its lock",
          },
        ),
      );
    else seen.set(key, t);
    const nameTwin = names.get(t.target);
    if (nameTwin && !twin)
      problems.push(
        new ConfigError(`two targets are named '${t.target}'`, {
          location: t.location,
          field: 'targets',
          fix: 'give each target a distinct name:',
        }),
      );
    names.set(t.target, t);
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1)
    throw new ConfigError(
      `${problems.length} problems in targets:\n${problems.map((p) => `  - ${p.format().replace(/\n\s*/g, ' ')}`).join('\n')}`,
      { location: problems[0]!.location, field: 'targets', fix: 'fix each of them' },
    );
  return out.map(({ location: _l, ...t }) => t);
}

/** Runs `matrix`: outputs `matrix` (GitHub) and `ado-matrix` (Azure Pipelines), logs the targets. */
export function matrixCommand(host: Host): void {
  const targets = resolveTargets(readInput(host, 'config')!);
  const matrix = { include: targets };
  const ado = Object.fromEntries(
    targets.map((t) => [
      t.target,
      {
        target: t.target,
        environment: t.environment,
        workspaceName: t['workspace-name'],
        workspaceId: t['workspace-id'],
      },
    ]),
  );
  for (const t of targets)
    host.log.info(
      `${t.target}: environment ${t.environment} → workspace ${t['workspace-id'] || t['workspace-name']}`,
    );
  host.setOutput('matrix', JSON.stringify(matrix));
  host.setOutput('ado-matrix', JSON.stringify(ado));
  host.setOutput('targets', String(targets.length));
  host.setOutput('result', 'succeeded');
  host.setResult('succeeded');
}
