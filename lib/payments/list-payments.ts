import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Mode, Payment, PaymentStatus, Prisma } from "@/lib/generated/prisma/client";

/** The list's filters, as the API's query parser (lib/api/payment-schemas.ts) reads them. */
export interface ListPaymentsOptions {
  status?: string;
  reference?: string;
  createdGte?: Date;
  createdGt?: Date;
  createdLte?: Date;
  createdLt?: Date;
  limit: number;
  startingAfter?: string;
  storefrontId: string;
  mode: Mode;
}

/**
 * A page of a storefront's payments in one mode, newest first, with `starting_after` as the cursor
 * (the id of the last payment of the previous page). Ties on created_at are broken by id, so a page
 * boundary never skips or repeats a payment.
 */
export async function listPayments(db: Db, options: ListPaymentsOptions): Promise<{ data: Payment[]; hasMore: boolean }> {
  const { storefrontId, mode, limit } = options;
  const tenant = { storefrontId, mode };
  const filters: Prisma.PaymentWhereInput[] = [tenant];
  if (options.status) filters.push({ status: options.status.toUpperCase() as PaymentStatus });
  if (options.reference) filters.push({ reference: options.reference });
  const created: Prisma.DateTimeFilter = {};
  if (options.createdGte) created.gte = options.createdGte;
  if (options.createdGt) created.gt = options.createdGt;
  if (options.createdLte) created.lte = options.createdLte;
  if (options.createdLt) created.lt = options.createdLt;
  if (Object.keys(created).length > 0) filters.push({ createdAt: created });
  if (options.startingAfter) {
    const cursor = await db.payment.findFirst({ where: { ...tenant, id: options.startingAfter }, select: { id: true, createdAt: true } });
    if (!cursor) throw new AppError("invalid_request", `starting_after: no such payment '${options.startingAfter}'`, { param: "starting_after" });
    filters.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  }
  const rows = await db.payment.findMany({ where: { AND: filters }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
  return { data: rows.slice(0, limit), hasMore: rows.length > limit };
}
