/**
 * fabric-deploy.yml is validated by code ajv generated ahead of time (compiling the schema at start-up
 * cost ~100 ms of every run). This test fails when the generated file is stale; regenerate with
 *   UPDATE_CONFIG_VALIDATOR=1 npm test -- __tests__/settings/config-validator
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { configSchema, validationSchema } from '../../src/settings/schema';
import { ROOT } from '../support/paths';

const FILE = path.join(ROOT, 'src', 'settings', 'configValidator.generated.ts');

export function generate(): string {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
  // Annotations (description, default, examples) are for editors and the docs: the validator carries none.
  const validate = ajv.compile(validationSchema() as object);
  const toCode = (standalone as unknown as { default?: typeof standalone }).default ?? standalone;
  let code = (toCode as (a: Ajv, v: unknown) => string)(ajv, validate);
  // The only runtime helper ajv pulls in (string length in code points) is inlined: the bundle is ESM.
  code = code.replace(
    /const (\w+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/g,
    'const $1 = (s) => [...s].length;',
  );
  if (code.includes('require('))
    throw new Error('the generated validator needs a runtime helper that is not inlined');
  return (
    '// @ts-nocheck\n/* eslint-disable */\n' +
    '/* Generated from src/settings/schema.ts by __tests__/settings/config-validator.test.ts (UPDATE_CONFIG_VALIDATOR=1). Do not edit. */\n' +
    code.replace(/^"use strict";/, '') +
    '\n'
  );
}

test('configValidator.generated.ts is current', () => {
  const text = generate();
  if (process.env.UPDATE_CONFIG_VALIDATOR) writeFileSync(FILE, text);
  expect(readFileSync(FILE, 'utf8')).toBe(text);
});

test('the generated validator agrees with ajv on good and bad configs', async () => {
  const { validate } = await import('../../src/settings/configValidator.generated');
  const ajv = new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  const samples: unknown[] = [
    { version: 1, workspace: { name: 'x' } },
    { version: 1, workspace: { name: 'x', capacity: { name: 'F2' } }, items: { directory: 'w' } },
    { version: 2, workspace: { name: 'x' } },
    { version: 1, workspace: { id: 'not-a-guid' } },
    { version: 1, workspace: { name: '' }, foo: 1 },
    { version: 1, workspace: { name: 'x', principals: [{ upn: 'a@b.c', role: 'Owner' }] } },
  ];
  for (const s of samples) {
    const ok = validate(s);
    expect(ok).toBe(ajv(s));
    expect((validate as unknown as { errors: unknown }).errors ?? null).toEqual(ajv.errors ?? null);
  }
});
