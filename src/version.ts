import pkg from '../package.json';

export const VERSION: string = pkg.version;

export function userAgent(host: string): string {
  return `fabric-deploy/${VERSION} (${host}; node ${process.versions.node})`;
}
