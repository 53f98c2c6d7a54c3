/** docs/reference/inputs.md: every input and output of the Action, the task and the CLI, from the catalog. */
import { taskLabel } from '../hosts/metadata';
import { adoName, envName, INPUTS, OUTPUTS, type InputSpec } from '../settings/inputs';
import { cell, code, GENERATED_NOTE, githubSlug, prose, table } from './markdown';

const GROUPS: Record<NonNullable<InputSpec['group']>, string> = {
  target: 'What to deploy, and where',
  auth: 'Sign-in',
  advanced: 'Advanced',
};

/** A link from docs/reference/ to a page of the repository. */
const fromReference = (target: string) => `../../${target}`;

const github = (i: InputSpec) => (i.only === 'azure-devops' ? '—' : code(i.name));
const azure = (i: InputSpec) =>
  i.only === 'github'
    ? '—'
    : code(adoName(i.name)) +
      (i.name === 'connected-service-name' ? ` (alias ${code('azureSubscription')})` : '');
// The CLI takes every input but the Azure DevOps-only ones; `command` is its sub-command.
const cli = (i: InputSpec) =>
  i.only === 'azure-devops' ? '—' : i.name === 'command' ? '`fabric-deploy <command>`' : code(`--${i.name}`);
const env = (i: InputSpec) => (i.only === 'azure-devops' ? '—' : code(envName(i.name)));

/** The description's first sentence, for the overview (not cut inside parentheses or after "e.g."). */
function firstSentence(text: string): string {
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const c = text[at];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (
      c === '.' &&
      depth === 0 &&
      /\s/.test(text[at + 1] ?? '') &&
      !/\b(e\.g|i\.e)$/.test(text.slice(0, at))
    )
      return text.slice(0, at + 1);
  }
  return text;
}

function defaultOf(i: InputSpec): string {
  if (i.actionDefault) return `${code(i.actionDefault)} on GitHub`;
  if (i.default === undefined) return '—';
  return code(i.default) + (i.configurable ? ', or the config file’s value' : '');
}

function details(i: InputSpec): string {
  const facts: string[] = [];
  if (i.options) facts.push(`Allowed values: ${i.options.map(code).join(', ')}.`);
  if (i.secret) facts.push('A secret: masked on every host as soon as it is read.');
  if (i.configurable)
    facts.push(
      'The config file can set it too: an input given beats the config, which beats the default (so the Action and the task declare no default for it).',
    );
  if (i.only === 'github') facts.push('GitHub Actions (and the CLI in a GitHub workflow) only.');
  if (i.only === 'azure-devops') facts.push('Azure Pipelines only.');
  if (i.only !== 'github')
    facts.push(
      `Azure Pipelines classic editor: “${taskLabel(i)}”, ${code(i.adoType ?? (i.options ? 'pickList' : 'string'))}` +
        (i.forAuth ? `, shown for auth ${i.forAuth.map(code).join(', ')}` : '') +
        '.',
    );
  if (i.docs) facts.push(`More: [${i.docs}](${fromReference(i.docs)}).`);
  return [
    `### ${code(i.name)}`,
    '',
    prose(i.description),
    '',
    table(
      ['GitHub', 'Azure DevOps', 'CLI', 'Environment variable (CLI)', 'Default'],
      [[github(i), azure(i), cli(i), env(i), defaultOf(i)]],
    ),
    '',
    ...facts.map((f) => `- ${f}`),
  ].join('\n');
}

export function inputsPage(): string {
  const order = Object.keys(GROUPS) as (keyof typeof GROUPS)[];
  const overview = table(
    ['Input', 'Azure DevOps', 'Default', 'What it is'],
    INPUTS.map((i) => [
      `[${code(i.name)}](#${githubSlug(i.name)})`,
      azure(i),
      defaultOf(i),
      cell(firstSentence(i.description)),
    ]),
  );
  const sections = order.flatMap((g) => [
    `## ${GROUPS[g]}`,
    '',
    ...INPUTS.filter((i) => (i.group ?? 'advanced') === g).flatMap((i) => [details(i), '']),
  ]);
  const outputs = table(
    ['GitHub (`steps.<id>.outputs.…`)', 'Azure DevOps (`$(<step name>.…)`)', 'CLI `--json` key', 'Meaning'],
    OUTPUTS.map((o) => [code(o.name), code(adoName(o.name)), code(o.name), cell(o.description)]),
  );
  return [
    GENERATED_NOTE('src/settings/inputs.ts'),
    '',
    '# Inputs and outputs',
    '',
    'Every input of the GitHub Action (`with:`), the Azure Pipelines task `FabricDeploy@0` (`inputs:`) and the',
    'CLI. Names are kebab-case on GitHub, camelCase on Azure DevOps; on the CLI each is a flag and an',
    'environment variable (the flag wins). Values are strings on every host: `true`/`false` for switches. An',
    'input left empty counts as not given. Configuration file fields: [configuration.md](configuration.md).',
    '',
    overview,
    '',
    ...sections,
    '## Outputs',
    '',
    'On GitHub, `steps.<id>.outputs.<name>`; on Azure Pipelines, output variables of the step',
    "(`$(<step name>.<name>)` in the job, `dependencies.<job>.outputs['<step name>.<name>']` in a later one);",
    'on the CLI, `--json` prints them as one JSON object on stdout under the same names, with `has-changes` as',
    'a boolean and `items` and `health` as JSON (a failed run adds `error`: code, message, file, line, col,',
    'field, fix: [observability.md](../observability.md#error-codes)); `fabric-deploy matrix --json` prints the matrix itself (its `include` list and `ado-matrix`).',
    '',
    outputs,
    '',
  ].join('\n');
}
