/** Kept equal to package.json's version by a test (a JSON import would drag package.json into the bundle). */
export const VERSION = '0.1.0';

export function userAgent(host: string): string {
  return `fabric-deploy/${VERSION} (${host}; node ${process.versions.node})`;
}
