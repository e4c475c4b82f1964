/**
 * The order batch writers record ledger lines in (a pull window, a statement's batch): the
 * receipt as recordLedgerLine keys it, upper case. One order for all of them means two batches
 * sharing receipts wait on each other's row locks instead of deadlocking.
 */
export function receiptOrder(a: string, b: string): number {
  const x = a.trim().toUpperCase();
  const y = b.trim().toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
