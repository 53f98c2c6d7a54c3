/**
 * Contract checking against the official Fabric spec (Swagger 2.0) in
 * __tests__/fixtures/fabric-api-spec. Used by the contract tests (every exchange the
 * simulator handles is validated), by other suites that record exchanges
 * (SIM_CONTRACT_LOG / recordExchanges), and to generate the request schemas
 * the simulator validates against at run time (requestSchemas.generated.ts),
 * because the spec folder does not ship to users.
 *
 * Loading quirks handled (fabric-api-notes §14): x-ms-examples deleted before
 * dereferencing; `../../Common/` resolved case-insensitively; `?beta=` stripped
 * from path keys into fixed query parameters; literal segments beat parameters;
 * Swagger string discriminators expanded into if/then per subtype; readOnly
 * ignored in requests; open enums, date-times without offset and nulls
 * tolerated in responses.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { FIXTURES } from './paths';
import type { Exchange } from '../../src/simulator/types';
import { Router } from '../../src/simulator/router';
import { newAjv } from '../../src/simulator/ajv';
import type { GeneratedRequestSchema } from '../../src/simulator/validationTypes';

export const SPEC_ENTRIES = [
  'platform',
  'lakehouse',
  'notebook',
  'semanticModel',
  'report',
  'dataPipeline',
  'environment',
  'warehouse',
];

export function findSpecDir(): string | undefined {
  const env = process.env.FABRIC_SPEC_DIR;
  if (env && existsSync(path.join(env, 'platform', 'swagger.json'))) return env;
  // The official spec subset is vendored, unmodified, with its licence and NOTICE.
  const vendored = path.join(FIXTURES, 'fabric-api-spec');
  return existsSync(path.join(vendored, 'platform', 'swagger.json')) ? vendored : undefined;
}

/** Read a file, falling back to a case-insensitive match per path segment (`../../Common/`). */
function readCaseInsensitive(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const parts = path.resolve(file).split(path.sep);
  let cur = parts[0] === '' ? path.sep : parts[0]!;
  for (const seg of parts.slice(1)) {
    const exact = path.join(cur, seg);
    if (existsSync(exact)) {
      cur = exact;
      continue;
    }
    const hit = readdirSync(cur).find((n) => n.toLowerCase() === seg.toLowerCase());
    if (!hit) throw new Error(`spec file not found: ${file}`);
    cur = path.join(cur, hit);
  }
  return readFileSync(cur, 'utf8');
}

export interface SpecOperation {
  method: string;
  /** Path template without query, e.g. /workspaces/{workspaceId}/items */
  template: string;
  /** Fixed query parameters from the path key (`?beta=false`). */
  fixedQuery: Record<string, string>;
  operationId: string;
  entry: string;
  parameters: any[];
  requestSchema?: any;
  requestRequired: boolean;
  responses: Record<string, any>;
  lro: boolean;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

interface DiscInfo {
  prop: string;
  subtypes: { value: string; key: string }[];
}

/** Find Swagger discriminator bases and their subtypes across every definitions file. */
function discriminatorRegistry(specDir: string): { bases: Map<string, DiscInfo>; files: string[] } {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== 'examples') walk(path.join(d, e.name));
      } else if (e.name.endsWith('.json')) files.push(path.join(d, e.name));
    }
  };
  walk(specDir);
  const bases = new Map<string, DiscInfo>();
  for (const f of files) {
    const defs = JSON.parse(readFileSync(f, 'utf8')).definitions ?? {};
    for (const [name, d] of Object.entries<any>(defs)) {
      if (typeof d.discriminator === 'string') {
        const key = `${f}#${name}`;
        if (!bases.has(key)) bases.set(key, { prop: d.discriminator, subtypes: [] });
      }
    }
  }
  for (const f of files) {
    const defs = JSON.parse(readFileSync(f, 'utf8')).definitions ?? {};
    for (const [name, d] of Object.entries<any>(defs)) {
      const value = d['x-ms-discriminator-value'];
      if (!value || !Array.isArray(d.allOf)) continue;
      for (const a of d.allOf) {
        if (typeof a.$ref !== 'string') continue;
        const [rel, frag] = a.$ref.split('#');
        const target = rel ? path.resolve(path.dirname(f), rel) : f;
        const baseName = frag.replace('/definitions/', '');
        const base = [...bases.keys()].find((k) => k.toLowerCase() === `${target}#${baseName}`.toLowerCase());
        if (base) bases.get(base)!.subtypes.push({ value, key: `${f}#${name}` });
      }
    }
  }
  return { bases, files };
}

export interface LoadedSpec {
  operations: SpecOperation[];
  router: Router<SpecOperation>;
}

let loading: Promise<LoadedSpec> | undefined;

/** Load and dereference every entry swagger once per process. */
export function loadSpec(specDir = findSpecDir()): Promise<LoadedSpec> {
  if (!specDir)
    return Promise.reject(
      new Error('Fabric spec not found (set FABRIC_SPEC_DIR or restore __tests__/fixtures/fabric-api-spec)'),
    );
  loading ??= doLoad(specDir);
  return loading;
}

async function doLoad(specDir: string): Promise<LoadedSpec> {
  const { bases } = discriminatorRegistry(specDir);
  const operations: SpecOperation[] = [];
  for (const entry of SPEC_ENTRIES) {
    const file = path.join(specDir, entry, 'swagger.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    for (const p of Object.values<any>(raw.paths))
      for (const op of Object.values<any>(p)) if (op && typeof op === 'object') delete op['x-ms-examples'];
    // Pull every discriminator base and subtype into this document so dereferencing shares their objects.
    const rel = (k: string) => {
      const [f, name] = k.split('#');
      return `${path.relative(path.dirname(file), f!).split(path.sep).join('/')}#/definitions/${name}`;
    };
    const discKeys: Record<string, string> = {};
    let n = 0;
    for (const [baseKey, info] of bases) {
      const bk = `__disc_${n++}`;
      raw.definitions ??= {};
      raw.definitions[bk] = { $ref: rel(baseKey) };
      discKeys[bk] = baseKey;
      for (const s of info.subtypes) {
        const sk = `__disc_${n++}`;
        raw.definitions[sk] = { $ref: rel(s.key) };
        discKeys[sk] = s.key;
      }
    }
    const api: any = await SwaggerParser.dereference(file, raw, {
      resolve: {
        file: {
          order: 1,
          canRead: true,
          read: (f: { url: string }) =>
            readCaseInsensitive(decodeURIComponent(f.url.replace(/^file:\/\//, ''))),
        },
        http: false,
      } as any,
      dereference: { circular: true },
    } as any);
    // Map each dereferenced base object to its subtype schemas.
    const objOf = new Map<string, any>(Object.entries(discKeys).map(([k, key]) => [key, api.definitions[k]]));
    const discMap = new Map<any, { prop: string; subtypes: { value: string; schema: any }[] }>();
    for (const [baseKey, info] of bases) {
      const obj = objOf.get(baseKey);
      // Keyed by the `properties` object: a $ref with sibling keys (description) is dereferenced
      // into a shallow copy, so the base object itself is not shared, but its properties are.
      if (obj?.properties)
        discMap.set(obj.properties, {
          prop: info.prop,
          subtypes: info.subtypes.map((s) => ({ value: s.value, schema: objOf.get(s.key) })),
        });
    }
    for (const [key, item] of Object.entries<any>(api.paths)) {
      const [template, q] = key.split('?') as [string, string | undefined];
      for (const m of METHODS) {
        const op = item[m];
        if (!op) continue;
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
        const bodyParam = params.find((p: any) => p.in === 'body');
        operations.push({
          method: m.toUpperCase(),
          template,
          fixedQuery: Object.fromEntries(new URLSearchParams(q ?? '')),
          operationId: op.operationId,
          entry,
          parameters: params.filter((p: any) => p.in !== 'body'),
          requestSchema: bodyParam ? expandDiscriminators(bodyParam.schema, discMap) : undefined,
          requestRequired: !!bodyParam?.required,
          responses: Object.fromEntries(
            Object.entries<any>(op.responses ?? {}).map(([code, r]) => [
              code,
              { ...r, schema: r.schema ? expandDiscriminators(r.schema, discMap) : undefined },
            ]),
          ),
          lro: !!op['x-ms-fabric-sdk-long-running-operation'],
        });
      }
    }
  }
  const router = new Router<SpecOperation>();
  const seen = new Set<string>();
  for (const op of operations) {
    const k = `${op.method} ${op.template}?${new URLSearchParams(op.fixedQuery)}`;
    if (seen.has(k)) continue; // platform and typed swaggers never overlap, but be safe
    seen.add(k);
    const q = new URLSearchParams(op.fixedQuery).toString();
    router.add(op.method, q ? `${op.template}?${q}` : op.template, op);
  }
  return { operations, router };
}

/**
 * Deep-copy a dereferenced schema, replacing each discriminator base by
 * `allOf: [base, if prop = v then subtype …]`. Subtypes contain the base again;
 * that inner occurrence is kept plain to stop the recursion. Cycles are broken
 * with an empty schema (the spec has none in scope, but never loop forever).
 */
function expandDiscriminators(
  schema: any,
  disc: Map<any, { prop: string; subtypes: { value: string; schema: any }[] }>,
): any {
  const stack = new Set<any>();
  const expanding = new Set<any>();
  const visit = (s: any): any => {
    if (!s || typeof s !== 'object') return s;
    if (stack.has(s)) return {};
    stack.add(s);
    try {
      const d = typeof s.discriminator === 'string' ? disc.get(s.properties) : undefined;
      if (d && !expanding.has(d) && d.subtypes.length) {
        expanding.add(d);
        try {
          const base = copy(s);
          const branches = d.subtypes
            .filter((x) => x.schema)
            .map((x) => ({
              if: { properties: { [d.prop]: { const: x.value } }, required: [d.prop] },
              then: visit(x.schema),
            }));
          return { allOf: [base, ...branches] };
        } finally {
          expanding.delete(d);
        }
      }
      return copy(s);
    } finally {
      stack.delete(s);
    }
  };
  const copy = (s: any): any => {
    if (Array.isArray(s)) return s.map(visit);
    const out: any = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === 'x-ms-examples' || k === 'description' || k === 'example') continue;
      out[k] = k === 'x-ms-enum' ? v : visit(v);
    }
    return out;
  };
  return visit(schema);
}

// ------------------------------------------------------------- transforms

/** Requests: readOnly properties are neither required nor checked; open enums stay strict. */
export function requestView(schema: any, opts: { openItemType?: boolean } = {}): any {
  return mapSchema(schema, (s) => {
    const out = { ...s };
    if (out.type === 'file') delete out.type;
    if (out.properties) {
      const ro = Object.entries<any>(out.properties)
        .filter(([, v]) => v && v.readOnly)
        .map(([k]) => k);
      if (ro.length) {
        out.properties = { ...out.properties };
        for (const k of ro) out.properties[k] = {};
        if (Array.isArray(out.required)) out.required = out.required.filter((r: string) => !ro.includes(r));
      }
    }
    // The item type is an open enum the service checks itself (InvalidItemType), not a schema error.
    if (opts.openItemType && out['x-ms-enum']?.name === 'ItemType') delete out.enum;
    return out;
  });
}

/** Responses: open enums, date-times without offset and nulls for optional properties are tolerated. */
export function responseView(schema: any): any {
  return mapSchema(schema, (s) => {
    const out = { ...s };
    if (out.type === 'file') delete out.type;
    if (out.enum && out['x-ms-enum']?.modelAsString !== false) delete out.enum;
    if (out.format === 'date-time') out.format = 'loose-date-time';
    if (out.properties) {
      const req = new Set<string>(out.required ?? []);
      out.properties = Object.fromEntries(
        Object.entries<any>(out.properties).map(([k, v]) => [
          k,
          req.has(k) ? v : { anyOf: [v, { type: 'null' }] },
        ]),
      );
    }
    return out;
  });
}

/** Schema-aware deep map (only recurses into sub-schema keywords, so a property named `properties` is safe). */
function mapSchema(schema: any, f: (s: any) => any): any {
  const memo = new Map<any, any>();
  const visit = (s: any): any => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
    if (memo.has(s)) return memo.get(s);
    const out: any = {};
    memo.set(s, out);
    for (const [k, v] of Object.entries<any>(s)) {
      if (k === 'properties' && v && typeof v === 'object')
        out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, visit(pv)]));
      else if ((k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) out[k] = v.map(visit);
      else if (
        k === 'items' ||
        k === 'not' ||
        k === 'if' ||
        k === 'then' ||
        k === 'else' ||
        (k === 'additionalProperties' && typeof v === 'object')
      )
        out[k] = visit(v);
      else out[k] = v;
    }
    const mapped = f(out);
    for (const k of Object.keys(out)) if (!(k in mapped)) delete out[k];
    Object.assign(out, mapped);
    return out;
  };
  return visit(schema);
}

// ------------------------------------------------------------- checking

export interface Violation {
  exchange: string;
  problem: string;
}

export class ContractChecker {
  private ajv = newAjv();
  private cache = new Map<any, any>();
  /** Successful exchanges on paths the spec subset does not describe. */
  readonly unchecked: string[] = [];

  constructor(readonly spec: LoadedSpec) {}

  static async create(specDir?: string): Promise<ContractChecker> {
    return new ContractChecker(await loadSpec(specDir));
  }

  private compile(schema: any, view: (s: any) => any): any {
    let v = this.cache.get(schema)?.get(view);
    if (!v) {
      v = this.ajv.compile(view(schema));
      if (!this.cache.has(schema)) this.cache.set(schema, new Map());
      this.cache.get(schema).set(view, v);
    }
    return v;
  }

  find(method: string, pathWithoutV1: string, query: URLSearchParams): SpecOperation | undefined {
    return this.spec.router.match(method, pathWithoutV1, query).match?.handler;
  }

  /** Validate one exchange; returns the problems found (empty = conforms). */
  check(x: Exchange): string[] {
    const problems: string[] = [];
    const url = new URL(`http://x${x.path}${x.query}`);
    const sub = url.pathname.replace(/^\/v1/, '');
    const op = this.find(x.method, sub, url.searchParams);
    if (!op) {
      // Paths outside the vendored spec subset (e.g. /eventhouses) are not checked on success;
      // errors must still have the official shape.
      if (x.status < 400) this.unchecked.push(`${x.method} ${sub}`);
      else problems.push(...this.checkError(x));
      return problems;
    }
    if (x.status < 400) {
      if (op.requestSchema && x.requestBody !== undefined) {
        const v = this.compile(op.requestSchema, requestView);
        if (!v(x.requestBody))
          problems.push(`request body accepted but invalid: ${this.ajv.errorsText(v.errors)}`);
      } else if (op.requestRequired && x.requestBody === undefined)
        problems.push('required request body missing but request accepted');
      const resp = op.responses[String(x.status)];
      if (!resp) {
        problems.push(
          `status ${x.status} not declared for ${op.operationId} (declared: ${Object.keys(op.responses).join(', ')})`,
        );
        return problems;
      }
      if (x.status === 202 && op.lro) {
        for (const h of ['location', 'x-ms-operation-id', 'retry-after'])
          if (!hdr(x, h)) problems.push(`202 of LRO ${op.operationId} lacks ${h}`);
        if (hdr(x, 'location') && !/^https?:\/\//.test(hdr(x, 'location')!))
          problems.push('Location is not absolute');
      }
      if (resp.schema && !isResultEndpoint(op)) {
        if (x.responseBody === undefined) problems.push(`${op.operationId} ${x.status} must have a body`);
        else {
          const v = this.compile(resp.schema, responseView);
          if (!v(x.responseBody))
            problems.push(
              `response body invalid for ${op.operationId} ${x.status}: ${this.ajv.errorsText(v.errors)}`,
            );
        }
      }
      const ra = hdr(x, 'retry-after');
      if (ra !== undefined && !/^\d+$/.test(ra)) problems.push(`Retry-After '${ra}' is not integer seconds`);
    } else problems.push(...this.checkError(x, op));
    return problems;
  }

  private checkError(x: Exchange, op?: SpecOperation): string[] {
    const problems: string[] = [];
    const schema =
      op?.responses[String(x.status)]?.schema ?? op?.responses.default?.schema ?? this.errorSchema();
    if (schema) {
      const v = this.compile(schema, responseView);
      if (!v(x.responseBody)) problems.push(`error body invalid: ${this.ajv.errorsText(v.errors)}`);
    }
    const code = (x.responseBody as any)?.errorCode;
    if (hdr(x, 'x-ms-public-api-error-code') !== code)
      problems.push('x-ms-public-api-error-code header missing or different from errorCode');
    if (!hdr(x, 'requestid')) problems.push('RequestId header missing');
    if (x.status === 429 && !/^\d+$/.test(hdr(x, 'retry-after') ?? ''))
      problems.push('429 without integer Retry-After');
    return problems;
  }

  private errorSchemaCache: any;
  private errorSchema(): any {
    if (this.errorSchemaCache === undefined) {
      const op = this.spec.operations.find(
        (o) => o.operationId === 'Workspaces_GetWorkspace' || o.responses.default?.schema,
      );
      this.errorSchemaCache = op?.responses.default?.schema ?? null;
    }
    return this.errorSchemaCache;
  }

  checkAll(xs: Exchange[]): Violation[] {
    const out: Violation[] = [];
    for (const x of xs)
      for (const p of x.fault && x.status >= 400 ? [] : this.check(x))
        out.push({ exchange: `${x.method} ${x.path}${x.query} → ${x.status}`, problem: p });
    return out;
  }
}

function hdr(x: Exchange, name: string): string | undefined {
  const k = Object.keys(x.responseHeaders).find((h) => h.toLowerCase() === name);
  return k ? x.responseHeaders[k] : undefined;
}

/** /operations/{id}/result is typed as `file`: any JSON is fine. */
function isResultEndpoint(op: SpecOperation): boolean {
  return op.template.endsWith('/result');
}

// ------------------------------------------------------------- generation

/**
 * Request schemas for the operations the simulator serves, keyed by
 * `METHOD template` exactly as the simulator's router registers them.
 */
export function buildRequestSchemas(
  spec: LoadedSpec,
  routeKeys: string[],
): Record<string, GeneratedRequestSchema> {
  const wanted = new Set(routeKeys);
  const out: Record<string, GeneratedRequestSchema> = {};
  for (const op of spec.operations) {
    const q = new URLSearchParams(op.fixedQuery).toString();
    const key = `${op.method} ${op.template}${q ? `?${q}` : ''}`;
    if (!wanted.has(key)) continue;
    out[key] = {
      body: op.requestSchema
        ? stripAnnotations(requestView(op.requestSchema, { openItemType: true }))
        : undefined,
      bodyRequired: op.requestRequired,
      query: op.parameters
        .filter((p: any) => p.in === 'query' && (p.type === 'boolean' || p.type === 'integer'))
        .map((p: any) => ({ name: p.name, type: p.type, required: !!p.required })),
    };
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function stripAnnotations(schema: any): any {
  const visit = (s: any): any => {
    if (Array.isArray(s)) return s.map(visit);
    if (!s || typeof s !== 'object') return s;
    const o: any = {};
    for (const [k, v] of Object.entries(s)) {
      if (
        k === 'x-ms-enum' ||
        k === 'description' ||
        k === 'readOnly' ||
        k === 'x-ms-discriminator-value' ||
        k === 'discriminator' ||
        k === 'example'
      )
        continue;
      o[k] =
        k === 'properties'
          ? Object.fromEntries(Object.entries<any>(v as any).map(([pk, pv]) => [pk, visit(pv)]))
          : visit(v);
    }
    return o;
  };
  return visit(schema);
}

/** Validate a SIM_CONTRACT_LOG file (JSON lines of exchanges written by simulators on close). */
export async function checkContractLog(file: string, specDir?: string): Promise<Violation[]> {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const checker = await ContractChecker.create(specDir);
  return checker.checkAll(lines.map((l) => JSON.parse(l) as Exchange));
}
