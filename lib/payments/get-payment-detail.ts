import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export interface GetPaymentDetailOptions {
  paymentId: string;
}

/**
 * Everything known about one payment: its fields, its attempts (each push of its prompt), the timeline, every callback that reached us for
 * it (raw bodies), the storefront events with their deliveries and attempts, and the audit rows.
 * BigInt ids are turned into strings so the result can cross to client components.
 */
export async function getPaymentDetailOrThrow(db: Db, { paymentId }: GetPaymentDetailOptions) {
  const payment = await db.payment.findUnique({
    where: { id: paymentId },
    include: {
      storefront: { select: { id: true, name: true } },
      collectionAccount: { select: { id: true, name: true, source: true, rail: true } },
      attempts: { orderBy: { sequence: "asc" } },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      callbackLogs: { orderBy: [{ receivedAt: "asc" }, { id: "asc" }] },
      webhookEvents: {
        orderBy: { createdAt: "asc" },
        include: {
          deliveries: {
            orderBy: { createdAt: "asc" },
            include: { endpoint: { select: { url: true, mode: true } }, attempts: { orderBy: { attemptNumber: "asc" } } },
          },
        },
      },
    },
  });
  if (!payment) throw new AppError("not_found", "No such payment.");
  const [audit, actors] = await Promise.all([
    db.auditLog.findMany({ where: { entityType: "payment", entityId: payment.id }, orderBy: { createdAt: "asc" } }),
    actorEmails(db, payment.events.map((e) => e.actorUserId)),
  ]);
  const { events, callbackLogs, webhookEvents, attempts, ...fields } = payment;
  return {
    payment: fields,
    attempts,
    events: events.map((e) => ({ ...e, id: e.id.toString(), callbackLogId: e.callbackLogId?.toString() ?? null, actorEmail: e.actorUserId ? (actors.get(e.actorUserId) ?? e.actorUserId) : null })),
    callbacks: callbackLogs.map((c) => ({ ...c, id: c.id.toString() })),
    webhookEvents: webhookEvents.map((w) => ({
      ...w,
      deliveries: w.deliveries.map((d) => ({ ...d, attempts: d.attempts.map((a) => ({ ...a, id: a.id.toString() })) })),
    })),
    audit: audit.map((a) => ({ ...a, id: a.id.toString() })),
  };
}

export type PaymentDetail = Awaited<ReturnType<typeof getPaymentDetailOrThrow>>;

async function actorEmails(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!unique.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}
