/**
 * `fabric-deploy simulate` / `node dist/simulator.js`: start the simulator and
 * print `READY <url>` then one JSON line with every endpoint and an admin token.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { parse as parseYaml } from 'yaml';
import { startSimulator } from './index';
import type { FaultRule, RunningSimulator, SimulatorOptions } from './types';

function int(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidArgumentError(`${name} must be a non-negative integer`);
    return n;
  };
}

export function loadFaultsFile(file: string): FaultRule[] {
  const text = readFileSync(file, 'utf8');
  const data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  const list = Array.isArray(data) ? data : data?.faults;
  if (!Array.isArray(list)) throw new Error(`${file}: expected a list of fault rules (or {faults: [...]})`);
  return list as FaultRule[];
}

export interface CliIo {
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  /** Install SIGINT/SIGTERM handlers that close and exit (default true). */
  handleSignals?: boolean;
}

/** Start from command-line arguments; resolves once listening (the process then stays up until a signal). */
export async function main(argv: string[], io: CliIo = {}): Promise<RunningSimulator> {
  const out = io.stdout ?? ((s: string) => void process.stdout.write(s));
  const err = io.stderr ?? ((s: string) => void process.stderr.write(s));
  const program = new Command('simulate')
    .description('Run the Fabric API simulator on 127.0.0.1')
    .option('--port <n>', 'HTTP port (0 = ephemeral)', int('--port'), 0)
    .option(
      '--tls-port <n>',
      'HTTPS port for Entra ID / Key Vault / Graph (0 = ephemeral)',
      int('--tls-port'),
      0,
    )
    .option('--profile <name>', 'fast | realistic', 'fast')
    .option('--faults <file>', 'JSON or YAML list of fault rules')
    .option('--state <file>', 'persist state to this JSON file')
    .option('--page-size <n>', 'list page size', int('--page-size'))
    .option('--rate-limit <n>', 'calls per minute per identity', int('--rate-limit'))
    .option('--seed <n>', 'random seed', int('--seed'))
    .option('--time-scale <x>', 'scale realistic durations (e.g. 0.1)', parseFloat)
    .option('--quiet', 'no request log on stderr')
    .exitOverride()
    .configureOutput({ writeOut: err, writeErr: err });
  program.parse(argv, { from: 'user' });
  const o = program.opts();
  if (o.profile !== 'fast' && o.profile !== 'realistic')
    throw new InvalidArgumentError('--profile must be fast or realistic');
  const options: SimulatorOptions = {
    port: o.port,
    tlsPort: o.tlsPort,
    profile: o.profile,
    statePath: o.state,
    pageSize: o.pageSize,
    rateLimitPerMinute: o.rateLimit,
    seed: o.seed,
    timeScale: o.timeScale,
    faults: o.faults ? loadFaultsFile(o.faults) : undefined,
    quiet: o.quiet,
  };
  const sim = await startSimulator(options);
  if (!o.quiet)
    sim.onRequest((e) =>
      err(
        `${e.time} ${e.method} ${e.path}${e.query} ${e.status} ${e.durationMs}ms${e.errorCode ? ` ${e.errorCode}` : ''}${e.fault ? ` [fault ${e.fault}]` : ''}\n`,
      ),
    );
  out(`READY ${sim.url}\n`);
  out(
    JSON.stringify({
      url: sim.url,
      fabricApiUrl: sim.fabricApiUrl,
      tlsUrl: sim.tlsUrl,
      authorityHost: sim.authorityHost,
      keyVaultUrl: sim.keyVaultUrl,
      graphUrl: sim.graphUrl,
      appInsightsConnectionString: sim.appInsightsConnectionString,
      managedIdentityEndpoint: sim.managedIdentityEndpoint,
      caCertPath: sim.caCertPath,
      tenantId: sim.tenantId,
      token: sim.issueToken({ expiresInSeconds: 24 * 3600 }),
    }) + '\n',
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sim.close();
    process.exit(0);
  };
  if (io.handleSignals !== false) {
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  }
  return sim;
}
