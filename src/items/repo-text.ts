/**
 * Reading item files: JSON with the line of an error, the line of a key, binary or text, the order
 * fabric-cicd sorts names in.
 */
import path from 'node:path';
import { ConfigError, type SourceLocation } from '../errors';

/** JSON.parse with the error's line (Node reports a position or, newer, a line and column). */
export function parseJson(text: string, file: string, fix: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const msg = String((err as Error).message);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const location: SourceLocation = lc
      ? { file, line: Number(lc[1]), col: Number(lc[2]) }
      : { file, line: pos ? text.slice(0, Number(pos[1])).split('\n').length : 1 };
    throw new ConfigError(`${path.basename(file)} is not valid JSON: ${msg}`, { location, fix });
  }
}

/** Line of the first `"key"` in a JSON text. */
export function lineOf(text: string, key: string): number | undefined {
  const idx = text.indexOf(`"${key}"`);
  return idx < 0 ? undefined : text.slice(0, idx).split('\n').length;
}

const BINARY_EXT = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'ico',
  'webp',
  'zip',
  'whl',
  'jar',
  'gz',
  'tgz',
  'pdf',
  'abf',
  'pbix',
  'xlsx',
  'docx',
  'pptx',
  'parquet',
  'avro',
  'orc',
  'exe',
  'dll',
  'so',
  'bin',
]);

/** Binary parts are sent byte for byte: known binary extensions, NUL bytes or invalid UTF-8. */
export function isBinary(file: string, bytes: Buffer): boolean {
  const dot = file.lastIndexOf('.');
  if (dot >= 0 && BINARY_EXT.has(file.slice(dot + 1).toLowerCase())) return true;
  if (bytes.includes(0)) return true;
  return !Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

/** Locale-independent order, so that the same repository reads the same everywhere. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
