/**
 * Runtime request validation: bodies against the schemas generated from the
 * spec (requestSchemas.generated.ts), answering 400 InvalidInput with the
 * problems in moreDetails as the real service does; typed query parameters
 * (booleans, integers) answer 400 InvalidParameter.
 */
import { FabricError, type MoreDetail } from './errors';
import { REQUEST_SCHEMAS } from './requestSchemas.generated';
import { newAjv } from './ajv';
import type { GeneratedRequestSchema } from './validationTypes';

let ajv: any;
const compiled = new Map<string, any>();

function validatorFor(key: string, schema: unknown): any {
  let v = compiled.get(key);
  if (!v) {
    ajv ??= newAjv();
    v = ajv.compile(schema);
    compiled.set(key, v);
  }
  return v;
}

export function validateRequest(
  method: string,
  template: string,
  body: unknown,
  query: URLSearchParams,
): void {
  const key = `${method} ${template}`;
  const s = (REQUEST_SCHEMAS as Record<string, GeneratedRequestSchema>)[key];
  if (!s) return;
  for (const q of s.query) {
    const v = query.get(q.name);
    if (v === null || v === '') continue;
    const ok =
      q.type === 'boolean' ? /^(true|false)$/i.test(v) : q.type === 'integer' ? /^-?\d+$/.test(v) : true;
    if (!ok)
      throw new FabricError(
        400,
        'InvalidParameter',
        `The value '${v}' of query parameter '${q.name}' is not a valid ${q.type}.`,
      );
  }
  if (!s.body) return;
  if (body === undefined) {
    if (s.bodyRequired)
      throw new FabricError(400, 'InvalidInput', 'The request body is required.', {
        moreDetails: [{ errorCode: 'InvalidParameter', message: 'The request body is missing.' }],
      });
    return;
  }
  const v = validatorFor(key, s.body);
  if (!v(body)) {
    const details: MoreDetail[] = (v.errors as any[])
      .filter((e) => e.keyword !== 'if')
      .slice(0, 20)
      .map((e) => ({
        errorCode: 'InvalidParameter',
        message:
          `${e.instancePath || '(body)'} ${e.message}${e.params?.allowedValues ? `: ${e.params.allowedValues.join(', ')}` : ''}`.trim(),
      }));
    throw new FabricError(400, 'InvalidInput', 'The request has an invalid input.', { moreDetails: details });
  }
}
