/** Is the configured (or assigned) capacity visible and Active? */
import type { HealthContext, Outcome } from '../model';

export async function checkCapacity(
  ctx: HealthContext,
  signal: AbortSignal,
  timeoutMs: number,
  configured: { id?: string; name?: string } | undefined,
  assignedId: string | undefined,
): Promise<Outcome> {
  const wantId = (configured?.id ?? assignedId)?.toLowerCase();
  const wantName = configured?.name?.toLowerCase();
  if (!wantId && !wantName)
    return { status: 'skip', message: 'no capacity configured and none assigned to the workspace' };
  const label = configured?.name ?? configured?.id ?? assignedId!;
  const all = await ctx.client!.listCapacities({ operation: 'health: list capacities', signal, timeoutMs });
  const cap = all.find(
    (c) =>
      (wantId && c.id.toLowerCase() === wantId) || (wantName && c.displayName.toLowerCase() === wantName),
  );
  if (!cap) {
    return {
      status: 'fail',
      message: `capacity '${label}' is not visible to this identity (it needs capacity admin or contributor permissions on it)`,
      details: { capacity: label },
    };
  }
  const details = {
    capacityId: cap.id,
    capacityName: cap.displayName,
    sku: cap.sku,
    region: cap.region,
    state: cap.state,
  };
  if (cap.state !== 'Active') {
    return {
      status: 'fail',
      message: `capacity '${cap.displayName}' (${cap.sku}) is ${cap.state}: resume it (Azure portal → Fabric capacity → Resume) before deploying`,
      details,
    };
  }
  return {
    status: 'pass',
    message: `capacity '${cap.displayName}' (${cap.sku}, ${cap.region}) is Active`,
    details,
  };
}
