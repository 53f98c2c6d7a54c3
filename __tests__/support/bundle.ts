import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, NODE24 } from './paths';
import { runProcess, type RunResult as ProcessResult } from './run';

export type { RunResult as ProcessResult } from './run';

/** Runs the committed bundle as a host would: a fresh process, only the environment we give it. */
export function runBundle(
  args: string[],
  env: Record<string, string | undefined>,
  node: string = process.execPath,
  script = path.join(DIST, 'index.js'),
  cwd?: string,
): Promise<ProcessResult> {
  return runProcess(node, [script, ...args], { env, cwd });
}

export const NODES: { name: string; bin: string }[] = [
  { name: 'node20', bin: process.execPath },
  { name: 'node24', bin: NODE24 },
];

export function requireNode24(): void {
  if (!existsSync(NODE24)) {
    throw new Error(
      `Node 24 is not installed at ${NODE24}: run 'node scripts/ensure-node24.mjs' (npm test does it first)`,
    );
  }
}

/** Parses a GITHUB_OUTPUT file (`name<<delimiter` blocks and `name=value` lines). */
export function parseGitHubOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delim) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else {
      const eq = lines[i]!.indexOf('=');
      if (eq > 0) out[lines[i]!.slice(0, eq)] = lines[i]!.slice(eq + 1);
    }
  }
  return out;
}

/** Parses Azure Pipelines logging commands (`##vso[area.action k=v;…]message`). */
export function parseVso(
  stdout: string,
): { command: string; props: Record<string, string>; message: string }[] {
  const out: { command: string; props: Record<string, string>; message: string }[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^##vso\[([\w.]+)([^\]]*)\](.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of m[2]!.trim().split(';')) {
      const eq = kv.indexOf('=');
      if (eq > 0) props[kv.slice(0, eq).trim()] = kv.slice(eq + 1);
    }
    out.push({ command: m[1]!, props, message: m[3]! });
  }
  return out;
}

/**
 * The summary file an Azure Pipelines step attached (`##vso[task.addattachment
 * type=Distributedtask.Core.Summary;name=…]file`) and the section heading it asked for.
 */
export function adoSummary(
  cmds: { command: string; props: Record<string, string>; message: string }[],
): { file: string; name: string } | undefined {
  const c = cmds.find(
    (x) => x.command === 'task.addattachment' && x.props.type === 'Distributedtask.Core.Summary',
  );
  return c ? { file: c.message, name: c.props.name ?? '' } : undefined;
}
