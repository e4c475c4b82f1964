import { stringify } from "csv-stringify/sync";
import type { Db } from "@/lib/db/client";
import { defuse } from "@/lib/payments/payment-csv-record";
import { KES_MINOR_PER_MAJOR } from "@/lib/rails/daraja/money";
import { eatDateOf, toEatIso } from "@/lib/time/eat";
import { findLedgerLinesPage, findMissingPaymentsPage, type RecordScope } from "./find-reconciliation-records";

/**
 * The exceptions of the screen's filters as CSV: ledger lines matching left unattached or
 * mismatched, reversals no Malipo refund accounts for (`unknown_reversal_line`, with the payment
 * whose receipt they gave back when Malipo has it), lines whose sources disagree, and succeeded payments missing from the ledger. Written
 * in batches of 500 as the reader asks (memory stays flat); every text a customer, storefront or
 * statement chose is defused against spreadsheet formulas as the payments export does, so a
 * `=HYPERLINK(…)` imported from a statement stays text here too. Amounts in major units with
 * two decimals (the ledger's cents).
 */
export const EXCEPTION_CSV_COLUMNS = [
  "kind", "day_eat", "collection_account", "currency", "amount", "receipt", "match_status", "payment_id", "account_reference",
  "counterparty", "sources", "note", "completed_at_eat", "completed_at_utc",
] as const;

const BATCH = 500;
const major = (minor: number) => (minor / KES_MINOR_PER_MAJOR).toFixed(2);

type Kind = "unattached" | "mismatched" | "unknown_reversal" | "disagreement";

export function streamExceptionsCsv(db: Db, scope: RecordScope): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // Disagreement first: a line whose sources disagree is that exception, whatever the matcher then
  // made of it (unattached or mismatched), so its kind does not depend on whether the matcher has run.
  const kinds: Kind[] = ["disagreement", "unattached", "mismatched", "unknown_reversal"];
  let stage = 0;
  let lineCursor: bigint | null = null;
  let paymentCursor: string | null = null;
  const seen = new Set<string>(); // a line with a disagreement is listed once, as such
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([[...EXCEPTION_CSV_COLUMNS]])));
    },
    // Each call enqueues or closes: a pull that does neither is not called again.
    async pull(controller) {
      while (!(await step(controller)));
    },
  }, { highWaterMark: 1 });

  /** One batch; true once it enqueued rows or closed the stream. */
  async function step(controller: ReadableStreamDefaultController<Uint8Array>): Promise<boolean> {
    if (stage < kinds.length) {
      const kind = kinds[stage]!;
      const rows = await findLedgerLinesPage(db, scope, kind, { after: lineCursor, take: BATCH });
      const records = rows.filter((l) => !seen.has(String(l.id))).map((l) => {
        seen.add(String(l.id));
        const at = l.completedAt ?? l.firstSeenAt;
        return [kind === "disagreement" ? "sources_disagree" : `${kind}_line`, eatDateOf(at), defuse(l.collectionAccount.name), l.currency, major(l.amountMinor),
          defuse(l.receipt), l.matchStatus, l.paymentId ?? "", defuse(l.accountReference ?? ""), defuse(l.counterpartyName ?? ""), l.sources.join(" "),
          defuse(l.disagreement ?? l.matchNote ?? ""), l.completedAt ? toEatIso(l.completedAt) : "", l.completedAt?.toISOString() ?? ""];
      });
      if (records.length > 0) controller.enqueue(encoder.encode(stringify(records)));
      if (rows.length < BATCH) {
        stage += 1;
        lineCursor = null;
      } else lineCursor = rows.at(-1)!.id;
      return records.length > 0;
    }
    const payments = await findMissingPaymentsPage(db, scope, { after: paymentCursor, take: BATCH });
    const records = payments.map((p) => ["missing_from_ledger", eatDateOf(p.completedAt!), defuse(p.collectionAccount?.name ?? ""), p.currency,
      major(p.amount * KES_MINOR_PER_MAJOR), defuse(p.mpesaReceipt ?? ""), "", p.id, defuse(p.reference), "", "",
      `succeeded in Malipo, absent from the ledger (flagged ${toEatIso(p.ledgerMissingAt!)})`, toEatIso(p.completedAt!), p.completedAt!.toISOString()]);
    if (records.length > 0) controller.enqueue(encoder.encode(stringify(records)));
    if (payments.length < BATCH) {
      controller.close();
      return true;
    }
    paymentCursor = payments.at(-1)!.id;
    return records.length > 0;
  }
}
