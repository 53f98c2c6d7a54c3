/**
 * Circuit breakers (opossum) per endpoint group. opossum opens on an error *percentage*; the design
 * asks for N *consecutive* failures, so we count them ourselves and open the breaker by hand.
 * opossum still does the rest: fail fast while open, half-open after `resetTimeout`, one trial call,
 * close on success, re-open on failure.
 */
import CircuitBreaker from 'opossum';
import { CircuitOpenError, FabricApiError, FabricNetworkError } from './errors';
import type { ClientEvent } from './events';
import type { PipelinePolicy, PipelineResponse } from './pipeline';

export interface CircuitBreakerOptions {
  /** Consecutive failed calls that open a circuit (default 5). */
  failureThreshold?: number;
  /** How long a circuit stays open before one trial call (ms, default 60 000). */
  resetTimeoutMs?: number;
}

export const BREAKER_DEFAULTS = { failureThreshold: 5, resetTimeoutMs: 60_000 } as const;

export type CircuitState = 'closed' | 'open' | 'halfOpen';

/** Failures that say the endpoint is unwell. A 4xx (or a 429, handled by Retry-After) proves it answers. */
export function countsAsFailure(err: unknown): boolean {
  if (err instanceof FabricNetworkError) return true;
  if (err instanceof FabricApiError) return err.status === 408 || err.status >= 500;
  return false;
}

type Action = () => Promise<PipelineResponse>;

interface Circuit {
  breaker: CircuitBreaker<[Action], PipelineResponse>;
  consecutive: number;
  openedAt?: number;
  lastError?: string;
}

export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();
  readonly failureThreshold: number;
  readonly resetTimeoutMs: number;

  constructor(
    opts: CircuitBreakerOptions = {},
    private readonly emit: (e: ClientEvent) => void = () => undefined,
  ) {
    this.failureThreshold = opts.failureThreshold ?? BREAKER_DEFAULTS.failureThreshold;
    this.resetTimeoutMs = opts.resetTimeoutMs ?? BREAKER_DEFAULTS.resetTimeoutMs;
  }

  state(group: string): CircuitState {
    const c = this.circuits.get(group);
    if (!c) return 'closed';
    return c.breaker.opened ? 'open' : c.breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  /** Every circuit's state, for health checks and the report. */
  states(): Record<string, CircuitState> {
    return Object.fromEntries([...this.circuits.keys()].map((g) => [g, this.state(g)]));
  }

  /** Runs `action` under the group's circuit; throws CircuitOpenError without running it when open. */
  async run(group: string, operation: string, action: Action): Promise<PipelineResponse> {
    const c = this.circuit(group);
    try {
      return await c.breaker.fire(action);
    } catch (err) {
      if ((err as { code?: string })?.code === 'EOPENBREAKER') {
        throw new CircuitOpenError({
          operation,
          group,
          retryAt: new Date((c.openedAt ?? Date.now()) + this.resetTimeoutMs),
          failures: Math.max(c.consecutive, this.failureThreshold),
          lastError: c.lastError,
        });
      }
      throw err;
    }
  }

  /** Stops the reset timers. */
  shutdown(): void {
    for (const c of this.circuits.values()) c.breaker.shutdown();
    this.circuits.clear();
  }

  private circuit(group: string): Circuit {
    const existing = this.circuits.get(group);
    if (existing) return existing;
    const breaker = new CircuitBreaker<[Action], PipelineResponse>((action: Action) => action(), {
      name: group,
      // Timeouts are the pipeline's job (per attempt); a retried call may legitimately take long.
      timeout: false,
      resetTimeout: this.resetTimeoutMs,
      // Never open on a percentage: only our consecutive count opens the circuit.
      errorThresholdPercentage: 100,
      errorFilter: (err: unknown) => !countsAsFailure(err),
      // No rolling stats buckets are needed.
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
    });
    const circuit: Circuit = { breaker, consecutive: 0 };
    breaker.on('failure', (err: unknown) => {
      circuit.consecutive++;
      circuit.lastError = err instanceof Error ? err.message.slice(0, 300) : String(err);
      if (breaker.closed && circuit.consecutive >= this.failureThreshold) breaker.open();
    });
    breaker.on('success', () => {
      circuit.consecutive = 0;
    });
    breaker.on('open', () => {
      circuit.openedAt = Date.now();
      this.emit({
        type: 'circuit',
        group,
        state: 'open',
        retryAt: new Date(circuit.openedAt + this.resetTimeoutMs).toISOString(),
        failures: circuit.consecutive,
      });
    });
    breaker.on('halfOpen', () => this.emit({ type: 'circuit', group, state: 'halfOpen' }));
    breaker.on('close', () => {
      circuit.consecutive = 0;
      this.emit({ type: 'circuit', group, state: 'closed' });
    });
    this.circuits.set(group, circuit);
    return circuit;
  }
}

/** Wraps the retried call, as in the original design: a call that still fails after its retries is one failure. */
export function breakerPolicy(breakers: CircuitBreakers): PipelinePolicy {
  return {
    name: 'circuitBreaker',
    send(req, next) {
      return breakers.run(req.group, req.operation, () => next(req));
    },
  };
}

const ITEM_COLLECTIONS = new Set([
  'items',
  'lakehouses',
  'notebooks',
  'semanticModels',
  'reports',
  'dataPipelines',
  'environments',
  'warehouses',
  'sqlEndpoints',
  'kqlDatabases',
  'eventhouses',
  'eventstreams',
  'variableLibraries',
  'mirroredDatabases',
  'sqlDatabases',
  'sparkJobDefinitions',
]);

/** The endpoint group of a URL: workspaces, items, git, roles, folders, capacities, operations, graph, keyvault, identity. */
export function endpointGroup(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'fabric';
  }
  const host = u.hostname.toLowerCase();
  if (host.startsWith('graph.') || host.includes('graph.microsoft')) return 'graph';
  if (host.includes('.vault.')) return 'keyvault';
  if (host.startsWith('login.') || /\/oauth2\//.test(u.pathname)) return 'identity';
  const segs = u.pathname.split('/').filter(Boolean);
  const v1 = segs.indexOf('v1');
  const rest = v1 >= 0 ? segs.slice(v1 + 1) : segs;
  const [first, , sub] = rest;
  switch (first) {
    case 'operations':
      return 'operations';
    case 'capacities':
      return 'capacities';
    case 'workspaces':
      if (sub === undefined) return 'workspaces';
      if (sub === 'git') return 'git';
      if (sub === 'roleAssignments') return 'roles';
      if (sub === 'folders') return 'folders';
      if (ITEM_COLLECTIONS.has(sub)) return 'items';
      return 'workspaces';
    case undefined:
      return 'fabric';
    default:
      // Graph / Key Vault behind a simulator keep their names in the path.
      if (first === 'v1.0' || first === 'beta') return 'graph';
      if (first === 'secrets') return 'keyvault';
      return first;
  }
}
