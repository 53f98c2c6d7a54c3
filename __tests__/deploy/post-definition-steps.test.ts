/**
 * A refused Environment publish or VariableLibrary value-set activation is part of the transaction: the
 * deploy fails and rolls back (the workspace as it was), unless `items.optionalSteps` names the step, when
 * the deploy succeeds with a warning. Against the simulator, with the examples/ repository.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { executeCommand } from '../../src/commands';
import { addFault, clearFaults, makeContext, snapshot } from '../support/deploy';
import { ROOT } from '../support/paths';
import { fileSimulator } from '../support/sim';

const sim = fileSimulator();
afterEach(() => clearFaults(sim));

const LIBRARY = 'Sales Config.VariableLibrary';

/**
 * Changes the Environment and brings in the VariableLibrary (left out of the first deploy), so the next
 * deploy publishes the one and creates and activates the other.
 */
function touch(dir: string): void {
  const env = path.join(dir, 'workspace', 'SalesEnvironment.Environment', 'Setting', 'Sparkcompute.yml');
  appendFileSync(env, '# changed\n');
  cpSync(path.join(ROOT, 'examples', 'workspace', LIBRARY), path.join(dir, 'workspace', LIBRARY), {
    recursive: true,
  });
}

/** examples/ in a temp dir, deployed once to `name` (so a failure has a previous state to go back to). */
async function deployed(name: string, optional = ''): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-post-'));
  cpSync(path.join(ROOT, 'examples', 'workspace'), path.join(dir, 'workspace'), { recursive: true });
  rmSync(path.join(dir, 'workspace', LIBRARY), { recursive: true });
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: ${name}\nitems:\n  directory: workspace\n  parameterFile: workspace/parameter.yml\n${optional}environments:\n  dev: {}\n  test: {}\n`,
  );
  const first = await executeCommand(makeContext(sim, dir, { environment: 'dev' }).ctx);
  expect(first.result).toBe('succeeded');
  return dir;
}

const cases = [
  {
    step: 'publish-environment',
    fault: {
      method: 'POST',
      path: '/v1/workspaces/*/environments/*/staging/publish',
      action: { status: 400, errorCode: 'EnvironmentPublishFailed' },
    },
    says: /publish/i,
  },
  {
    step: 'activate-value-set',
    fault: {
      method: 'PATCH',
      path: '/v1/workspaces/*/variableLibraries/*',
      action: { status: 400, errorCode: 'InvalidValueSet' },
    },
    says: /value set|variableLibrar/i,
  },
];

describe.each(cases)('a refused $step', ({ step, fault, says }) => {
  test('fails the deploy and rolls it back to the workspace as it was', async () => {
    const name = `post-${step}`;
    const dir = await deployed(name);
    const before = snapshot(sim, name);
    touch(dir);
    await addFault(sim, fault);
    const report = await executeCommand(makeContext(sim, dir, { environment: 'test' }).ctx);
    expect(report.result).toBe('rolled-back');
    expect(report.error).toMatch(says);
    expect(snapshot(sim, name)).toEqual(before);
  });

  test(`with items.optionalSteps: [${step}] it only warns`, async () => {
    const name = `post-opt-${step}`;
    const dir = await deployed(name, `  optionalSteps: [${step}]\n`);
    touch(dir);
    await addFault(sim, fault);
    const report = await executeCommand(makeContext(sim, dir, { environment: 'test' }).ctx);
    expect(report.result).toBe('succeeded');
    expect(report.warnings.join('\n')).toMatch(new RegExp(`items.optionalSteps has ${step}`));
  });
});
