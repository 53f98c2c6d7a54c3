/** docs/fabric-deploy.schema.json: the schema the product validates with, with its annotations and an id. */
import { configSchema } from '../settings/schema';
import { CONFIG_SCHEMA_URL } from '../version';

export function publishedSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_URL,
    title: 'Fabric Deploy configuration (fabric-deploy.yml)',
    ...configSchema,
  };
}

export function publishedSchemaText(): string {
  return JSON.stringify(publishedSchema(), null, 2) + '\n';
}
