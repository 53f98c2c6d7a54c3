import { transpileSources } from './transpile';

/** src/report, src/report/telemetry (and src/version.ts) as plain ESM for a child `node`: start-up cost and exit after a flush. */
export function transpileReport(): { dir: string; cleanup: () => void } {
  return transpileSources('report', ['src/report', 'src/report/telemetry', 'src/version.ts', 'src/guid.ts']);
}
