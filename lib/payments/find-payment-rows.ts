import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { dbModeOf, type PublicMode } from "@/lib/payments/public-payment";
import { PAYMENT_ROW_COLUMNS, toPaymentRow, type PaymentRow, type PaymentRowRecord } from "@/lib/payments/payment-row";

export interface FindPaymentRowsOptions {
  ids: string[];
  mode: PublicMode;
}

/**
 * The payments table's rows for the given ids, as the table shows them, in one mode: what the
 * table's refresh of waiting rows asks for. Ids of the other mode (or of nothing) are left out.
 */
export async function findPaymentRows(db: Db, { ids, mode }: FindPaymentRowsOptions): Promise<PaymentRow[]> {
  if (!ids.length) return [];
  const rows = await db.$queryRaw<PaymentRowRecord[]>`
    SELECT ${PAYMENT_ROW_COLUMNS}
      FROM payments p JOIN storefronts s ON s.id = p.storefront_id
     WHERE p.id IN (${Prisma.join(ids)}) AND p.mode = ${dbModeOf(mode)}::"Mode"`;
  return rows.map(toPaymentRow);
}
