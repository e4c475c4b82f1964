import { stringify } from "csv-stringify/sync";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { PublicMode } from "@/lib/payments/public-payment";
import { PAYMENT_CSV_COLUMNS, toPaymentCsvRecord } from "@/lib/payments/payment-csv-record";
import { paymentWhereSql } from "@/lib/payments/payment-filter-sql";
import { PAYMENT_ROW_COLUMNS, toPaymentRow, type PaymentRowRecord } from "@/lib/payments/payment-row";
import type { PaymentFilter } from "@/lib/payments/payment-filter";

export interface StreamPaymentsCsvOptions {
  filter: PaymentFilter;
  mode: PublicMode;
  batchSize?: number;
}

/**
 * The whole filtered set as CSV, newest first. Rows are read in keyset batches on (created_at, id)
 * — never OFFSET, never all at once — and each batch is written only when the reader asks for more,
 * so memory stays flat however many rows there are and a slow download slows the queries.
 */
export function streamPaymentsCsv(db: Db, { filter, mode, batchSize = 1000 }: StreamPaymentsCsvOptions): ReadableStream<Uint8Array> {
  const where = paymentWhereSql(filter, mode);
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let headerSent = false;
  let done = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(stringify([[...PAYMENT_CSV_COLUMNS]])));
        return;
      }
      if (done) return;
      const after: Prisma.Sql = cursor ? Prisma.sql`AND (p.created_at, p.id) < (${cursor.createdAt}, ${cursor.id})` : Prisma.empty;
      const rows = await db.$queryRaw<PaymentRowRecord[]>`
        SELECT ${PAYMENT_ROW_COLUMNS}
          FROM payments p JOIN storefronts s ON s.id = p.storefront_id
         WHERE ${where} ${after}
         ORDER BY p.created_at DESC, p.id DESC
         LIMIT ${batchSize}`;
      if (rows.length) {
        const last = rows[rows.length - 1]!;
        cursor = { createdAt: last.created_at, id: last.id };
        const records = rows.map((r) => toPaymentCsvRecord(toPaymentRow(r)));
        controller.enqueue(encoder.encode(stringify(records, { columns: [...PAYMENT_CSV_COLUMNS] })));
      }
      if (rows.length < batchSize) {
        done = true;
        controller.close();
      }
    },
  }, { highWaterMark: 1 });
}
