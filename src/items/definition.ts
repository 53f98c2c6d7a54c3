import type { ItemDefinition } from '../fabric/types';
import type { RepoItem } from './repository';

export interface DefinitionContext {
  /** logicalId → deployed item id, for items already deployed in this run or found in the workspace. */
  logicalIds: ReadonlyMap<string, string>;
  workspaceId: string;
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/**
 * The definition sent to Fabric: every file as an InlineBase64 part plus `.platform`, with logical ids of
 * other items replaced by their deployed ids and the zero workspace GUID by the target workspace.
 */
export function buildDefinition(item: RepoItem, ctx: DefinitionContext): ItemDefinition {
  const parts = item.files.map((f) => ({
    path: f.path,
    payload: rewrite(f.bytes, ctx).toString('base64'),
    payloadType: 'InlineBase64' as const,
  }));
  parts.push({ path: '.platform', payload: Buffer.from(item.platformText, 'utf8').toString('base64'), payloadType: 'InlineBase64' });
  return { parts };
}

function rewrite(bytes: Buffer, ctx: DefinitionContext): Buffer {
  if (!isText(bytes)) return bytes;
  let text = bytes.toString('utf8');
  for (const [logicalId, id] of ctx.logicalIds) {
    if (logicalId !== ZERO_GUID && text.includes(logicalId)) text = text.split(logicalId).join(id);
  }
  text = text.replace(
    /("?(?:default_lakehouse_workspace_id|workspaceId|workspace)"?\s*[:=]\s*")(0{8}-0{4}-0{4}-0{4}-0{12})(")/g,
    (_m, a: string, _z: string, c: string) => a + ctx.workspaceId + c,
  );
  return Buffer.from(text, 'utf8');
}

/** Binary files (images, wheels) are sent as they are; text is UTF-8 without NUL bytes. */
export function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  return !Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes) ? false : true;
}
