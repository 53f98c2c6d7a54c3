/**
 * Fabric API simulator: Microsoft Fabric REST API (+ Entra ID, Key Vault,
 * Application Insights ingestion, Microsoft Graph) on 127.0.0.1.
 * See docs/simulator.md.
 */
import { Simulator } from './simulator';
import type { RunningSimulator, SimulatorOptions } from './types';
import { DEFAULTS } from './state';

export type {
  SimulatorOptions,
  RunningSimulator,
  FaultRule,
  FaultAction,
  SimState,
  Exchange,
  RequestLogEntry,
  IssueTokenClaims,
} from './types';
export { DEFAULTS } from './state';

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = new Simulator(options);
  await sim.start();
  const ikey = '00000000-5157-4e11-a5e0-000000000001';
  return {
    url: sim.url,
    fabricApiUrl: `${sim.url}/v1`,
    tlsUrl: sim.tlsUrl,
    authorityHost: sim.tlsUrl,
    keyVaultUrl: sim.tlsUrl,
    graphUrl: `${sim.tlsUrl}/graph/v1.0`,
    // The SDK rewrites http:// ingestion endpoints to https://, so ingestion goes to the TLS server.
    appInsightsConnectionString: `InstrumentationKey=${ikey};IngestionEndpoint=${sim.tlsUrl}/;LiveEndpoint=${sim.tlsUrl}/`,
    managedIdentityEndpoint: `${sim.url}/msi/token`,
    caCertPath: sim.caCertPath,
    caCertPem: sim.caCertPem,
    get tenantId() {
      return sim.tenantId;
    },
    issueToken: (claims) => sim.issueToken(claims),
    get state() {
      return sim.state;
    },
    get exchanges() {
      return sim.exchanges;
    },
    close: () => sim.close(),
    onRequest: (fn) => {
      sim.onLog = fn;
    },
  };
}

export { Simulator };
/** Name of the one Key Vault the simulator serves (at `keyVaultUrl`). */
export const DEFAULT_VAULT = DEFAULTS.vaultName;
