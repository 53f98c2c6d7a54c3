import { readTextFile } from './text-file';
import { ConfigError, type SourceLocation } from '../errors';
import { GUID_RE } from '../guid';
import type { PrincipalConfig } from './config';

/**
 * The seeds' principals file: one principal a line, `principal_id,role,description,type`, `#` comments and blank
 * lines ignored, an optional header line. A description containing commas may be quoted ("a, b") or left bare:
 * id, role and type never contain commas, so everything between the role and the last field is the description.
 */

const ROLES = ['Admin', 'Member', 'Contributor', 'Viewer'] as const;
const TYPES = ['User', 'Group', 'ServicePrincipal', 'ServicePrincipalProfile'] as const;
const UPN = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;

/** Reads a principals file; `from` is where the config names it (for a missing file). */
export function readPrincipalsFile(file: string, from?: SourceLocation): PrincipalConfig[] {
  const text = readTextFile(file, 'principals file', {
    location: from,
    field: 'workspace.principalsFile',
    missingFix: 'point workspace.principalsFile at a file relative to the config file',
  });
  return parsePrincipals(text, file);
}

export function parsePrincipals(text: string, file: string): PrincipalConfig[] {
  const out: PrincipalConfig[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const fields = splitFields(raw, file, line);
    if (out.length === 0 && seen.size === 0 && fields[0]!.text.toLowerCase() === 'principal_id') return; // header
    const at = (n: number): SourceLocation => ({ file, line, col: fields[n]?.col ?? 1 });
    if (fields.length < 4) {
      throw new ConfigError(
        `principals line ${line} has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected principal_id,role,description,type`,
        {
          location: { file, line, col: 1 },
          fix: 'write e.g. 9f0c2a4e-1b2c-4d5e-8f90-123456789abc,Admin,Data platform admins,Group (the description may be empty)',
        },
      );
    }
    // A bare description with commas: id and role first, type last, the rest is the description.
    const [idF, roleF] = fields;
    const typeF = fields[fields.length - 1]!;
    const description =
      fields.length === 4
        ? fields[2]!.text
        : raw.slice(fields[2]!.col - 1, raw.lastIndexOf(',', typeF.col - 1)).trim();
    const id = idF!.text;
    const role = ROLES.find((r) => r.toLowerCase() === roleF!.text.toLowerCase());
    const type = TYPES.find((t) => t.toLowerCase() === typeF.text.toLowerCase());
    if (!role) {
      throw new ConfigError(`principals line ${line}: '${roleF!.text}' is not a workspace role`, {
        location: at(1),
        field: 'role',
        fix: `use one of: ${ROLES.join(', ')}`,
      });
    }
    if (!type) {
      throw new ConfigError(`principals line ${line}: '${typeF.text}' is not a principal type`, {
        location: at(fields.length - 1),
        field: 'type',
        fix: `use one of: ${TYPES.join(', ')}`,
      });
    }
    const isGuid = GUID_RE.test(id);
    if (!isGuid && !(type === 'User' && UPN.test(id))) {
      throw new ConfigError(`principals line ${line}: principal_id '${id}' is not a GUID`, {
        location: at(0),
        field: 'principal_id',
        fix:
          type === 'User'
            ? "use the user's object id (GUID) or user principal name (name@domain)"
            : `use the ${type}'s object id (a GUID such as 9f0c2a4e-1b2c-4d5e-8f90-123456789abc)`,
      });
    }
    const key = id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ConfigError(`principals line ${line}: '${id}' is already given on line ${first}`, {
        location: at(0),
        fix: 'keep one line per principal (a principal has one role in a workspace)',
      });
    }
    seen.set(key, line);
    const p: PrincipalConfig = isGuid ? { id, type, role } : { upn: id, type, role };
    if (description) p.description = description;
    out.push(p);
  });
  return out;
}

interface Field {
  text: string;
  col: number;
}

/** Comma-separated fields with optional double quotes ("" inside quotes is a quote); 1-based columns. */
function splitFields(line: string, file: string, lineNo: number): Field[] {
  const out: Field[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    const col = i + 1;
    let text = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length)
          throw new ConfigError(`principals line ${lineNo}: unterminated quote`, {
            location: { file, line: lineNo, col },
            fix: 'close the quoted description with "',
          });
        if (line[i] === '"' && line[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else text += line[i++];
      }
      while (i < line.length && line[i] !== ',') i++;
    } else {
      const end = line.indexOf(',', i);
      text = (end < 0 ? line.slice(i) : line.slice(i, end)).trim();
      i = end < 0 ? line.length : end;
    }
    out.push({ text, col });
    if (i >= line.length) return out;
    i++; // the comma
  }
}
