/**
 * Item definitions: part validation (InvalidDefinitionParts / MissingDefinitionParts /
 * InvalidPlatformFile), the generated `.platform` returned by getDefinition, and
 * a content hash used by the Git model.
 */
import { FabricError, type MoreDetail } from '../errors';
import { sha1Hex } from '../ids';
import type { DefinitionPart, ItemDefinitionRec, ItemRec } from '../types';
import { FORMATS, NO_DEFINITION_TYPES, REQUIRED_PARTS } from './itemTypes';

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export interface PlatformMeta {
  type?: string;
  displayName?: string;
  description?: string;
  logicalId?: string;
}

export function validateDefinition(
  type: string,
  def: any,
): { definition: ItemDefinitionRec; platform?: PlatformMeta } {
  if (NO_DEFINITION_TYPES.has(type))
    throw new FabricError(
      400,
      'OperationNotSupportedForItem',
      `Item type '${type}' does not support definitions.`,
    );
  const details: MoreDetail[] = [];
  const parts: DefinitionPart[] = Array.isArray(def?.parts) ? def.parts : [];
  const seen = new Set<string>();
  let platform: PlatformMeta | undefined;
  parts.forEach((p, i) => {
    const where = `parts[${i}]`;
    if (!p || typeof p.path !== 'string' || !p.path.trim())
      details.push({ errorCode: 'InvalidPath', message: `${where}.path is empty.` });
    else if (
      p.path.startsWith('/') ||
      p.path.includes('\\') ||
      p.path.split('/').some((s) => s === '..' || s === '.' || s === '')
    )
      details.push({
        errorCode: 'InvalidPath',
        message: `${where}.path '${p.path}' is not a relative path.`,
      });
    else if (seen.has(p.path.toLowerCase()))
      details.push({ errorCode: 'DuplicatePath', message: `${where}.path '${p.path}' appears twice.` });
    else seen.add(p.path.toLowerCase());
    if (p?.payloadType !== 'InlineBase64')
      details.push({
        errorCode: 'UnsupportedPayloadType',
        message: `${where}.payloadType must be 'InlineBase64'.`,
      });
    const payload = typeof p?.payload === 'string' ? p.payload.replace(/\s+/g, '') : undefined;
    if (payload === undefined || payload.length % 4 !== 0 || !B64_RE.test(payload))
      details.push({ errorCode: 'CorruptedPayload', message: `${where}.payload is not valid base64.` });
    else if (p.path === '.platform') {
      try {
        const j = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
        platform = {
          type: j?.metadata?.type,
          displayName: j?.metadata?.displayName,
          description: j?.metadata?.description,
          logicalId: j?.config?.logicalId,
        };
        if (platform.type && platform.type !== type)
          details.push({
            errorCode: 'InvalidPlatformFile',
            message: `.platform declares type '${platform.type}' but the item is a ${type}.`,
          });
      } catch {
        details.push({ errorCode: 'InvalidPlatformFile', message: '.platform is not valid JSON.' });
      }
    }
  });
  if (!parts.length)
    details.push({ errorCode: 'MissingDefinitionParts', message: 'The definition has no parts.' });
  if (details.length) {
    const code =
      details.some((d) => d.errorCode === 'InvalidPlatformFile') && details.length === 1
        ? 'InvalidPlatformFile'
        : 'InvalidDefinitionParts';
    throw new FabricError(400, code, 'The item definition has invalid parts.', { moreDetails: details });
  }
  const format = typeof def.format === 'string' ? def.format : undefined;
  const formats = FORMATS[type];
  if (format && formats && !formats.some((f) => f.toLowerCase() === format.toLowerCase()))
    throw new FabricError(
      400,
      'InvalidDefinitionFormat',
      `Format '${format}' is not supported for ${type}; use one of ${formats.join(', ')}.`,
    );
  const rule = REQUIRED_PARTS[type];
  const paths = parts.map((p) => p.path).filter((p) => p !== '.platform');
  if (rule) {
    const missing = rule.required.filter((r) => !r.test(paths));
    if (missing.length)
      throw new FabricError(
        400,
        'MissingDefinitionParts',
        `The ${type} definition is missing required parts: ${missing.map((m) => m.description).join('; ')}.`,
        {
          moreDetails: missing.map((m) => ({
            errorCode: 'MissingDefinitionPart',
            message: `Required part ${m.description} is missing.`,
          })),
        },
      );
  }
  if (type === 'Notebook' && format?.toLowerCase() === 'ipynb' && !paths.some((p) => /\.ipynb$/i.test(p)))
    throw new FabricError(
      400,
      'InvalidDefinitionParts',
      "Format 'ipynb' needs a notebook-content.ipynb part.",
    );
  return {
    definition: {
      format,
      parts: parts.map((p) => ({
        path: p.path,
        payload: p.payload.replace(/\s+/g, ''),
        payloadType: 'InlineBase64',
      })),
    },
    platform,
  };
}

export function platformPart(item: ItemRec): DefinitionPart {
  const body = {
    $schema:
      'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json',
    metadata: {
      type: item.type,
      displayName: item.displayName,
      ...(item.description ? { description: item.description } : {}),
    },
    config: { version: '2.0', logicalId: item.logicalId },
  };
  return {
    path: '.platform',
    payload: Buffer.from(JSON.stringify(body, null, 2)).toString('base64'),
    payloadType: 'InlineBase64',
  };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** What getDefinition returns for an item created without a definition. */
function defaultParts(type: string): DefinitionPart[] {
  const part = (path: string, content: string): DefinitionPart => ({
    path,
    payload: b64(content),
    payloadType: 'InlineBase64',
  });
  switch (type) {
    case 'Notebook':
      return [
        part(
          'notebook-content.py',
          '# Fabric notebook source\n\n# METADATA ********************\n\n# META {\n# META   "kernel_info": {\n# META     "name": "synapse_pyspark"\n# META   }\n# META }\n',
        ),
      ];
    case 'DataPipeline':
      return [part('pipeline-content.json', JSON.stringify({ properties: { activities: [] } }, null, 2))];
    case 'Lakehouse':
      return [part('lakehouse.metadata.json', '{}'), part('shortcuts.metadata.json', '[]')];
    case 'Environment':
      return [part('Setting/Sparkcompute.yml', 'enable_native_execution_engine: false\n')];
    default:
      return [];
  }
}

/** Parts returned by getDefinition: the stored ones plus a `.platform` reflecting current metadata. */
export function definitionOut(item: ItemRec): { format?: string; parts: DefinitionPart[] } {
  const stored = item.definition?.parts ?? defaultParts(item.type);
  const parts = stored.filter((p) => p.path !== '.platform');
  parts.push(platformPart(item));
  const out: { format?: string; parts: DefinitionPart[] } = { parts };
  if (item.definition?.format) out.format = item.definition.format;
  return out;
}

/** Content hash (parts without .platform, plus name), for Git change detection. */
export function contentHash(item: {
  displayName: string;
  description?: string;
  definition?: ItemDefinitionRec;
}): string {
  const parts = (item.definition?.parts ?? [])
    .filter((p) => p.path !== '.platform')
    .map((p) => `${p.path}\n${p.payload}`)
    .sort();
  return sha1Hex([item.displayName, item.description ?? '', ...parts].join('\n--\n'));
}
