/** Is the Fabric API reachable (DNS, TLS, proxy, service), independently of the credential? */
import type { HealthContext, Outcome } from '../model';
import { probe } from '../probe';

export async function checkFabricApi(
  ctx: HealthContext,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Outcome> {
  if (!ctx.client)
    return { status: 'fail', message: 'no Fabric client (the run stopped before it was created)' };
  const url = `${ctx.client.baseUrl}/workspaces`;
  // Anonymous on purpose: any HTTP answer (401 here) proves DNS, TLS, proxy and the service are fine,
  // independently of the credential (which the next check covers).
  const answer = await probe(ctx.client, 'health: Fabric API', url, signal, timeoutMs);
  if ('error' in answer)
    return {
      status: 'fail',
      message: `${ctx.client.baseUrl} is not reachable: ${answer.error}`,
      details: { url: ctx.client.baseUrl },
    };
  if (answer.status >= 500)
    return {
      status: 'fail',
      message: `${ctx.client.baseUrl} answered HTTP ${answer.status}`,
      details: { url: ctx.client.baseUrl, status: answer.status },
    };
  return {
    status: 'pass',
    message: `${ctx.client.baseUrl} answered (HTTP ${answer.status})`,
    details: { url: ctx.client.baseUrl, status: answer.status },
  };
}
