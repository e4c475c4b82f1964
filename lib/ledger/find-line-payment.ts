import type { CollectionAccount, LedgerLine, PaymentStatus, Prisma } from "@/lib/generated/prisma/client";
import { evidenceOf } from "@/lib/ledger/ledger-observation";
import { paymentsOfAccount } from "@/lib/ledger/ledger-account";
import { msisdnMatches } from "@/lib/rails/daraja/msisdn-evidence";

export interface LinePayment {
  id: string;
  /** How it was found: named by the source, holding the receipt, or by reference and amount. */
  by: "source" | "receipt" | "reference";
}

/** A payment settled without a receipt is the likeliest owner, then an open one, then the unpaid ones. */
const PREFERENCE: Record<PaymentStatus, number> = { SUCCEEDED: 0, PENDING: 0, INITIATING: 0, EXPIRED: 1, FAILED: 2, CANCELLED: 2, REVIEW: 9 };

/**
 * The payment a ledger line is the money of: the one its source named, else the one holding its
 * receipt, else the account's payment whose reference is the line's account reference (ignoring
 * case and spaces) and whose amount is the line's — open, expired, failed, cancelled, or succeeded
 * without a receipt. Among several, one whose number the line's phone evidence fits comes first,
 * then by status, then the newest. Null: the money is no payment Malipo knows.
 */
export async function findLinePayment(
  tx: Prisma.TransactionClient,
  line: Pick<LedgerLine, "paymentId" | "receipt" | "accountReference" | "amountMinor" | "msisdn">,
  account: Pick<CollectionAccount, "id" | "source" | "storefrontId" | "mode">,
): Promise<LinePayment | null> {
  if (line.paymentId) return { id: line.paymentId, by: "source" };
  const holder = await tx.payment.findUnique({ where: { mpesaReceipt: line.receipt }, select: { id: true } });
  if (holder) return { id: holder.id, by: "receipt" };
  const reference = line.accountReference?.trim();
  if (!reference || line.amountMinor % 100 !== 0) return null;
  const candidates = await tx.payment.findMany({
    where: {
      AND: [
        paymentsOfAccount(account),
        { reference: { equals: reference, mode: "insensitive" }, amount: line.amountMinor / 100 },
        // Any payment but one in review (a person decides it) or one already paid with its own receipt.
        { status: { not: "REVIEW" }, OR: [{ status: { not: "SUCCEEDED" } }, { mpesaReceipt: null }] },
      ],
    },
    select: { id: true, status: true, phone: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  const evidence = evidenceOf(line);
  const fits = (phone: string) => (evidence && msisdnMatches(evidence, phone) ? 0 : 1);
  candidates.sort((a, b) => fits(a.phone) - fits(b.phone) || PREFERENCE[a.status] - PREFERENCE[b.status] || b.createdAt.getTime() - a.createdAt.getTime());
  return candidates[0] ? { id: candidates[0].id, by: "reference" } : null;
}
