/**
 * Pipeline overhead: N calls through FabricClient (headers, breaker, retry, auth, errors, timeout,
 * logging, keep-alive transport) against N direct `fetch` calls to the same simulator endpoint.
 * Client-side rate limiting is off here: its waits are deliberate throttling, not overhead.
 *
 * Usage (from a runner such as bench/run.mjs): `const r = await measureClientOverhead({ calls: 2000 })`.
 */
import { Agent, request } from 'undici';
import { FabricClient } from '../src/fabric/client';
import { startSimulator } from '../src/simulator';

export interface OverheadOptions {
  /** Calls per side (default 2000). */
  calls?: number;
  /** Rounds the calls are split into, alternating sides to cancel drift (default 10). */
  rounds?: number;
  /** Warm-up calls per side, not measured (default 100). */
  warmup?: number;
  /** Use a running simulator instead of starting one: its base URL (e.g. http://127.0.0.1:5000) and a token. */
  simulator?: { url: string; token: string };
}

export interface OverheadResult {
  calls: number;
  /** Total ms for the direct fetch calls. */
  directMs: number;
  /** Total ms for the pipeline calls. */
  pipelineMs: number;
  /** pipelineMs / directMs. */
  ratio: number;
  /** Total ms for direct `undici.request` calls over a keep-alive Agent: the pipeline's own transport, no policies. */
  rawTransportMs: number;
  /** pipelineMs / rawTransportMs: the cost of the policies alone. */
  policyRatio: number;
  /** Extra ms per call of the policies over the bare transport. */
  policyOverheadMs: number;
  /** Extra ms per call through the pipeline (can be negative: undici.request is lighter than fetch). */
  perCallOverheadMs: number;
  /**
   * The larger overhead (vs fetch, vs bare transport) as a share of a real deploy's wall time: the recorded fresh deploy of the sample made
   * ~182 requests in 8 min 12 s (fabric-cicd-notes §6), so share = 182 × perCall / 492 000 ms.
   */
  estimatedDeployShare: number;
  /** One line for the console. */
  summary: string;
}

const RECORDED_DEPLOY = { requests: 182, wallMs: 492_000 };

export async function measureClientOverhead(opts: OverheadOptions = {}): Promise<OverheadResult> {
  const calls = opts.calls ?? 2000;
  const rounds = Math.max(1, opts.rounds ?? 10);
  const warmup = opts.warmup ?? 100;
  const sim = opts.simulator ? undefined : await startSimulator({ quiet: true });
  const baseUrl = opts.simulator?.url ?? sim!.url;
  const token = opts.simulator?.token ?? sim!.issueToken();
  const client = new FabricClient({
    baseUrl: `${baseUrl}/v1`,
    tokens: { getToken: async () => token },
    correlationId: 'bench',
    rateLimit: false,
  });
  try {
    const ws = await client.createWorkspace({ displayName: `bench-${Date.now()}` });
    const url = `${baseUrl}/v1/workspaces/${ws.id}`;
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };

    const direct = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await fetch(url, { headers });
        if (!res.ok) throw new Error(`direct call failed: ${res.status}`);
        await res.json();
      }
    };
    const agent = new Agent({ keepAliveTimeout: 30_000 });
    const raw = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await request(url, { headers, dispatcher: agent });
        if (res.statusCode !== 200) throw new Error(`raw call failed: ${res.statusCode}`);
        await res.body.json();
      }
    };
    const piped = async (n: number) => {
      for (let i = 0; i < n; i++) await client.getWorkspace(ws.id);
    };
    const timed = async (fn: (n: number) => Promise<void>, n: number) => {
      const t = performance.now();
      await fn(n);
      return performance.now() - t;
    };

    await direct(warmup);
    await raw(warmup);
    await piped(warmup);
    const totals = { direct: 0, raw: 0, piped: 0 };
    const sides = [
      ['direct', direct],
      ['raw', raw],
      ['piped', piped],
    ] as const;
    const per = Math.ceil(calls / rounds);
    for (let r = 0; r < rounds; r++) {
      // Rotate which side goes first so warm caches and GC favour none.
      for (let k = 0; k < sides.length; k++) {
        const [name, fn] = sides[(r + k) % sides.length]!;
        totals[name] += await timed(fn, per);
      }
    }
    await agent.close();
    const directMs = totals.direct;
    const pipelineMs = totals.piped;
    const rawTransportMs = totals.raw;
    const n = per * rounds;
    const perCallOverheadMs = (pipelineMs - directMs) / n;
    const ratio = pipelineMs / directMs;
    const policyRatio = pipelineMs / rawTransportMs;
    const policyOverheadMs = (pipelineMs - rawTransportMs) / n;
    // Charge the larger of the two overheads: the honest upper estimate.
    const estimatedDeployShare = Math.max(
      0,
      (RECORDED_DEPLOY.requests * Math.max(perCallOverheadMs, policyOverheadMs)) / RECORDED_DEPLOY.wallMs,
    );
    const summary =
      `client overhead: ${n} calls, direct fetch ${(directMs / n).toFixed(3)} ms/call, pipeline ${(pipelineMs / n).toFixed(3)} ms/call, ` +
      `ratio ${ratio.toFixed(3)} (vs bare undici.request ${(rawTransportMs / n).toFixed(3)} ms/call: ${policyRatio.toFixed(3)}), ` +
      `${perCallOverheadMs >= 0 ? '+' : ''}${perCallOverheadMs.toFixed(3)} ms/call vs fetch, +${policyOverheadMs.toFixed(3)} ms/call vs bare transport ≈ ${(estimatedDeployShare * 100).toFixed(4)} % of a recorded deploy's wall time`;
    return {
      calls: n,
      directMs,
      pipelineMs,
      ratio,
      rawTransportMs,
      policyRatio,
      policyOverheadMs,
      perCallOverheadMs,
      estimatedDeployShare,
      summary,
    };
  } finally {
    await client.close();
    await sim?.close();
  }
}
