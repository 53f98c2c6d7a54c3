import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type {
  RunError,
  Confirmation,
  DeploymentOutcome,
  DeploymentUpdate,
  Host,
  Logger,
  RunResult,
  SummaryOptions,
} from './host';
import { envName } from '../settings/inputs';
import { Masker } from './masker';
import { formatLocation } from '../errors';
import { annotationBudget } from './annotations';

export interface LocalHostOptions {
  /** Inputs given as CLI flags (kebab-case names); FABRIC_DEPLOY_* env vars fill the rest. */
  inputs: Record<string, string | undefined>;
  /** With --json the human log goes to stderr and stdout carries only the JSON result. */
  json?: boolean;
  verbose?: boolean;
  /** Where the summary is written (default: a temp file); it is also printed. */
  summaryFile?: string;
  quiet?: boolean;
  /** How a destructive command is confirmed (the CLI: a terminal prompt, or --yes). */
  confirm?: (c: Confirmation) => Promise<'asked' | 'yes' | 'declined'>;
}

/** An error as `--json` reports it: the message and, when it has one, its place. */
export interface LoggedError {
  message: string;
  file?: string;
  line?: number;
  col?: number;
}

/** The CLI (and local runs): readable output, in-process masking, summary printed to the terminal. */
export function createLocalHost(opts: LocalHostOptions): Host & {
  outputs: Record<string, string>;
  errors: LoggedError[];
  failure?: RunError;
  exitCode: number;
} {
  const masker = new Masker();
  const write = (line: string) =>
    (opts.json ? process.stderr : process.stdout).write(masker.mask(line) + '\n');
  const outputs: Record<string, string> = {};
  // What was reported as an error, for `--json` (masked like every line).
  const errors: LoggedError[] = [];
  let depth = 0;
  const indent = () => '  '.repeat(depth);
  // A terminal has no annotation limit: every one is shown; the budget keeps the run's warnings.
  const annotations = annotationBudget(
    {
      annotate: (kind, m, a) => {
        if (kind === 'error')
          errors.push({ message: masker.mask(m), ...(a ? { ...a, file: masker.mask(a.file) } : {}) });
        write(`${indent()}${kind}: ${a ? formatLocation(a) + ': ' : ''}${m}`);
      },
      line: (text) => write(indent() + text),
    },
    Infinity,
  );
  const log: Logger = {
    info: (m) => !opts.quiet && write(indent() + m),
    warn: annotations.warn,
    error: annotations.error,
    debug: (m) => opts.verbose && write(`${indent()}debug: ${m}`),
    async group(name, fn) {
      if (!opts.quiet) write(`${indent()}▸ ${name}`);
      depth++;
      try {
        return await fn();
      } finally {
        depth--;
      }
    },
  };
  const host: Host & {
    outputs: Record<string, string>;
    errors: LoggedError[];
    failure?: RunError;
    exitCode: number;
  } = {
    kind: 'cli' as const,
    recordFailure: (e: RunError) => {
      host.failure = {
        ...e,
        message: masker.mask(e.message),
        ...(e.file !== undefined ? { file: masker.mask(e.file) } : {}),
      };
    },
    log,
    loggedWarnings: annotations.warnings,
    outputs,
    errors,
    exitCode: 0,
    getInput: (name: string) => opts.inputs[name] || process.env[envName(name)] || undefined,
    setOutput: (name: string, value: string) => {
      outputs[name] = masker.mask(value);
    },
    setSecret: (value: string) => void masker.add(value),
    mask: (text: string) => masker.mask(text),
    async writeSummary(markdown: string, options?: SummaryOptions) {
      const file = opts.summaryFile ?? path.join(os.tmpdir(), `fabric-deploy-summary-${process.pid}.md`);
      const text = masker.mask(markdown);
      await fs.appendFile(file, text + '\n');
      if (!opts.quiet && !options?.fileOnly) write('\n' + text);
      return file;
    },
    tempDir: () => os.tmpdir(),
    ...ciComment(),
    ...(opts.confirm ? { confirm: opts.confirm } : {}),
    setResult(result: RunResult, message?: string) {
      // The error itself was already logged where it happened; only the exit code is left to set.
      void message;
      host.exitCode = result === 'failed' ? 1 : 0;
    },
  };
  return host;
}

/**
 * A `fabric-deploy` line in a CI script step comments on that run's pull request (and records a GitHub
 * deployment) as the Action and task do.
 */
function ciComment(): Pick<Host, 'commentOnPullRequest' | 'deploymentStatus'> {
  if (process.env.GITHUB_ACTIONS === 'true') {
    let deployment: ((u: DeploymentUpdate) => Promise<DeploymentOutcome>) | undefined;
    return {
      commentOnPullRequest: async (c) => (await import('./github-pr')).commentOnGitHub(c),
      deploymentStatus: async (u) =>
        (deployment ??= (await import('./github-deployment')).githubDeployment())(u),
    };
  }
  if (process.env.TF_BUILD || process.env.AGENT_ID)
    return {
      commentOnPullRequest: async (c) => (await import('./azure-devops-pr')).commentOnAzureRepos(c),
    };
  return {};
}
