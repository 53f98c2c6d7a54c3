import type { HostKind, Logger } from '../../hosts/host';

export interface TelemetryOptions {
  enabled: boolean;
  connectionString?: string;
  deploymentId: string;
  environment?: string;
  /** Which host runs us (github | azure-devops | cli), a dimension. */
  host?: HostKind;
  command?: string;
  log?: Logger;
  /** Masks registered secrets (the host masker); applied to every string sent. */
  scrub: (s: string) => string;
  /** Budget of `flush()` in ms (default 2000). */
  flushTimeoutMs?: number;
  /** Extra CA certificates (PEM) for the ingestion endpoint: a TLS-inspecting proxy, the simulator. */
  caCertificates?: string | string[];
}
