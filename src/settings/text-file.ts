/**
 * Reading a user-named text file (config, parameter.yml, principals) without hanging or exhausting
 * memory: only a regular file is read, and only up to a size limit. A FIFO would block the read until a
 * writer comes, `/dev/zero` never ends; both are refused with the path and what was found.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { ConfigError, type SourceLocation } from '../errors';

/** Config, parameter and principals files are a few kB; 4 MiB leaves room and bounds the parse. */
export const MAX_TEXT_FILE_BYTES = 4 * 1024 * 1024;

export interface TextFileOptions {
  /** Where the path was given (the config line), when not the file itself. */
  location?: SourceLocation;
  field?: string;
  /** The fix for a missing file. */
  missingFix?: string;
  maxBytes?: number;
}

/** The file's text; a ConfigError naming `what` and the path when it is missing, not a regular file or too large. */
export function readTextFile(file: string, what: string, opts: TextFileOptions = {}): string {
  const max = opts.maxBytes ?? MAX_TEXT_FILE_BYTES;
  // The location names the file unless the path was given elsewhere (then the message names it).
  const name = opts.location ? `${what} '${file}'` : what;
  const fail = (message: string, fix?: string) =>
    new ConfigError(message, { location: opts.location ?? { file }, field: opts.field, fix });
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fail(`${name} not found`, opts.missingFix);
    if (code === 'EISDIR') throw fail(`${name} is a directory, not a file`, 'name the file itself');
    throw fail(`${name} cannot be read (${code})`, 'check the path and its permissions');
  }
  try {
    // fstat of the opened descriptor: the file checked is the file read.
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw fail(
        `${name} is ${kindOf(st)}, not a regular file`,
        'name a regular file (a FIFO, device or socket could block or never end)',
      );
    }
    if (st.size > max) {
      throw fail(
        `${name} is ${st.size} bytes, more than the ${max} bytes a ${what} may have`,
        'check the path: this is not a configuration file',
      );
    }
    // One byte more than its size: a file that grows while read is noticed, and the read stays bounded.
    const buf = Buffer.alloc(st.size + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got)
      got = readSync(fd, buf, n, buf.length - n, null);
    if (n > st.size) throw fail(`${name} grew while being read`, 'name a file that is not being written to');
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}
