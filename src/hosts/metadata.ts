import { stringify } from 'yaml';
import { adoName, INPUTS, OUTPUTS, type InputSpec } from '../settings/inputs';
import { PUBLISHER, REPOSITORY_URL, VERSION } from '../version';

export { PUBLISHER, REPOSITORY, REPOSITORY_URL } from '../version';

/** Fixed forever: Azure DevOps identifies the task by this id across versions. */
export const TASK_ID = '5b6f0f4e-3c1d-4b7a-9f2e-8a1c6d2e7f40';
/** The task's folder in the repository and in the extension: Azure DevOps keys a task version by its major. */
export const TASK_DIR = `tasks/FabricDeployV${VERSION.split('.')[0]}`;
/** The extension's id; with the publisher it makes the Marketplace item `fabric-deploy.fabric-deploy`. */
export const EXTENSION_ID = 'fabric-deploy';

/** First agent with the Node20_1 handler; agents from 4.265.1 pick Node24, the first handler listed. */
export const MINIMUM_AGENT_VERSION = '3.232.1';

const DESCRIPTION =
  'Provision Microsoft Fabric workspaces and deploy their items from Git: plan, parallel deploy, rollback.';

const HEADER =
  '# Generated from src/settings/inputs.ts by `npm run metadata`; edit the catalog, not this file.\n';

export function actionYaml(): string {
  const inputs: Record<string, Record<string, unknown>> = {};
  for (const i of INPUTS) {
    if (i.only === 'azure-devops') continue;
    inputs[i.name] = {
      description: describeInput(i),
      required: false,
      ...(i.actionDefault !== undefined
        ? { default: i.actionDefault }
        : i.default !== undefined && !i.configurable
          ? { default: i.default }
          : {}),
    };
  }
  const outputs: Record<string, { description: string }> = {};
  for (const o of OUTPUTS) outputs[o.name] = { description: o.description };
  const doc = {
    name: 'Fabric Deploy',
    description: DESCRIPTION,
    author: PUBLISHER,
    branding: { icon: 'layers', color: 'green' },
    inputs,
    outputs,
    // The post step replays the journal of a deploy that was cancelled or killed; after a job that
    // succeeded there is nothing to replay, so it does not even start.
    runs: {
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post.js',
      'post-if': 'cancelled() || failure()',
    },
  };
  return HEADER + stringify(doc, { lineWidth: 0 });
}

/** Every generated metadata file, by its path from the repository root: what `npm run metadata` writes. */
export function metadataFiles(): [path: string, text: string][] {
  return [
    ['action.yml', actionYaml()],
    [`${TASK_DIR}/task.json`, taskJson()],
    ['vss-extension.json', extensionManifest()],
  ];
}

/**
 * The Visual Studio Marketplace manifest that `tfx extension create` packs. Generated so that its version is
 * VERSION, like the task's; paths are from the repository root (where tfx runs).
 */
export function extensionManifest(): string {
  const manifest = {
    manifestVersion: 1,
    id: EXTENSION_ID,
    publisher: PUBLISHER,
    version: VERSION,
    name: 'Fabric Deploy',
    description: DESCRIPTION,
    public: true,
    // Versions below 1.0 are marked preview on the Marketplace page.
    ...(VERSION.startsWith('0.') ? { galleryFlags: ['Preview'] } : {}),
    categories: ['Azure Pipelines'],
    tags: ['Microsoft Fabric', 'Power BI', 'deploy', 'CI/CD', 'fabric-cicd', 'workspace'],
    targets: [{ id: 'Microsoft.VisualStudio.Services' }],
    icons: { default: 'extension/icon.png' },
    content: {
      details: { path: 'extension/overview.md' },
      license: { path: 'LICENSE' },
    },
    links: {
      home: { uri: REPOSITORY_URL },
      getstarted: { uri: `${REPOSITORY_URL}/blob/v${VERSION}/README.md#azure-pipelines` },
      support: { uri: `${REPOSITORY_URL}/issues` },
      issues: { uri: `${REPOSITORY_URL}/issues` },
      license: { uri: `${REPOSITORY_URL}/blob/v${VERSION}/LICENSE` },
    },
    repository: { type: 'git', uri: REPOSITORY_URL },
    branding: { color: '#0f7b6c', theme: 'dark' },
    files: [{ path: TASK_DIR }],
    contributions: [
      {
        id: 'fabric-deploy-task',
        type: 'ms.vss-distributed-task.task',
        targets: ['ms.vss-distributed-task.tasks'],
        description: DESCRIPTION,
        properties: { name: TASK_DIR },
      },
    ],
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** The task's manifest; its execution targets are relative to TASK_DIR, where packaging copies dist/. */
export function taskJson(): string {
  const [major, minor, patch] = VERSION.split('.').map(Number);
  const task = {
    $schema: 'https://raw.githubusercontent.com/Microsoft/azure-pipelines-task-lib/master/tasks.schema.json',
    id: TASK_ID,
    name: 'FabricDeploy',
    friendlyName: 'Fabric Deploy',
    description: DESCRIPTION,
    helpMarkDown: `Deploys Microsoft Fabric items from Git into a workspace, with a plan, a journalled rollback and a pull-request comment. [Azure Pipelines guide](${docsUrl('README.md#azure-pipelines')}) · [inputs](${docsUrl('docs/reference/inputs.md')})`,
    helpUrl: docsUrl('README.md#azure-pipelines'),
    category: 'Deploy',
    visibility: ['Build', 'Release'],
    author: PUBLISHER,
    version: { Major: major, Minor: minor, Patch: patch },
    minimumAgentVersion: MINIMUM_AGENT_VERSION,
    // The step's name in the run's log: what it does and where (`Fabric Deploy: deploy prod`).
    instanceNameFormat: 'Fabric Deploy: $(command) $(environment)',
    groups: [
      { name: 'target', displayName: 'Target', isExpanded: true },
      { name: 'auth', displayName: 'Authentication', isExpanded: true },
      { name: 'advanced', displayName: 'Advanced', isExpanded: false },
    ],
    inputs: INPUTS.filter((i) => i.only !== 'github').map((i) => ({
      name: adoName(i.name),
      ...(i.name === 'connected-service-name' ? { aliases: ['azureSubscription'] } : {}),
      type: i.adoType ?? (i.options ? 'pickList' : 'string'),
      label: taskLabel(i),
      defaultValue: i.configurable ? '' : (i.default ?? ''),
      required: false,
      groupName: i.group ?? 'advanced',
      // Only the inputs of the chosen sign-in show in the classic editor (YAML passes any of them).
      ...(i.forAuth ? { visibleRule: i.forAuth.map((k) => `auth = ${k}`).join(' || ') } : {}),
      // Every input links its entry in the generated reference (names on each host, default, values).
      helpMarkDown:
        `${describeInput(i)} [Reference](${docsUrl(`docs/reference/inputs.md#${i.name}`)})` +
        (i.docs ? ` · [More](${docsUrl(i.docs)})` : ''),
      ...(i.options ? { options: Object.fromEntries(i.options.map((o) => [o, o])) } : {}),
    })),
    outputVariables: OUTPUTS.map((o) => ({ name: adoName(o.name), description: o.description })),
    execution: {
      Node24: { target: 'dist/index.js' },
      Node20_1: { target: 'dist/index.js' },
    },
    // Replays the journal of a deploy of this step that was cancelled or killed (src/commands/post-job.ts).
    postjobexecution: {
      Node24: { target: 'dist/post.js' },
      Node20_1: { target: 'dist/post.js' },
    },
  };
  return JSON.stringify(task, null, 2) + '\n';
}

/** A page of the docs as released with this version (the tag's tree, so the link matches the task). */
export function docsUrl(pathAndAnchor: string): string {
  return `${REPOSITORY_URL}/blob/v${VERSION}/${pathAndAnchor}`;
}

/** The input's label in the task's classic editor. */
export function taskLabel(i: InputSpec): string {
  if (i.label) return i.label;
  const words = i.name.split('-');
  const text = words.join(' ');
  return (
    text.charAt(0).toUpperCase() +
    text
      .slice(1)
      .replace(/\bid\b/g, 'ID')
      .replace(/\burl\b/g, 'URL')
  );
}

/** An input whose default must not be written into the metadata names its default in its description. */
function describeInput(i: InputSpec): string {
  return i.configurable && i.default !== undefined
    ? `${i.description} Default: ${i.default} (or the config file's value).`
    : i.description;
}
