/** docs/reference/configuration.md: every field of fabric-deploy.yml, walked from the schema itself. */
import { stringify } from 'yaml';
import { configSchema } from '../settings/schema';
import { CONFIG_SCHEMA_COMMENT, CONFIG_SCHEMA_URL, VERSION } from '../version';
import { cell, code, GENERATED_NOTE, table } from './markdown';

export interface SchemaNode {
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  description?: string;
  default?: unknown;
  examples?: readonly unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: readonly string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
}

export interface Field {
  path: string;
  node: SchemaNode;
  required: boolean;
}

const root = configSchema as unknown as SchemaNode;
const MAJOR = VERSION.split('.')[0]!;

const json = (v: unknown) => code(JSON.stringify(v));

function typeOf(n: SchemaNode): string {
  if (n.const !== undefined) return json(n.const);
  if (n.enum) return [...new Set(n.enum.map((v) => typeof v))].join(' or ');
  const t = Array.isArray(n.type) ? n.type.filter((x) => x !== 'null') : n.type ? [n.type] : [];
  if (t[0] === 'array')
    return n.items?.properties ? 'list of mappings' : `list of ${n.items ? typeOf(n.items) : 'values'}`;
  if (t[0] === 'object') return n.properties ? 'mapping' : 'mapping of names to values';
  if (n.pattern?.includes('[0-9a-fA-F]{8}')) return 'GUID';
  return t.join(' or ') || 'any';
}

function bounds(n: SchemaNode): string[] {
  const out: string[] = [];
  if (n.minimum !== undefined && n.maximum !== undefined) out.push(`From ${n.minimum} to ${n.maximum}.`);
  else if (n.minimum !== undefined) out.push(`At least ${n.minimum}.`);
  if (n.maxLength !== undefined) out.push(`At most ${n.maxLength} characters.`);
  if (n.pattern && !n.pattern.includes('[0-9a-fA-F]{8}')) out.push(`Matches ${code(n.pattern)}.`);
  return out;
}

/** Every field below `node`, depth first, with its path as written in YAML (`[]` for list items). */
export function fields(node: SchemaNode = root, prefix = ''): Field[] {
  const out: Field[] = [];
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    out.push({ path, node: child, required: node.required?.includes(name) ?? false });
    // Overlays repeat the top level: described once, as a whole.
    if (path === 'environments') continue;
    if (child.properties) out.push(...fields(child, path));
    if (child.items?.properties) out.push(...fields(child.items, `${path}[]`));
    if (typeof child.additionalProperties === 'object' && !child.properties)
      out.push({ path: `${path}.<name>`, node: child.additionalProperties, required: false });
  }
  return out;
}

function row(f: Field): string[] {
  const n = f.node;
  const text = [n.description ?? ''];
  if (n.enum) text.push(`One of: ${n.enum.map(json).join(', ')}.`);
  if (n.items?.enum) text.push(`Each one of: ${n.items.enum.map(json).join(', ')}.`);
  text.push(...bounds(n));
  const example = n.examples?.[0];
  if (example !== undefined && (typeof example !== 'object' || Array.isArray(example)))
    text.push(`Example: ${json(example)}.`);
  return [
    code(f.path),
    typeOf(n) + (f.required ? ', **required**' : ''),
    n.default === undefined ? '—' : json(n.default),
    cell(text.join(' ')),
  ];
}

/** The YAML example a section shows: its own `examples`, else a value built from its const or default. */
export function sectionExample(key: string): Record<string, unknown> | undefined {
  const n = root.properties![key]!;
  const value = n.examples?.[0] ?? n.const ?? n.default;
  return value === undefined ? undefined : { [key]: value };
}

export function configPage(): string {
  const sections = Object.entries(root.properties!).flatMap(([key, node]) => {
    const rows = fields(root).filter(
      (f) => f.path === key || f.path.startsWith(`${key}.`) || f.path.startsWith(`${key}[]`),
    );
    const example = sectionExample(key);
    return [
      `## ${code(key)}`,
      '',
      // A section of one field says it all in its row.
      ...(rows.length > 1 ? [cell(node.description ?? ''), ''] : []),
      ...(example ? ['```yaml', stringify(example, { lineWidth: 0 }).trimEnd(), '```', ''] : []),
      table(['Field', 'Type', 'Default', 'Description'], rows.map(row)),
      '',
    ];
  });
  return [
    GENERATED_NOTE('src/settings/schema.ts'),
    '',
    '# Configuration reference: `fabric-deploy.yml`',
    '',
    'Every field of the configuration file, from the JSON Schema Fabric Deploy validates it with',
    '(`src/settings/schema.ts`). Every mapping is closed: an unknown key, a wrong type or a value out of range',
    'is an error with `file:line:col` and the fix, before anything is sent to Fabric. Relative paths are',
    'resolved from the file’s folder; `{{ environment }}` in any string is the `environment` input; any',
    'string may be a `${secret:NAME}` reference. Inputs override the fields they name',
    '([inputs.md](inputs.md)).',
    '',
    'The schema is published as [`docs/fabric-deploy.schema.json`](../fabric-deploy.schema.json). With this',
    'first line, VS Code (the YAML extension) and other editors using the YAML language server complete and',
    'check the file as you type:',
    '',
    '```yaml',
    CONFIG_SCHEMA_COMMENT,
    'version: 1',
    '```',
    '',
    '`fabric-deploy init` writes that line. Without it, map the file to the schema in VS Code’s settings:',
    '',
    '```json',
    JSON.stringify(
      { 'yaml.schemas': { [CONFIG_SCHEMA_URL]: ['fabric-deploy.yml', '**/fabric-deploy.yml'] } },
      null,
      2,
    ),
    '```',
    '',
    `The URL is the schema at the major tag (\`v${MAJOR}\`), which moves with the releases \`@v${MAJOR}\` and \`FabricDeploy@${MAJOR}\``,
    'run; `main` may already know fields the release you run does not. The npm package carries the schema of',
    'its own version: with `fabric-deploy` installed as a dev dependency, map',
    '`./node_modules/fabric-deploy/docs/fabric-deploy.schema.json` instead, and the editor checks against',
    'exactly the version your pipeline runs.',
    '',
    ...sections,
  ].join('\n');
}
