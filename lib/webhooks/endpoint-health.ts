import type { Db } from "@/lib/db/client";

/**
 * An endpoint's health follows its attempts: the first failure after a success sets failingSince,
 * any success clears it, and a failure `disableAfterSeconds` or more after failingSince disables
 * the endpoint. Each step is one conditional update, so concurrent dispatchers agree without locks.
 */

export async function markEndpointHealthy(db: Db, endpointId: string): Promise<void> {
  await db.webhookEndpoint.updateMany({ where: { id: endpointId, failingSince: { not: null } }, data: { failingSince: null } });
}

export interface MarkEndpointFailingOptions {
  endpointId: string;
  now: Date;
  disableAfterSeconds: number;
  /** What the last attempt got, for the reason shown in the dashboard. */
  lastFailure: string;
}

/** Returns true when this failure is the one that disabled the endpoint. */
export async function markEndpointFailing(db: Db, { endpointId, now, disableAfterSeconds, lastFailure }: MarkEndpointFailingOptions): Promise<boolean> {
  await db.webhookEndpoint.updateMany({ where: { id: endpointId, failingSince: null }, data: { failingSince: now } });
  const cutoff = new Date(now.getTime() - disableAfterSeconds * 1000);
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { failingSince: true } });
  if (!endpoint?.failingSince || endpoint.failingSince > cutoff) return false;
  const { count } = await db.webhookEndpoint.updateMany({
    where: { id: endpointId, enabled: true, failingSince: { lte: cutoff } },
    data: {
      enabled: false,
      disabledAt: now,
      disabledReason: `Every delivery attempt failed from ${endpoint.failingSince.toISOString()} to ${now.toISOString()} (last: ${lastFailure}).`,
    },
  });
  return count === 1;
}
