/**
 * Realism profiles. `fast` keeps the protocol (202 + polling, paging, errors)
 * but removes waiting; `realistic` uses the timings recorded against the real
 * service (shared/README.md) scaled by `timeScale`.
 */
import type { SimulatorOptions } from './types';

/** Server-side LRO durations recorded in a real deployment (ms). */
export const REALISTIC_LRO_MS: Record<string, number> = {
  Notebook: 1000,
  Report: 1200,
  Warehouse: 12300,
  SemanticModel: 13100,
  SQLDatabase: 18500,
  Eventstream: 19800,
  KQLDatabase: 30000,
  Ontology: 61000,
};
export const REALISTIC_MEDIAN_LRO_MS = 9700;

/** Types the real service created synchronously (201) in the recorded trace (fabric-cicd-notes §2.7). */
export const REALISTIC_SYNC_CREATE_TYPES = [
  'DataBuildToolJob',
  'DataPipeline',
  'Dataflow',
  'KQLQueryset',
  'Lakehouse',
  'MirroredDatabase',
  'PaginatedReport',
  'Reflex',
];

export interface SimConfig {
  profile: 'fast' | 'realistic';
  pageSize: number;
  seed: number;
  timeScale: number;
  rateLimitPerMinute: number;
  lroRateLimitPerMinute: number;
  retryAfterSeconds: number;
  environmentPublishRetryAfterSeconds: number;
  syncCreateTypes: string[];
  nameReservationMs: number;
  requireCapacity: boolean;
  validateRequests: boolean;
  /** Per-request latency range in ms (already scaled). */
  latencyMs: [number, number];
  /** Overrides every LRO duration when set. */
  lroDelayMs?: number;
  /** SQL endpoint provisioning after a lakehouse create (ms, scaled). */
  sqlEndpointProvisionMs: number;
  /** Capacity (un)assignment completion (ms, scaled). */
  capacityAssignMs: number;
  /** Environment publish duration (ms, scaled). */
  environmentPublishMs: number;
  /** Token lifetime for issued tokens (s). */
  tokenLifetimeSeconds: number;
  quiet: boolean;
}

export function resolveConfig(o: SimulatorOptions): SimConfig {
  const profile = o.profile ?? 'fast';
  const realistic = profile === 'realistic';
  const timeScale = o.timeScale ?? 1;
  const scaled = (ms: number) => Math.round(ms * timeScale);
  const rate = o.rateLimitPerMinute ?? (realistic ? 200 : Infinity);
  return {
    profile,
    pageSize: Math.max(1, o.pageSize ?? 100),
    seed: o.seed ?? 42,
    timeScale,
    rateLimitPerMinute: rate,
    lroRateLimitPerMinute: o.lroRateLimitPerMinute ?? rate,
    retryAfterSeconds: o.retryAfterSeconds ?? (realistic ? Math.max(0, Math.round(20 * timeScale)) : 0),
    environmentPublishRetryAfterSeconds:
      o.retryAfterSeconds ?? (realistic ? Math.max(0, Math.round(120 * timeScale)) : 0),
    syncCreateTypes: o.syncCreateTypes ?? (realistic ? [...REALISTIC_SYNC_CREATE_TYPES] : []),
    nameReservationMs: o.nameReservationMs ?? (realistic ? scaled(60_000) : 500),
    requireCapacity: o.requireCapacity ?? false,
    validateRequests: o.validateRequests ?? true,
    latencyMs: realistic ? [scaled(20), scaled(60)] : [0, 0],
    lroDelayMs: o.lroDelayMs ?? (realistic ? undefined : 15),
    sqlEndpointProvisionMs: realistic ? scaled(8000) : 20,
    capacityAssignMs: realistic ? scaled(5000) : 20,
    environmentPublishMs: realistic ? scaled(60_000) : 20,
    tokenLifetimeSeconds: 3600,
    quiet: o.quiet ?? false,
  };
}

/** LRO duration for an operation on an item type. */
export function lroDurationMs(cfg: SimConfig, itemType: string | undefined): number {
  if (cfg.lroDelayMs !== undefined) return cfg.lroDelayMs;
  const base = (itemType ? REALISTIC_LRO_MS[itemType] : undefined) ?? REALISTIC_MEDIAN_LRO_MS;
  return Math.round(base * cfg.timeScale);
}
