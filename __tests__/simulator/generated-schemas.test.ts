/**
 * The simulator validates requests at run time against schemas generated from
 * the spec (the spec folder does not ship with the bundle). This test fails
 * when the generated file is stale; regenerate with
 *   UPDATE_SIM_SCHEMAS=1 npm test -- __tests__/simulator/generated-schemas
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { loadSpec, buildRequestSchemas } from '../support/contract';
import { Router } from '../../src/simulator/router';
import { registerFabricRoutes } from '../../src/simulator/fabric/routes';
import type { Handler } from '../../src/simulator/context';

const FILE = path.join(process.cwd(), 'src', 'simulator', 'requestSchemas.generated.ts');

test('requestSchemas.generated.ts is current', async () => {
  const r = new Router<Handler>();
  registerFabricRoutes(r);
  const schemas = buildRequestSchemas(await loadSpec(), r.keys());
  const raw =
    '/* Generated from __tests__/fixtures/fabric-api-spec by __tests__/simulator/generated-schemas.test.ts (UPDATE_SIM_SCHEMAS=1). Do not edit. */\n' +
    "import type { GeneratedRequestSchema } from './validationTypes';\n\n" +
    `export const REQUEST_SCHEMAS: Record<string, GeneratedRequestSchema> = ${JSON.stringify(schemas)};\n`;
  // Formatted like the rest of the code base, so `prettier --check` stays quiet.
  const options = (await prettier.resolveConfig(FILE)) ?? {};
  const text = await prettier.format(raw, { ...options, filepath: FILE });
  if (process.env.UPDATE_SIM_SCHEMAS) writeFileSync(FILE, text);
  expect(readFileSync(FILE, 'utf8')).toBe(text);
  expect(Object.keys(schemas).length).toBeGreaterThan(40);
});
