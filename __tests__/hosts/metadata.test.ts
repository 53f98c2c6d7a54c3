import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { actionYaml, taskJson, TASK_ID } from '../../src/hosts/metadata';
import { adoName, INPUTS, OUTPUTS } from '../../src/settings/inputs';
import { ROOT } from '../support/paths';

const root = ROOT;
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

describe('action.yml and task.json follow the input catalog', () => {
  it('action.yml on disk is what the catalog generates', () => {
    expect(read('action.yml')).toBe(actionYaml());
  });

  it('task.json on disk is what the catalog generates', () => {
    expect(read('task.json')).toBe(taskJson());
  });

  it('action.yml runs the bundle on node24 and lists every GitHub input and output in kebab-case', () => {
    const action = parse(read('action.yml'));
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(action.inputs).sort()).toEqual(
      INPUTS.filter((i) => i.only !== 'azure-devops')
        .map((i) => i.name)
        .sort(),
    );
    expect(Object.keys(action.outputs).sort()).toEqual(OUTPUTS.map((o) => o.name).sort());
    for (const name of Object.keys(action.inputs)) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('task.json has Node24 and Node20_1 targets, camelCase inputs, the AzureRM connection and output variables', () => {
    const task = JSON.parse(read('task.json'));
    expect(task.id).toBe(TASK_ID);
    expect(Object.keys(task.execution)).toEqual(['Node24', 'Node20_1']);
    expect(task.execution.Node24.target).toBe('dist/index.js');
    expect(task.minimumAgentVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const names = task.inputs.map((i: { name: string }) => i.name);
    expect(names).toContain('connectedServiceName');
    expect(names).toContain('workspaceId');
    for (const n of names) expect(n).toMatch(/^[a-z]+([A-Z][a-z]*)*$/);
    const conn = task.inputs.find((i: { name: string }) => i.name === 'connectedServiceName');
    expect(conn.type).toBe('connectedService:AzureRM');
    expect(task.outputVariables.map((o: { name: string }) => o.name)).toEqual(
      OUTPUTS.map((o) => adoName(o.name)),
    );
    // Visibility rules and groups must name real things.
    const groups = task.groups.map((g: { name: string }) => g.name);
    for (const i of task.inputs) expect(groups).toContain(i.groupName);
  });

  it('every pick list offers exactly the values the core accepts', () => {
    const task = JSON.parse(read('task.json'));
    for (const spec of INPUTS.filter((i) => i.options)) {
      const input = task.inputs.find((i: { name: string }) => i.name === adoName(spec.name));
      expect(Object.keys(input.options)).toEqual([...spec.options!]);
    }
  });
});

describe('version', () => {
  it('src/version.ts matches package.json', async () => {
    const { VERSION } = await import('../../src/version');
    expect(VERSION).toBe(JSON.parse(read('package.json')).version);
  });
});
