import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Mode, Refund } from "@/lib/generated/prisma/client";

const REFUND_ID = /^re_[0-9A-Za-z]{1,64}$/;

/** One refund of a storefront in one mode; another tenant's or mode's is simply not found. */
export async function getRefundOrThrow(db: Db, { id, storefrontId, mode }: { id: string; storefrontId: string; mode: Mode }): Promise<Refund> {
  const refund = REFUND_ID.test(id) ? await db.refund.findFirst({ where: { id, storefrontId, mode } }) : null;
  if (!refund) throw new AppError("not_found", `No such refund: '${JSON.stringify(id.slice(0, 64)).slice(1, -1)}'`, { param: "id" });
  return refund;
}

/** A page of a storefront's refunds in one mode (of one payment if named), newest first; `startingAfter` is the last id of the previous page. */
export async function listRefunds(db: Db, o: { storefrontId: string; mode: Mode; paymentId?: string; limit: number; startingAfter?: string }): Promise<{ data: Refund[]; hasMore: boolean }> {
  const tenant = { storefrontId: o.storefrontId, mode: o.mode, ...(o.paymentId ? { paymentId: o.paymentId } : {}) };
  let before: { createdAt: Date; id: string } | null = null;
  if (o.startingAfter) {
    const cursor = await db.refund.findFirst({ where: { ...tenant, id: o.startingAfter }, select: { createdAt: true, id: true } });
    if (!cursor) throw new AppError("invalid_request", `starting_after is not a refund of this list: ${o.startingAfter}`, { param: "starting_after" });
    before = cursor;
  }
  const rows = await db.refund.findMany({
    where: { ...tenant, ...(before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: o.limit + 1,
  });
  return { data: rows.slice(0, o.limit), hasMore: rows.length > o.limit };
}
