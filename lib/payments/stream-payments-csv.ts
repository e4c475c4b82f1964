import { stringify } from "csv-stringify/sync";
import pg from "pg";
import { to as copyTo, type CopyToStreamQuery } from "pg-copy-streams";
import { Prisma } from "@/lib/generated/prisma/client";
import { inlineSqlValues } from "@/lib/db/inline-sql-values";
import type { PublicMode } from "@/lib/payments/public-payment";
import { PAYMENT_CSV_COLUMNS, PAYMENT_CSV_SQL } from "@/lib/payments/payment-csv-record";
import { paymentWhereSql } from "@/lib/payments/payment-filter-sql";
import type { PaymentFilter } from "@/lib/payments/payment-filter";

export interface StreamPaymentsCsvOptions {
  filter: PaymentFilter;
  mode: PublicMode;
}

// As the application's pools: an unreachable server fails the export instead of hanging it.
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The whole filtered set as CSV, newest first, from one `COPY (SELECT …) TO STDOUT` on a connection
 * of its own: PostgreSQL writes the lines (PAYMENT_CSV_SQL, with the formula guard) and this only
 * passes the bytes on, one chunk each time the reader asks, so memory stays flat however many rows
 * there are and a slow download slows the server's reading through TCP. One statement, one
 * snapshot: the file is the set as it was when the export began. COPY takes no bound parameters, so
 * the filter's values are written into the statement as escaped literals.
 */
export function streamPaymentsCsv(databaseUrl: string, { filter, mode }: StreamPaymentsCsvOptions): ReadableStream<Uint8Array> {
  const select = Prisma.sql`
    SELECT ${PAYMENT_CSV_SQL}
      FROM payments p JOIN storefronts s ON s.id = p.storefront_id
     WHERE ${paymentWhereSql(filter, mode)}
     ORDER BY p.created_at DESC, p.id DESC`;
  const copy = `COPY (${inlineSqlValues(select)}) TO STDOUT WITH (FORMAT csv)`;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: "malipo-csv-export" });
  let copying: CopyToStreamQuery | null = null;
  let chunks: AsyncIterator<Buffer> | null = null;
  const release = () => client.end().catch(() => undefined);
  // Once the export is over (done, failed or abandoned) the connection's end is expected, not news.
  client.on("error", () => undefined);

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await client.connect();
        // The time columns are written from PostgreSQL's ISO text (payment-csv-record.ts).
        await client.query("SET DateStyle TO ISO");
      } catch (error) {
        await release();
        throw error;
      }
      copying = client.query(copyTo(copy));
      chunks = copying[Symbol.asyncIterator]();
      controller.enqueue(new TextEncoder().encode(stringify([[...PAYMENT_CSV_COLUMNS]])));
    },
    async pull(controller) {
      try {
        const { value, done } = await chunks!.next();
        if (done) {
          controller.close();
          await release();
        } else {
          controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        }
      } catch (error) {
        await release();
        throw error;
      }
    },
    async cancel() {
      // The reader went away (download aborted): closing the connection stops the COPY.
      copying?.on("error", () => undefined).destroy();
      await release();
    },
  }, { highWaterMark: 1 });
}
