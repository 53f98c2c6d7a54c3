/** Kept equal to package.json's version by a test (a JSON import would drag package.json into the bundle). */
export const VERSION = '0.1.0';

/** The one owner: GitHub organisation, Visual Studio Marketplace publisher and npm scope-free package name. */
export const PUBLISHER = 'fabric-deploy';
export const REPOSITORY = `${PUBLISHER}/fabric-deploy`;
export const REPOSITORY_URL = `https://github.com/${REPOSITORY}`;

/**
 * The published JSON Schema of fabric-deploy.yml (docs/fabric-deploy.schema.json) at the major tag, which
 * moves with the releases `@v0` / `FabricDeploy@0` run: an editor completes what the pinned major accepts.
 */
export const CONFIG_SCHEMA_URL = `https://raw.githubusercontent.com/${REPOSITORY}/v${VERSION.split('.')[0]}/docs/fabric-deploy.schema.json`;
/** The first line of a fabric-deploy.yml: editors with the YAML language server (VS Code's YAML extension) complete and check it. */
export const CONFIG_SCHEMA_COMMENT = `# yaml-language-server: $schema=${CONFIG_SCHEMA_URL}`;

/** The first line of every run's log: which release ran, on which host and Node. */
export function banner(host: string): string {
  return `Fabric Deploy ${VERSION} (${host}; node ${process.versions.node})`;
}

export function userAgent(host: string): string {
  return `fabric-deploy/${VERSION} (${host}; node ${process.versions.node})`;
}
