import { DEFAULTS, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';
import { ContractChecker } from './contract';

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  query?: string;
}

/** Requests the simulator has served to /v1 (the Fabric API), oldest first. */
export async function fabricRequests(sim: RunningSimulator): Promise<LoggedRequest[]> {
  const res = await fetch(`${sim.url}/_sim/requests`);
  const body = (await res.json()) as { value: LoggedRequest[] };
  return body.value.filter((r) => r.path.startsWith('/v1/'));
}

/** Every request that could have changed something in Fabric (reads and getDefinition excluded). */
export async function fabricWrites(sim: RunningSimulator): Promise<LoggedRequest[]> {
  return (await fabricRequests(sim)).filter(
    (r) => r.method !== 'GET' && !/\/(getDefinition|bulkExportDefinitions)$/.test(r.path),
  );
}

/** A quiet simulator that records every exchange, so `stopSimulator` can check them against the spec. */
export async function withSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ quiet: true, recordExchanges: true, ...options });
}

/**
 * Closes the simulator and validates every request and response it handled against the official
 * Fabric spec: the product's real traffic (bundle runs included) must follow the contract.
 */
export async function stopSimulator(sim: RunningSimulator | undefined): Promise<void> {
  if (!sim) return;
  await sim.close();
  await assertContract(sim);
}

/** Throws listing every exchange the simulator handled that breaks the official spec. */
async function assertContract(sim: RunningSimulator): Promise<void> {
  const checker = await ContractChecker.create();
  const violations = checker.checkAll(sim.exchanges);
  if (violations.length)
    throw new Error(
      `contract violations:\n${violations.map((v) => `  ${v.exchange}: ${v.problem}`).join('\n')}`,
    );
}

/**
 * The simulator of a test file as a value: started before the file's tests; after them stopped and every
 * exchange it handled checked against the spec (`stopSimulator`). Reads go to the running simulator.
 */
export function fileSimulator(options: SimulatorOptions = {}): RunningSimulator {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await withSimulator(options);
  });
  afterAll(() => stopSimulator(sim));
  return new Proxy({} as RunningSimulator, {
    get: (_, key) => {
      if (!sim) throw new Error('the file simulator starts in beforeAll: use it in a test or a hook');
      return Reflect.get(sim, key) as unknown;
    },
  });
}

/**
 * Starts a simulator for a test file and, after the file's tests, validates every exchange it
 * handled against the official spec: any violation fails the file.
 */
export function useSimulator(
  options: SimulatorOptions = {},
  { contract = true } = {},
): () => RunningSimulator {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ recordExchanges: true, ...options });
  });
  afterAll(async () => {
    if (!sim) return;
    await sim.close();
    if (contract) await expectContract(sim);
  });
  return () => sim!;
}

/** The exchanges follow the spec, and there were some. */
export async function expectContract(sim: RunningSimulator): Promise<void> {
  await assertContract(sim);
  expect(sim.exchanges.length).toBeGreaterThan(0);
}

/** The environment a CLI run of the bundle needs to sign in to `sim` with a token and reach its API. */
export function tokenEnv(sim: RunningSimulator, token = sim.issueToken()): Record<string, string> {
  return {
    FABRIC_DEPLOY_AUTH: 'token',
    FABRIC_DEPLOY_TOKEN: token,
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
  };
}

/**
 * The environment a CLI run needs to sign in to `sim`'s Entra ID (over TLS) with the deploy app's
 * client secret, a credential that refreshes: `over` replaces any of it.
 */
export function clientSecretEnv(
  sim: RunningSimulator,
  over: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    FABRIC_DEPLOY_AUTH: 'client-secret',
    FABRIC_DEPLOY_TENANT_ID: sim.tenantId,
    FABRIC_DEPLOY_CLIENT_ID: DEFAULTS.deployApp.clientId,
    FABRIC_DEPLOY_CLIENT_SECRET: DEFAULTS.deployApp.secret,
    FABRIC_DEPLOY_AUTHORITY_HOST: sim.authorityHost,
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
    ...over,
  };
}
