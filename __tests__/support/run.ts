import { spawn, type ChildProcess } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program to completion with exactly the environment given (plus PATH/HOME/TMPDIR/LANG and the
 * test poll floor), so
 * nothing from the developer's shell or from jest leaks into what is being tested.
 */
export function runProcess(
  command: string,
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    input?: string;
    /** Given the child as soon as it started (e.g. to kill it mid-run, as a cancelled job is). */
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // Polls the fast simulator's millisecond operations after 50 ms rather than the product's 500 ms
    // floor (src/run-context.ts testPollFloor): only test time; a test may override it.
    const env: Record<string, string> = { FABRIC_DEPLOY_TEST_POLL_FLOOR_MS: '50' };
    for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'])
      if (process.env[k]) env[k] = process.env[k]!;
    for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
    const child = spawn(command, args, { cwd: options.cwd, env });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Like runProcess, but a non-zero exit is an error carrying the output (for set-up steps). */
export async function mustRun(
  command: string,
  args: string[],
  options: Parameters<typeof runProcess>[2] = {},
): Promise<RunResult> {
  const r = await runProcess(command, args, options);
  if (r.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The lines that register a secret with the runner (they name it so that it can be masked). */
const MASK_LINES = /^(::add-mask::|##vso\[task\.setsecret\]).*\n/gm;

/** No run's log holds any of `secrets` outside the lines that register them for masking. */
export function expectNotLogged(runs: { stdout: string; stderr: string }[], secrets: string[]): void {
  for (const r of runs) {
    const text = (r.stdout + r.stderr).replace(MASK_LINES, '');
    for (const s of secrets) expect(text).not.toContain(s);
  }
}
