import type { Db } from "@/lib/db/client";
import type { LedgerMatchStatus, Mode, Prisma } from "@/lib/generated/prisma/client";
import { addEatDays, eatDayStart } from "@/lib/time/eat";
import type { LineStatusFilter } from "./reconciliation-search-params";

/**
 * The records behind one of the screen's counts: ledger lines by match status (or those with a
 * disagreement between sources), or the succeeded payments flagged missing from the ledger. One
 * query per page, ordered by id so pages (and the CSV export's batches) never skip or repeat.
 */
export interface RecordScope {
  mode: Mode;
  from: string;
  to: string;
  accountId: string | null;
  day: string | null;
}

const LINE_STATUS: Partial<Record<LineStatusFilter, LedgerMatchStatus>> = {
  unattached: "UNATTACHED", mismatched: "MISMATCHED", matched: "MATCHED", filled: "FILLED", healed: "HEALED", pending: "PENDING",
  refund: "REFUND", unknown_reversal: "UNKNOWN_REVERSAL",
};

function range(scope: RecordScope) {
  const first = scope.day ?? scope.from;
  const last = scope.day ?? scope.to;
  return { gte: eatDayStart(first), lt: eatDayStart(addEatDays(last, 1)) };
}

export function ledgerLineWhere(scope: RecordScope, status: Exclude<LineStatusFilter, "missing">): Prisma.LedgerLineWhereInput {
  const when = range(scope);
  return {
    mode: scope.mode,
    ...(scope.accountId ? { collectionAccountId: scope.accountId } : {}),
    OR: [{ completedAt: when }, { completedAt: null, firstSeenAt: when }],
    ...(status === "disagreement" ? { disagreement: { not: null } } : { matchStatus: LINE_STATUS[status] }),
  };
}

export function missingPaymentWhere(scope: RecordScope): Prisma.PaymentWhereInput {
  return {
    mode: scope.mode, status: "SUCCEEDED", ledgerMissingAt: { not: null }, completedAt: range(scope),
    ...(scope.accountId ? { collectionAccountId: scope.accountId } : { collectionAccountId: { not: null } }),
  };
}

export async function findLedgerLinesPage(db: Db, scope: RecordScope, status: Exclude<LineStatusFilter, "missing">, { after, take }: { after?: bigint | null; take: number }) {
  return db.ledgerLine.findMany({
    where: { ...ledgerLineWhere(scope, status), ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" }, take,
    include: { collectionAccount: { select: { name: true } } },
  });
}

export async function findMissingPaymentsPage(db: Db, scope: RecordScope, { after, take }: { after?: string | null; take: number }) {
  return db.payment.findMany({
    where: { ...missingPaymentWhere(scope), ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" }, take,
    select: { id: true, amount: true, currency: true, reference: true, mpesaReceipt: true, completedAt: true, ledgerMissingAt: true, collectionAccount: { select: { name: true } } },
  });
}

export async function countRecords(db: Db, scope: RecordScope, status: LineStatusFilter): Promise<number> {
  return status === "missing" ? db.payment.count({ where: missingPaymentWhere(scope) }) : db.ledgerLine.count({ where: ledgerLineWhere(scope, status) });
}
