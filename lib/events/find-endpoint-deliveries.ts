import type { Db } from "@/lib/db/client";
import { DELIVERY_LOG_PAGE_SIZE, type DeliveryLogParams } from "@/lib/events/dashboard-schemas";
import type { WebhookDeliveryStatus } from "@/lib/generated/prisma/client";

// Attempts shown per delivery; the count says how many there were in all.
const ATTEMPTS_SHOWN = 10;

/**
 * One webhook endpoint (of a storefront) and a page of its deliveries, newest first: the event,
 * the status, and the latest attempts with what the endpoint answered. Null when the endpoint is
 * not the storefront's.
 */
export async function findEndpointDeliveries(db: Db, { storefrontId, endpointId, status, page }: { storefrontId: string; endpointId: string } & DeliveryLogParams) {
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id: endpointId, storefrontId },
    select: { id: true, mode: true, url: true, enabled: true, failingSince: true, disabledReason: true, storefront: { select: { id: true, name: true } } },
  });
  if (!endpoint) return null;
  const where = { endpointId: endpoint.id, ...(status === "all" ? {} : { status: status.toUpperCase() as WebhookDeliveryStatus }) };
  const [total, deliveries] = await Promise.all([
    db.webhookDelivery.count({ where }),
    db.webhookDelivery.findMany({
      where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * DELIVERY_LOG_PAGE_SIZE, take: DELIVERY_LOG_PAGE_SIZE,
      select: {
        id: true, status: true, attemptCount: true, nextAttemptAt: true, deliveredAt: true, createdAt: true,
        event: { select: { id: true, type: true, paymentId: true, createdAt: true } },
        attempts: { orderBy: { attemptNumber: "desc" }, take: ATTEMPTS_SHOWN, select: { id: true, attemptNumber: true, requestedAt: true, statusCode: true, latencyMs: true, responseExcerpt: true, error: true } },
      },
    }),
  ]);
  return { endpoint, deliveries: deliveries.map((d) => ({ ...d, attempts: d.attempts.map((a) => ({ ...a, id: a.id.toString() })) })), total, page, pageSize: DELIVERY_LOG_PAGE_SIZE, totalPages: Math.max(1, Math.ceil(total / DELIVERY_LOG_PAGE_SIZE)) };
}

export type EndpointDeliveries = NonNullable<Awaited<ReturnType<typeof findEndpointDeliveries>>>;
