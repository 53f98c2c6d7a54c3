/** Kept equal to package.json's version by a test (a JSON import would drag package.json into the bundle). */
export const VERSION = '0.1.0';

/** The first line of every run's log: which release ran, on which host and Node. */
export function banner(host: string): string {
  return `Fabric Deploy ${VERSION} (${host}; node ${process.versions.node})`;
}

export function userAgent(host: string): string {
  return `fabric-deploy/${VERSION} (${host}; node ${process.versions.node})`;
}
