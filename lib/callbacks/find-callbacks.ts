import type { Db } from "@/lib/db/client";
import type { CallbackOutcome, Prisma } from "@/lib/generated/prisma/client";
import { paginated, type Paginated } from "@/lib/db/paginated";

// The inbox shows the start of each body; the callback's own page shows all of it.
const EXCERPT_CHARS = 240;

/** The inbox's filters and page (the dashboard reads them from the URL: callback-search-params.ts). */
export interface CallbackSearch {
  outcome: CallbackOutcome[];
  /** A CheckoutRequestID or a payment id. */
  q: string;
  page: number;
  pageSize: number;
}

export interface CallbackRow {
  id: string;
  receivedAt: Date;
  outcome: string;
  sourceIp: string;
  ipAllowed: boolean;
  tokenValid: boolean;
  checkoutRequestId: string | null;
  paymentId: string | null;
  paymentMode: "TEST" | "LIVE" | null;
  error: string | null;
  attempts: number;
  bodyExcerpt: string;
  bodyLength: number;
}

/** Every stored callback, newest first, by verdict, CheckoutRequestID or payment id. */
export async function findCallbacks(db: Db, search: CallbackSearch): Promise<Paginated<CallbackRow>> {
  const q = search.q.trim();
  const where: Prisma.CallbackLogWhereInput = {
    ...(search.outcome.length ? { outcome: { in: [...search.outcome] } } : {}),
    ...(q ? { OR: [{ checkoutRequestId: q }, { paymentId: q }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.callbackLog.findMany({
      where, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], skip: (search.page - 1) * search.pageSize, take: search.pageSize,
      include: { payment: { select: { mode: true } } },
    }),
    db.callbackLog.count({ where }),
  ]);
  return paginated(
    rows.map((r) => ({
      id: r.id.toString(), receivedAt: r.receivedAt, outcome: r.outcome, sourceIp: r.sourceIp, ipAllowed: r.ipAllowed, tokenValid: r.tokenValid,
      checkoutRequestId: r.checkoutRequestId, paymentId: r.paymentId, paymentMode: r.payment?.mode ?? null, error: r.error, attempts: r.attempts,
      bodyExcerpt: r.body.slice(0, EXCERPT_CHARS), bodyLength: r.body.length,
    })),
    total, search.page, search.pageSize,
  );
}

