import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';

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
  return (await fabricRequests(sim)).filter((r) => r.method !== 'GET' && !/\/getDefinition$/.test(r.path));
}

export async function withSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ quiet: true, ...options });
}
