import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Mode, Payment } from "@/lib/generated/prisma/client";

export interface GetPaymentOptions {
  id: string;
  storefrontId: string;
  mode: Mode;
}

// Every payment id is `pay_` and base62 (lib/ids.ts): anything else is not found without a query.
const PAYMENT_ID = /^pay_[0-9A-Za-z]{8,64}$/;

/** One payment of a storefront in one mode; another tenant's or mode's payment is simply not found. */
export async function getPaymentOrThrow(db: Db, { id, storefrontId, mode }: GetPaymentOptions): Promise<Payment> {
  const payment = PAYMENT_ID.test(id) ? await db.payment.findFirst({ where: { id, storefrontId, mode } }) : null;
  if (!payment) throw new AppError("not_found", `No such payment: '${JSON.stringify(id.slice(0, 64)).slice(1, -1)}'`, { param: "id" });
  return payment;
}
