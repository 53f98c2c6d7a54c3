import type { SourceLocation } from '../errors';

/** Where a message points in the user's files; rendered as an annotation by CI hosts. */
export type Annotation = SourceLocation & { title?: string };

export interface Logger {
  info(message: string): void;
  warn(message: string, annotation?: Annotation): void;
  error(message: string, annotation?: Annotation): void;
  debug(message: string): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** The error that ended a run, as `--json` carries it. */
export interface RunError {
  /** Fabric's errorCode, a network code (ECONNREFUSED), or the kind of user error (ConfigError). */
  code: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  field?: string;
  /** What to do about it, when the error says (a user error's fix). */
  fix?: string;
}

/** How a summary is shown: its title (Azure DevOps' summary section) and whether the terminal gets it. */
export interface SummaryOptions {
  /** `Fabric Deploy (<environment>)`: Azure Pipelines shows it as the summary section's heading. */
  title?: string;
  /** The CLI writes the summary file only (a failure's error was printed already). */
  fileOnly?: boolean;
}

export type HostKind = 'github' | 'azure-devops' | 'cli';
export type RunResult = 'succeeded' | 'succeeded-with-issues' | 'failed';

/** An AzureRM service connection as Azure DevOps hands it to a task. */
export interface ServiceConnection {
  id: string;
  scheme: string; // WorkloadIdentityFederation | ServicePrincipal | ManagedServiceIdentity
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  certificate?: string; // PEM (private key + certificate)
  environment?: string; // AzureCloud | AzureUSGovernment | AzureChinaCloud
  /** Late-bound federated token (`idToken` parameter) when the agent already issued one. */
  idToken?: string;
}

/**
 * Everything the core may ask of the CI system it runs on. The core never imports a host SDK;
 * each adapter (GitHub, Azure DevOps, CLI) implements this and nothing more.
 */
/** What a destructive command asks before it starts (CLI only: on CI the workflow itself is the consent). */
export interface Confirmation {
  /** What is about to happen, e.g. "Delete 3 items from workspace 'sales-dev'?" */
  question: string;
  /** What the user must type to go ahead (the workspace's name). */
  expected: string;
  /** What is refused when no one can be asked, e.g. "destroy in workspace 'sales-dev'". */
  action: string;
}

/** One comment on the run's pull request, found again by its hidden marker and updated in place. */
export interface PullRequestComment {
  /** An HTML comment naming the workspace and environment; the body starts with it. */
  marker: string;
  /** The markdown to post, the marker first; the host adds a line linking the run. */
  body: string;
  /** The `github-token` input (GitHub only). */
  githubToken?: string;
}

/** What became of a comment: never an exception, a failed post must not fail the deploy. */
export type CommentOutcome =
  | { status: 'created' | 'updated'; pullRequest: string; url?: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; message: string };

/**
 * One state of the run's GitHub deployment; the first update creates the deployment, except `inactive`,
 * which ends the environment's latest deployment (a branch workspace deleted).
 */
export interface DeploymentUpdate {
  /** The GitHub environment the deployment is for. */
  environment: string;
  state: 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';
  /** An environment that goes away (a feature-branch workspace). */
  transient?: boolean;
  /** At most 140 characters (GitHub's limit). */
  description: string;
  /** The workspace in the Fabric portal, shown as the environment's link. */
  environmentUrl?: string;
  /** The environment is production (the config's production profile). */
  production?: boolean;
  /** Ids a consumer of the deployment can act on (workspace, deployment id). */
  payload?: Record<string, string>;
  githubToken?: string;
}

export type DeploymentOutcome =
  | { status: 'updated'; deployment: string; url?: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; message: string };

export interface Host {
  readonly kind: HostKind;
  readonly log: Logger;
  /**
   * Every warning logged so far, as `file:line:col: message` when it has a place, in order: the summary
   * lists them all, also those past the host's ten annotations.
   */
  loggedWarnings?(): readonly string[];
  /**
   * Work the host does before the run reads any input (Azure DevOps: download a secure file the inputs
   * name). False when it failed: it has printed the banner and the error naming the input and failed the
   * step, and the run stops before any Fabric call.
   */
  prepare?(): Promise<boolean>;
  /** Raw input by its catalog (kebab-case) name; undefined when not given or empty. */
  getInput(name: string): string | undefined;
  setOutput(name: string, value: string): void;
  /** Registers a value to be masked in every later log line (each line of a multi-line value). */
  setSecret(value: string): void;
  /** The text with every registered secret replaced by ***, for reporters that write files (audit, telemetry). */
  mask(text: string): string;
  /** Appends markdown to the run's summary; returns the file it was written to, if any. */
  writeSummary(markdown: string, options?: SummaryOptions): Promise<string | undefined>;
  /** The step's completion (0–100) where the host shows one (Azure DevOps' task progress). */
  setProgress?(percent: number, text: string): void;
  /**
   * Creates or updates the run's pull-request comment (GitHub, Azure Repos). Absent where there is no
   * pull request to comment on (a local run).
   */
  commentOnPullRequest?(comment: PullRequestComment): Promise<CommentOutcome>;
  /** Creates, then updates, the run's deployment record (GitHub only). Never throws. */
  deploymentStatus?(update: DeploymentUpdate): Promise<DeploymentOutcome>;
  /** The host's OIDC token for `audience`, or undefined when the host offers none. */
  getIdToken?(audience: string): Promise<string>;
  /** Explains why OIDC is unavailable (e.g. missing `id-token: write`), for error messages. */
  oidcUnavailableReason?(): string | undefined;
  /** The AzureRM service connection named by `connectedServiceName` (Azure DevOps only). */
  getServiceConnection?(name: string): Promise<ServiceConnection | undefined>;
  /** Pipeline secret variables by name (Azure DevOps passes them as SECRET_<NAME>), for `${secret:NAME}`. */
  secretVariables?(): Record<string, string>;
  /** HTTPS proxy the host asks us to use (Azure DevOps agent proxy); env vars are handled by the core. */
  proxyUrl?(): string | undefined;
  tempDir(): string;
  /**
   * Keeps a value for this step's post-job step (GitHub `saveState`, an Azure DevOps task variable).
   * Written at once, so it survives the step being killed. Absent on the CLI, which has no post step.
   */
  saveState?(name: string, value: string): void;
  /** What the main step saved under `name` (in the post-job step); undefined when nothing was. */
  getState?(name: string): string | undefined;
  /**
   * Asks before an irreversible change: `asked` when a person answered (what they were shown is all they
   * agreed to), `yes` for --yes, `declined`. Only the CLI has it; it throws a UserError when there is no
   * one to ask. Absent: go ahead.
   */
  confirm?(c: Confirmation): Promise<'asked' | 'yes' | 'declined'>;
  /** The error that ended the run (before setResult), for hosts that report it as data (`--json`). */
  recordFailure?(error: RunError): void;
  /** Final verdict shown by the host; the process exit code follows it. */
  setResult(result: RunResult, message?: string): void;
}
