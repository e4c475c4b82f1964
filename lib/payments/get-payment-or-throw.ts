import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Mode, Payment } from "@/lib/generated/prisma/client";

export interface GetPaymentOptions {
  id: string;
  storefrontId: string;
  mode: Mode;
}

/** One payment of a storefront in one mode; another tenant's or mode's payment is simply not found. */
export async function getPaymentOrThrow(db: Db, { id, storefrontId, mode }: GetPaymentOptions): Promise<Payment> {
  const payment = await db.payment.findFirst({ where: { id, storefrontId, mode } });
  if (!payment) throw new AppError("not_found", `No such payment: '${id.slice(0, 64)}'`, { param: "id" });
  return payment;
}
