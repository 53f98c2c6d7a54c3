/**
 * The example workflows and pipelines use the tool as it is: every input given to the Action
 * (`uses: fabric-deploy/fabric-deploy@…`, `with:`) is in action.yml, every input given to the task
 * (`task: FabricDeploy@…`, `inputs:`) is in the task's task.json, and each `command:` is one the tool has. Each file
 * parses as YAML first (an unquoted `echo "a: b"` does not: a runner would refuse the file).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { TASK_DIR } from '../../src/hosts/metadata';
import { COMMANDS } from '../../src/settings/inputs';
import { ROOT } from '../support/paths';

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
};
const task = JSON.parse(
  readFileSync(path.join(ROOT, TASK_DIR, 'task.json'), 'utf8').replace(/^\uFEFF/, ''),
) as {
  inputs: { name: string }[];
};
const taskInputs = new Set(task.inputs.map((i) => i.name));

function steps(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) for (const n of node) steps(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.uses === 'string' || typeof o.task === 'string') out.push(o);
    for (const v of Object.values(o)) steps(v, out);
  }
  return out;
}

const files = (dir: string) =>
  readdirSync(path.join(ROOT, 'examples', dir))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => path.join('examples', dir, f));

test.each([...files('github'), ...files('azure-pipelines'), 'examples/azure-pipelines.yml'])('%s', (file) => {
  const doc = parse(readFileSync(path.join(ROOT, file), 'utf8'));
  const ours = steps(doc).filter(
    (s) =>
      String(s.uses ?? '').startsWith('fabric-deploy/fabric-deploy@') ||
      String(s.task ?? '').startsWith('FabricDeploy@'),
  );
  const problems: string[] = [];
  for (const s of ours) {
    const github = typeof s.uses === 'string';
    const inputs = (github ? s.with : s.inputs) as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(inputs ?? {})) {
      if (github ? !(k in action.inputs) : !taskInputs.has(k)) problems.push(`unknown input '${k}'`);
      if (k === 'command' && !(COMMANDS as readonly string[]).includes(String(v)))
        problems.push(`unknown command '${String(v)}'`);
    }
  }
  expect(problems).toEqual([]);
});
