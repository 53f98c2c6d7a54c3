import os from 'node:os';
import * as core from '@actions/core';
import type { Annotation, DeploymentOutcome, DeploymentUpdate, Host, Logger, RunResult } from './host';
import { checkoutRelative } from './annotation-path';
import { annotationBudget } from './annotations';
import { Masker } from './masker';

/** GitHub Actions adapter over @actions/core (inputs are INPUT_<NAME> with the hyphens kept). */
export function createGitHubHost(): Host {
  const masker = new Masker();
  const props = (a?: Annotation): core.AnnotationProperties | undefined =>
    a
      ? {
          file: checkoutRelative(a.file, process.env.GITHUB_WORKSPACE),
          startLine: a.line,
          startColumn: a.col,
          title: a.title,
        }
      : undefined;
  let deployment: ((u: DeploymentUpdate) => Promise<DeploymentOutcome>) | undefined;
  const annotations = annotationBudget({
    annotate: (kind, m, a) => (kind === 'error' ? core.error : core.warning)(masker.mask(m), props(a)),
    line: (text) => core.info(masker.mask(text)),
  });
  const log: Logger = {
    info: (m) => core.info(masker.mask(m)),
    warn: annotations.warn,
    error: annotations.error,
    debug: (m) => core.debug(masker.mask(m)),
    group: (name, fn) => core.group(masker.mask(name), fn),
  };
  return {
    kind: 'github',
    log,
    loggedWarnings: annotations.warnings,
    getInput: (name) => core.getInput(name) || undefined,
    setOutput: (name, value) => core.setOutput(name, masker.mask(value)),
    mask: (text) => masker.mask(text),
    setSecret: (value) => {
      for (const piece of masker.add(value)) core.setSecret(piece);
    },
    async writeSummary(markdown) {
      const file = process.env.GITHUB_STEP_SUMMARY;
      if (!file) return undefined;
      await core.summary.addRaw(masker.mask(markdown), true).write();
      return file;
    },
    // @actions/github (Octokit) is loaded by the first comment, not at start-up.
    commentOnPullRequest: async (c) => (await import('./github-pr')).commentOnGitHub(c),
    deploymentStatus: async (u) =>
      (deployment ??= (await import('./github-deployment')).githubDeployment())(u),
    getIdToken: async (audience) => {
      const token = await core.getIDToken(audience);
      for (const piece of masker.add(token)) core.setSecret(piece);
      return token;
    },
    oidcUnavailableReason: () =>
      process.env.ACTIONS_ID_TOKEN_REQUEST_URL && process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
        ? undefined
        : "the workflow has no OIDC token: add 'permissions: id-token: write' to the job (and 'contents: read')",
    tempDir: () => process.env.RUNNER_TEMP || os.tmpdir(),
    // GITHUB_STATE is a file appended synchronously: a state saved before a kill reaches the post step.
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name) || undefined,
    setResult(result: RunResult, message?: string) {
      // Without a message the error was already annotated where it happened: only the exit code is left.
      if (result === 'failed') {
        if (message) annotations.error(message);
        process.exitCode = 1;
      } else if (message) core.info(masker.mask(message));
      annotations.finish();
    },
  };
}
