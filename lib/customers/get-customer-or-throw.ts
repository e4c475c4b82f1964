import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Every payment id is `pay_` and base62 (lib/ids.ts): anything else is not found without a query.
const PAYMENT_ID = /^pay_[0-9A-Za-z]{8,64}$/;

export interface Customer {
  /** The payment the page is addressed by; any payment of the number addresses the same customer. */
  anchorPaymentId: string;
  phone: string;
}

/**
 * A customer is a phone number that was prompted. Its page is addressed by the id of one of its
 * payments, never by the number itself, so no full number ends up in a URL, the browser's history,
 * a proxy's access log or a shared link. The anchor is looked up in either mode: the page then shows
 * the number's payments in the mode the dashboard is viewing.
 */
export async function getCustomerOrThrow(db: Db, { paymentId }: { paymentId: string }): Promise<Customer> {
  const anchor = PAYMENT_ID.test(paymentId) ? await db.payment.findUnique({ where: { id: paymentId }, select: { id: true, phone: true } }) : null;
  if (!anchor) throw new AppError("not_found", "No such customer.");
  return { anchorPaymentId: anchor.id, phone: anchor.phone };
}
