import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/settings/config';
import { ConfigError } from '../../src/errors';

function write(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
  const file = path.join(dir, 'fabric-deploy.yml');
  writeFileSync(file, text);
  return file;
}

function fail(text: string, env?: string): ConfigError {
  try {
    loadConfig(write(text), env);
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('fabric-deploy.yml', () => {
  const base = `version: 1
workspace:
  name: "sales-{{ environment }}"
  capacity: { name: "F2 Dev" }
items:
  directory: workspace
features: { telemetry: false }
environments:
  dev:
  prod:
    profile: production
    workspace:
      capacity: { name: "F64 Production" }
`;

  it('applies the environment overlay and {{ environment }}', () => {
    const dev = loadConfig(write(base), 'dev');
    expect(dev.config.workspace).toMatchObject({ name: 'sales-dev', capacity: { name: 'F2 Dev' } });
    const prod = loadConfig(write(base), 'prod');
    expect(prod.config.workspace).toMatchObject({ name: 'sales-prod', capacity: { name: 'F64 Production' } });
    expect(prod.config.profile).toBe('production');
  });

  it('locates values in the overlay when the overlay sets them, else in the base', () => {
    const prod = loadConfig(write(base), 'prod');
    expect(prod.locate(['workspace', 'capacity', 'name']).line).toBe(13);
    expect(prod.locate(['items', 'directory']).line).toBe(6);
  });

  it('refuses {{ environment }} without an environment', () => {
    expect(fail(base).message).toMatch(/no environment was given/);
  });

  it('refuses an unknown key in a nested object with its line and the allowed keys', () => {
    const e = fail('version: 1\nworkspace:\n  name: x\n  capacty: { name: a }\n');
    expect(e.message).toBe("unknown key 'capacty' in workspace");
    expect(e.location).toMatchObject({ line: 4, col: 3 });
    expect(e.fix).toMatch(/capacity/);
  });

  it('refuses a bad enum value with the allowed values', () => {
    const e = fail(
      'version: 1\nworkspace:\n  name: x\n  principals:\n    - { id: 9f0c6b0e-0000-4000-8000-000000000001, role: Owner }\n',
    );
    expect(e.field).toBe('workspace.principals.0.role');
    expect(e.fix).toMatch(/Admin, Member, Contributor, Viewer/);
    expect(e.location?.line).toBe(5);
  });

  it('refuses a value of the wrong type, saying in YAML terms what it must be and what was written', () => {
    const e = fail('version: 1\nworkspace:\n  name: x\nresilience:\n  maxParallel: eight\n');
    expect(e.message).toBe('invalid value for resilience.maxParallel: must be a whole number, not "eight"');
    expect(e.location?.line).toBe(5);
    // An overlay may be empty (`dev:`) but not a scalar.
    const o = fail('version: 1\nworkspace:\n  name: x\nenvironments:\n  dev: 5\n');
    expect(o.message).toBe(
      'invalid value for environments.dev: must be a mapping (key: value lines) or empty, not 5',
    );
  });

  it('refuses a workspace id that is not a GUID', () => {
    const e = fail('version: 1\nworkspace:\n  id: not-a-guid\n');
    expect(e.field).toBe('workspace.id');
    expect(e.location?.line).toBe(3);
  });

  it('refuses a missing version', () => {
    expect(fail('workspace:\n  name: x\n').message).toMatch(/missing required key 'version'/);
  });

  it('refuses an unknown template variable', () => {
    expect(fail('version: 1\nworkspace:\n  name: "x-{{ branch }}"\n', 'dev').message).toMatch(
      /unknown template variable/,
    );
  });
});

describe('environment names', () => {
  it('refuses an environment the config does not define, listing the defined ones', () => {
    const e = fail(
      'version: 1\nworkspace:\n  name: x\nenvironments:\n  dev: {}\n  prod: { profile: production }\n',
      'prdo',
    );
    expect(e.message).toBe("environment 'prdo' is not defined in the config");
    expect(e.fix).toMatch(/dev, prod/);
    expect(e.location?.line).toBe(4);
  });

  it('accepts any environment when the config has no environments section', () => {
    expect(
      loadConfig(write('version: 1\nworkspace:\n  name: "x-{{ environment }}"\n'), 'anything').config
        .workspace.name,
    ).toBe('x-anything');
  });
});
