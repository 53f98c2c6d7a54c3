/** `$workspace.…` and `$items.…` variables of replace values, parsed as fabric-cicd reads them. */
import {
  ITEM_ATTRIBUTES,
  ITEM_TYPES,
  isKnownType,
  itemTypeInfo,
  typeLike,
  type ItemAttribute,
} from '../types';
import type { DynamicRef, ResolvableRef } from './model';

/** The variable `s`, or an error message. Types and names are case-sensitive, as in fabric-cicd. */
export function parseDynamicVariable(s: string): DynamicRef | string {
  if (s === '$workspace.id' || s === '$workspace.$id') return { kind: 'workspaceId' };
  if (s === '$workspace.$name') return { kind: 'workspaceName', encoded: false };
  if (s === '$workspace.$name_encoded') return { kind: 'workspaceName', encoded: true };
  if (s.startsWith('$workspace.')) {
    const rest = s.slice('$workspace.'.length);
    const at = rest.indexOf('.$items.');
    if (at >= 0) {
      const ws = rest.slice(0, at).trim();
      const item = parseItemVariable(rest.slice(at + 1));
      if (typeof item === 'string') return item;
      if (!ws) return `'${s}' names no workspace`;
      if (!/\.\$[a-z]+$/i.test(s)) return `'${s}' must end with .$<attribute> (e.g. .$id)`;
      return { ...item, workspace: ws };
    }
    const name = rest.replace(/\.\$id$/, '').trim();
    if (!name || name.startsWith('$')) return `unknown $workspace variable '${s}'`;
    return { kind: 'workspace', name };
  }
  if (s.startsWith('$items.')) return parseItemVariable(s);
  return `'${s}' is not a variable (values starting with $ must be $items.… or $workspace.…)`;
}

function parseItemVariable(s: string): Extract<ResolvableRef, { kind: 'item' }> | string {
  const rest = s.slice('$items.'.length);
  const dot = rest.indexOf('.');
  if (dot <= 0) return `'${s}' must look like $items.<type>.<name>.$<attribute>`;
  const type = rest.slice(0, dot);
  const tail = rest.slice(dot + 1);
  // `.$attr` (current) or `.attr` (legacy); names may contain dots, types never do.
  const cut = tail.lastIndexOf('.$') >= 0 ? tail.lastIndexOf('.$') : tail.lastIndexOf('.');
  if (cut <= 0) return `'${s}' must look like $items.<type>.<name>.$<attribute>`;
  const name = tail.slice(0, cut);
  const attribute = tail
    .slice(cut + 1)
    .replace(/^\$/, '')
    .toLowerCase();
  if (!isKnownType(type)) {
    const like = typeLike(type);
    return `unknown item type '${type}' in '${s}'${like ? ` (did you mean '${like}'?)` : ''}`;
  }
  if (!(ITEM_ATTRIBUTES as readonly string[]).includes(attribute))
    return `unknown attribute '${attribute}' in '${s}' (use ${ITEM_ATTRIBUTES.map((a) => '$' + a).join(', ')})`;
  if (attribute !== 'id' && !(attribute in itemTypeInfo(type).attributes)) {
    const types = Object.entries(ITEM_TYPES)
      .filter(([, i]) => attribute in i.attributes)
      .map(([t]) => t);
    return `a ${type} has no ${attribute} (only ${types.join(', ')} have one) in '${s}'`;
  }
  return { kind: 'item', type, name, attribute: attribute as ItemAttribute };
}
