/**
 * Stack traces from the bundle point at src/: dist/ ships source maps of our own code, and this reads a
 * chunk's map the first time a stack through that chunk is formatted. (Node's own support,
 * `process.setSourceMapsEnabled`, reads and indexes every map as each module loads: start-up time
 * spent on every run for the few that print a stack.)
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Formats every stack (Error.prepareStackTrace, V8's format) with frames in files under `bundleDir` mapped. */
export function mapStackTraces(bundleDir: string): void {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (file: string): SourceMap | undefined => {
    if (!maps.has(file)) {
      let map: SourceMap | undefined;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      } catch {
        map = undefined;
      }
      maps.set(file, map);
    }
    return maps.get(file);
  };
  const frame = (site: NodeJS.CallSite): string => {
    const text = String(site);
    try {
      const url = site.getFileName();
      const line = site.getLineNumber();
      const column = site.getColumnNumber();
      if (!url || !line || !column) return text;
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      if (!file.startsWith(bundleDir + path.sep)) return text;
      const entry = mapOf(file)?.findEntry(line - 1, column - 1) as
        { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
      if (!entry?.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined)
        return text;
      const source = path.resolve(path.dirname(file), entry.originalSource);
      return text.replace(
        `${url}:${line}:${column}`,
        `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`,
      );
    } catch {
      return text;
    }
  };
  Error.prepareStackTrace = (err: Error, sites: NodeJS.CallSite[]) => {
    let header: string;
    try {
      header = Error.prototype.toString.call(err);
    } catch {
      header = 'Error';
    }
    return [header, ...sites.map((s) => `    at ${frame(s)}`)].join('\n');
  };
}
