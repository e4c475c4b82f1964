import type { Db } from "@/lib/db/client";
import type { Refund, RefundEvent } from "@/lib/generated/prisma/client";

export type RefundView = Refund & { events: (Omit<RefundEvent, "id"> & { id: string })[] };

/** A payment's refunds, newest first, each with its timeline (ids as strings for the page). */
export async function findPaymentRefunds(db: Db, { paymentId }: { paymentId: string }): Promise<RefundView[]> {
  const rows = await db.refund.findMany({ where: { paymentId }, orderBy: { createdAt: "desc" }, include: { events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });
  return rows.map((r) => ({ ...r, events: r.events.map((e) => ({ ...e, id: String(e.id) })) }));
}
