/** One Ajv set-up for the runtime validator and the contract checker (Swagger 2.0 formats as no-ops). */
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS with `default` exports; normalise for ESM and bundlers.
const Ajv: any = (AjvModule as any).default ?? AjvModule;
const addFormats: any = (addFormatsModule as any).default ?? addFormatsModule;

export function newAjv(): any {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'double', 'float', 'byte', 'binary']) ajv.addFormat(f, true);
  // Responses: the spec's own examples carry date-times without an offset.
  ajv.addFormat('loose-date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i);
  return ajv;
}
